import Blueprint
import Rendering

/// The volume nodes an ISO image node writes into, as the plugin's examples join them:
/// `volume: { get_attribute: [cloudinit_volume, resource_id] }` in the image's params. The
/// plugin creates its volumes without a format, which a directory pool makes raw; such a volume
/// holds the image's bytes as they are, so it is raw here too unless its params say otherwise
/// (bluevirt's own default is qcow2).
enum ImageVolumes {
    static func nodes(in blueprint: Blueprint) -> Set<String> {
        var nodes = Set<String>()
        // By index: `for template in` would copy every template to look at the few ISO images.
        let templates = blueprint.nodeTemplates.elements
        for index in templates.indices where LibvirtObjectKind(typeHierarchy: templates[index].typeHierarchy) == .iso9660 {
            guard let params = templates[index].libvirtParams else { continue }
            for source in params.expressions {
                for entry in source.mapEntries ?? [] where entry.key == "volume" {
                    guard case .call(let call) = entry.value.kind, call.function == .getAttribute, call.arguments.count == 2,
                          call.arguments[1].stringLiteral == "resource_id", let node = call.arguments[0].stringLiteral else { continue }
                    nodes.insert(node)
                }
            }
        }
        return nodes
    }

    /// `format: raw` when the params give none.
    static func defaultToRaw(_ values: inout [String: RenderValue]) {
        if values["format"].isAbsent { values["format"] = .string("raw") }
    }
}
