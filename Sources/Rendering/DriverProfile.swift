/// What differs between drivers in the parts of a domain that all templates share (disks and
/// interfaces): the buses and formats each accepts and the defaults the user need not give.
struct DriverProfile {
    var diskBuses: [String]
    var diskFormats: [String]
    /// `<driver name=...>` of a disk; nil writes no `<driver>` element (ESX).
    var diskDriverName: String?
    var nicModels: [String]
    /// The NIC model written when the user names none; nil lets the driver choose.
    var defaultNICModel: String?
    /// Whether an interface's `network` is a libvirt network; ESX knows only port groups,
    /// written as `<interface type='bridge'>`.
    var hasLibvirtNetworks: Bool
    var takesDisks: Bool
    /// The buses a cdrom may be on, the first its default; nil: the disk buses. QEMU's q35
    /// machine has no IDE and boots a SATA cdrom; libvirt's bhyve driver attaches a cdrom only
    /// as an AHCI one (`ahci-cd`) and refuses a virtio cdrom ("unsupported disk device").
    var cdromBuses: [String]? = nil

    var defaultDiskBus: String { diskBuses[0] }
    var cdromBusChoices: [String] { cdromBuses ?? diskBuses }
    var defaultDiskFormat: String { diskFormats[0] }

    static func of(_ driver: Driver) -> DriverProfile {
        switch driver {
        case .qemu:
            DriverProfile(
                diskBuses: ["virtio", "sata", "scsi", "ide", "usb"], diskFormats: ["qcow2", "raw", "vmdk", "vdi", "vpc", "qed"],
                diskDriverName: "qemu", nicModels: ["virtio", "e1000", "e1000e", "rtl8139", "ne2k_pci", "pcnet"],
                defaultNICModel: "virtio", hasLibvirtNetworks: true, takesDisks: true, cdromBuses: ["sata", "virtio", "scsi", "ide", "usb"])
        case .lxc:
            DriverProfile(
                diskBuses: ["virtio"], diskFormats: ["raw"], diskDriverName: nil, nicModels: [],
                defaultNICModel: nil, hasLibvirtNetworks: true, takesDisks: false)
        case .xen:
            DriverProfile(
                diskBuses: ["xen", "ide", "scsi"], diskFormats: ["raw", "qcow2", "vhd"], diskDriverName: "qemu",
                nicModels: ["netfront", "e1000", "rtl8139"], defaultNICModel: nil, hasLibvirtNetworks: true, takesDisks: true)
        case .esx:
            DriverProfile(
                diskBuses: ["scsi", "ide", "sata"], diskFormats: ["vmdk"], diskDriverName: nil,
                nicModels: ["e1000", "e1000e", "vmxnet3", "vmxnet2", "vmxnet", "vlance"], defaultNICModel: "e1000",
                hasLibvirtNetworks: false, takesDisks: true)
        case .bhyve:
            DriverProfile(
                diskBuses: ["virtio", "sata"], diskFormats: ["raw"], diskDriverName: "file",
                nicModels: ["virtio", "e1000"], defaultNICModel: "virtio", hasLibvirtNetworks: true, takesDisks: true,
                cdromBuses: ["sata"])
        case .test:
            DriverProfile(
                diskBuses: ["virtio", "sata", "scsi", "ide"], diskFormats: ["qcow2", "raw"], diskDriverName: "qemu",
                nicModels: ["virtio", "e1000"], defaultNICModel: nil, hasLibvirtNetworks: true, takesDisks: true)
        }
    }

    /// The device name prefix libvirt's guests see for a bus: vda, xvda, sda, hda.
    static func devicePrefix(forBus bus: String) -> String {
        switch bus {
        case "virtio": "vd"
        case "xen": "xvd"
        case "ide": "hd"
        case "fdc": "fd"
        default: "sd"
        }
    }

    /// The n-th device name for a prefix, counting as Linux does: a..z, aa..az, ...
    static func deviceName(prefix: String, index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var suffix = ""
        var n = index
        repeat {
            suffix = String(letters[n % 26]) + suffix
            n = n / 26 - 1
        } while n >= 0
        return prefix + suffix
    }
}
