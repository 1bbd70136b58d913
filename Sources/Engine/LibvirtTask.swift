/// A task of the Cloudify libvirt plugin as an operation's implementation names it
/// (`libvirt.cloudify_libvirt.domain_tasks.update`), and what bluevirt does when a run reaches
/// it. A blueprint may map any of the plugin's tasks to any operation (the plugin's vm_centos
/// example runs `domain_tasks.update` as a domain's `start`); bluevirt runs the task that is
/// named, not the one the operation's name suggests.
struct LibvirtTask: Sendable, Hashable {
    /// The plugin's module, `domain_tasks`.
    var module: String
    /// The task in it, `update`.
    var name: String

    static let prefix = "libvirt.cloudify_libvirt."

    /// The plugin's task named by `implementation`; nil for anything else (another plugin, a
    /// script) and for a name that is not `MODULE.TASK` under the plugin's package.
    init?(implementation: String) {
        guard implementation.hasPrefix(Self.prefix) else { return nil }
        // Bytes, not Characters: every step of a plan asks (splitting by Character was a tenth
        // of making a 1,000-domain run's work graph).
        let rest = implementation.utf8.dropFirst(Self.prefix.utf8.count)
        guard let dot = rest.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let task = rest[rest.index(after: dot)...]
        guard !task.contains(UInt8(ascii: ".")) else { return nil }
        module = String(decoding: rest[..<dot], as: UTF8.self)
        name = String(decoding: task, as: UTF8.self)
    }

    /// The tasks of each module of the plugin (0.9.x): the ones its plugin.yaml maps, and the
    /// domain's device tasks its code defines besides. `iso9660_tasks.delete` is bluevirt's own
    /// (the plugin leaves an image's volume behind).
    static let modules: [String: [String]] = [
        "domain_tasks": ["create", "configure", "start", "reboot", "update", "stop", "delete", "suspend", "resume",
                         "snapshot_create", "snapshot_apply", "snapshot_delete", "perfomance",
                         "update_domain_flags", "attach_device_flags", "detach_device_flags"],
        "network_tasks": ["create", "delete", "snapshot_create", "snapshot_apply", "snapshot_delete", "link", "unlink"],
        "pool_tasks": ["create", "configure", "start", "stop", "delete", "snapshot_create", "snapshot_apply", "snapshot_delete"],
        "volume_tasks": ["create", "start", "stop", "delete", "snapshot_create", "snapshot_apply", "snapshot_delete"],
        "iso9660_tasks": ["create", "delete"],
    ]

    /// Whether the plugin has this task.
    var isKnown: Bool { Self.modules[module]?.contains(name) ?? false }

    /// The kind of object the module's tasks work on; nil for an unknown module.
    var objectKind: LibvirtObjectKind? {
        switch module {
        case "domain_tasks": .domain
        case "network_tasks": .network
        case "pool_tasks": .pool
        case "volume_tasks": .volume
        case "iso9660_tasks": .iso9660
        default: nil
        }
    }

    /// What a run does for the task; nil for the tasks bluevirt does not run in install or
    /// uninstall (backups, statistics, device hot-plugging), which validate refuses there.
    var workOperation: WorkOperation? {
        switch name {
        case "create": .create
        case "configure": .configure
        case "start": .start
        case "stop": .stop
        case "delete": .delete
        case "update": .domain(.update)
        case "reboot": .domain(.reboot)
        case "suspend": .domain(.suspend)
        case "resume": .domain(.resume)
        // The plugin's link reads the domain's address from the network's DHCP leases; bluevirt's
        // start has waited for the addresses already, so there is nothing left to do.
        case "link", "unlink": .relationship(name)
        default: nil
        }
    }

    /// The backup or statistics task, which the utilities plugin's workflows run (`bluevirt run
    /// backup`); nil for the others.
    var backupTask: BackupTask? {
        guard [.domain, .network, .pool, .volume].contains(objectKind) else { return nil }
        return BackupTask(rawValue: name)
    }

    /// Why bluevirt does not run the task as part of install or uninstall, for validate's message.
    var whyNotRun: String {
        if name.hasPrefix("snapshot_") {
            return "it is a backup task (cloudify.interfaces.snapshot), which the backup, restore and remove_backup workflows run (bluevirt run), not install"
        }
        if name == "perfomance" { return "it samples statistics (cloudify.interfaces.statistics), which the statistics workflow runs (bluevirt run), not install" }
        return "it hot-plugs devices from a rendered template, which bluevirt does not do"
    }
}

/// The domain tasks besides the object lifecycle, as bluevirt runs them.
public enum DomainAction: String, Sendable, Hashable {
    /// Memory (current; vCPUs and maximum memory only while shut off) from the merged params.
    case update
    case reboot
    case suspend
    case resume
}
