import Blueprint
import Diagnostics
import Rendering

/// Networks, pools, volumes and ISO images that bluevirt would create on an ESX connection.
/// libvirt's ESX driver defines no storage pools (datastores are made in vSphere), creates only
/// `DIRECTORY/FILE.vmdk` volumes of format vmdk (bluevirt's are qcow2 or raw, named
/// `NAME.qcow2`), and refuses a network with a UUID (bluevirt gives each one) or NAT: each
/// would fail at apply, after the objects before it were made. Said at validate instead.
enum ESXObjectCheck {
    /// The error for `kind` on `connection`, or nil when the driver is not ESX or the kind is a domain.
    static func diagnostic(kind: LibvirtObjectKind, node: String, connection: Connection, at range: SourceRange) -> Diagnostic? {
        // The connection's driver, read from its URI once (``Connection``): parsing the URI again cost more than the rest of the check.
        guard connection.driver == .esx else { return nil }
        let what: String, reason: String, instead: String
        switch kind {
        case .domain:
            return nil
        case .network:
            what = "a network"
            reason = "libvirt's ESX driver refuses a network with a UUID (bluevirt gives each one) or NAT, and its vSwitch has no port group for a domain's interface"
            instead = "name an existing port group in the domain's interface (`network: VM Network`), or adopt a vSwitch with use_external_resource: true and resource_id"
        case .pool:
            what = "a storage pool"
            reason = "libvirt's ESX driver defines no storage pools: ESX datastores are made in vSphere"
            instead = "adopt a datastore with use_external_resource: true and resource_id: DATASTORE"
        case .volume, .iso9660:
            what = kind == .volume ? "a volume" : "an ISO image volume"
            reason = "libvirt's ESX driver makes only volumes named DIRECTORY/FILE.vmdk in vmdk format (bluevirt's are qcow2 or raw)"
            instead = "give the domain a disk already in a datastore (`file: '[datastore1] web/web.vmdk'`), or adopt the volume with use_external_resource: true and resource_id"
        }
        return .error(.unsupportedOnESX, "node template '\(node)' would create \(what) on \(connection.uri), where bluevirt cannot create one",
                      at: range, notes: [DiagnosticNote(reason), DiagnosticNote(instead), DiagnosticNote("or give the node another connection in libvirt_auth")])
    }
}
