import Diagnostics

/// Turns a domain's parameters into the context its template reads: the plugin's defaults
/// applied (vcpu 1, domain_type qemu, memory_maxsize twice memory_size), derived values
/// computed (disk target names, buses, NIC models), every value checked.
enum DomainContext {
    /// memory_size when none is given: 512 MiB, in KiB as the plugin counts.
    static let defaultMemorySize = 524_288

    /// Parameters every built-in domain template reads.
    static let commonKeys: Set<String> = [
        "name", "resource_id", "instance_uuid", "domain_type", "vcpu", "memory_size", "memory_maxsize",
        "disks", "networks", "devices",
        // Read by the plugin's operations, not its template; accepted so plugin blueprints stay quiet.
        "wait_for_ip", "full_dump",
        // Read by apply's address wait (docs/templates.md), checked here with the other parameters.
        "wait_for_ip_timeout", "ip_address_sources", "shutdown_timeout",
    ]

    /// Parameters only one driver's template reads.
    static func driverKeys(_ driver: Driver) -> Set<String> {
        switch driver {
        case .qemu: ["machine", "kernel", "initrd", "cmdline", "guest_agent", "serial_file", "graphics", "loader", "nvram"]
        case .lxc: ["init", "init_args", "root"]
        case .xen: ["os_type", "kernel", "initrd", "cmdline"]
        case .esx: []
        case .bhyve: ["loader"]
        case .test: []
        }
    }

    /// Every parameter each driver's built-in template reads, made once rather than per domain.
    static let knownKeys: [Driver: Set<String>] = Dictionary(
        uniqueKeysWithValues: Driver.allCases.map { ($0, commonKeys.union(driverKeys($0))) })

    static let diskKeys: Set<String> = ["file", "volume", "pool", "type", "bus", "dev", "device", "readonly"]
    static let networkKeys: Set<String> = ["network", "bridge", "mac", "dev", "type"]

    /// `driverIsFixed`: the connection chose the driver, so `domain_type` must be one of its
    /// types; otherwise `domain_type` chose it and may be any driver's type. `recorded`: false
    /// when nothing will render the context, which is then empty (ContextRecorder).
    static func build(_ reader: ParameterReader, driver: Driver, driverIsFixed: Bool, warnUnknown: Bool, recorded: Bool = true) -> [String: Any] {
        var context = ContextRecorder(isRecorded: recorded, values: reader.context(adding: 32))
        if warnUnknown {
            reader.warnUnknownKeys(known: knownKeys[driver] ?? commonKeys, template: driver.domainTemplateName)
        }
        if let common = CommonFields.read(reader, kind: .domain, derivingUUID: recorded) {
            context.merge(common.contextValues(identity: reader.parameters.identity))
        }

        let domainType =
            driverIsFixed
            ? reader.choice("domain_type", allowed: driver.domainTypes, meaning: "domain_type for the \(driver.rawValue) driver",
                            notes: ["the node's connection URI (libvirt_auth, else --connect, else $LIBVIRT_DEFAULT_URI, else qemu:///system) is a \(driver.rawValue) one; "
                                    + "give the node the connection of the driver you mean (e.g. libvirt_auth: lxc:/// for an lxc domain), or remove domain_type"])
            : reader.choice("domain_type", allowed: Driver.allCases.flatMap(\.domainTypes), meaning: "domain_type")
        context["domain_type"] = domainType ?? driver.domainTypes[0]
        context["vcpu"] = reader.int("vcpu", atLeast: 1, atMost: LibvirtLimits.vcpus, meaning: "the vCPU count") ?? 1
        checkAddressWait(reader)

        let largestMemory = LibvirtLimits.memoryKiB
        let given = reader.int("memory_size", atLeast: 1, atMost: largestMemory, meaning: "the memory size in KiB")
        let maximum = reader.int("memory_maxsize", atLeast: 1, atMost: largestMemory, meaning: "the maximum memory size in KiB")
        let memory = given ?? maximum ?? defaultMemorySize
        // memory is at most largestMemory, so twice it cannot overflow.
        let maxMemory = maximum ?? memory * 2
        if given != nil, !reader.isGiven("memory_maxsize"), maxMemory > largestMemory.value {
            reader.error(.valueOutOfRange,
                         "'memory_maxsize', twice 'memory_size' unless given, would be \(maxMemory) KiB: more than \(largestMemory.value) (\(largestMemory.description))",
                         at: "memory_size",
                         notes: ["give 'memory_maxsize' of at most \(largestMemory.value), or a memory_size of at most \(largestMemory.value / 2)"])
        }
        if let given, let maximum, maximum < given {
            reader.error(.valueOutOfRange, "'memory_maxsize' (\(maximum) KiB) is smaller than 'memory_size' (\(given) KiB)",
                         at: "memory_maxsize", notes: ["memory_maxsize defaults to twice memory_size; remove it or raise it"])
        }
        context["memory_size"] = memory
        context["memory_maxsize"] = maxMemory

        let profile = DriverProfile.of(driver)
        let disks = disks(reader, profile: profile, driver: driver, builtin: warnUnknown)
        context["disks"] = disks
        context["networks"] = networks(reader, profile: profile, driver: driver, warnUnknown: warnUnknown, recorded: recorded)
        context["scsi_controller"] = disks.contains { $0["bus"] as? String == "scsi" }
        PassthroughDevices.read(reader, into: &context)

        switch driver {
        case .qemu: qemu(reader, domainType: domainType ?? "qemu", builtin: warnUnknown, disks: disks, into: &context)
        case .lxc: lxc(reader, into: &context)
        case .xen: xen(reader, into: &context)
        case .bhyve: context["loader"] = reader.absolutePath("loader").orFalse
        case .esx, .test: break
        }
        return context.values
    }

    /// `builtin`: bluevirt's template renders the machine and firmware; a user's template
    /// writes its own (the plugin's arm64 example: a pflash loader with `nvram`), so the checks
    /// of what bluevirt's template would write do not apply.
    private static func qemu(_ reader: ParameterReader, domainType: String, builtin: Bool, disks: [[String: Any]],
                             into context: inout ContextRecorder) {
        // q35 has no IDE controller; the plugin's template uses pc (i440fx), so a disk on bus
        // ide, as the plugin's users write them, chooses pc when no machine is given.
        let wantsIDE = disks.contains { $0["bus"] as? String == "ide" }
        let machine = reader.string("machine") ?? (wantsIDE ? "pc" : "q35")
        let isQ35 = machine == "q35" || machine.hasPrefix("pc-q35-")
        // The machines are those of the built-in template's x86_64 guest; a user's template
        // writes its own architecture (the plugin's arm64 example: machine 'virt').
        if builtin, !(isQ35 || machine == "pc" || machine.hasPrefix("pc-i440fx-")) {
            reader.error(.unknownChoice, "unknown machine '\(machine)' for x86_64", at: "machine",
                         notes: ["allowed values: q35, pc, pc-q35-VERSION, pc-i440fx-VERSION",
                                 "for another machine or architecture, give your own template (template_resource)"])
        }
        context["machine"] = machine
        kernelBoot(reader, into: &context)
        context["guest_agent"] = reader.bool("guest_agent") ?? false
        context["serial_file"] = reader.absolutePath("serial_file").orFalse
        context["graphics"] = reader.bool("graphics") ?? false
        context["loader"] = reader.absolutePath("loader").orFalse
        context["nvram"] = reader.absolutePath("nvram").orFalse
        // host-passthrough needs KVM; under TCG emulation QEMU's default CPU model is the safe one.
        context["cpu_mode"] = domainType == "kvm" ? "host-passthrough" : false
        if builtin, reader.isGiven("nvram"), !reader.isGiven("loader") {
            reader.error(.conflictingParameters, "'nvram' is given without 'loader'", at: "nvram",
                         notes: ["an NVRAM file belongs to a UEFI loader: add 'loader', e.g. /usr/share/OVMF/OVMF_CODE.fd"])
        }
        // Buses depend on the machine: q35 has no IDE controller.
        if builtin, isQ35 {
            var disks = disks
            for (index, disk) in disks.enumerated() where disk["bus"] as? String == "ide" {
                reader.error(.conflictingParameters, "disk bus 'ide' does not exist on machine '\(machine)'",
                             at: "disks[\(index)].bus", notes: ["use bus 'sata', or machine 'pc'"])
                disks[index]["bus"] = "sata"
            }
            context["disks"] = disks
        }
    }

    private static func kernelBoot(_ reader: ParameterReader, into context: inout ContextRecorder) {
        let kernel = reader.absolutePath("kernel")
        context["kernel"] = kernel.orFalse
        context["initrd"] = reader.absolutePath("initrd").orFalse
        context["cmdline"] = reader.string("cmdline").orFalse
        for key in ["initrd", "cmdline"] where reader.isGiven(key) && !reader.isGiven("kernel") {
            reader.error(.conflictingParameters, "'\(key)' is given without 'kernel'", at: key,
                         notes: ["direct kernel boot needs 'kernel', the path of the kernel image on the host"])
        }
    }

    private static func lxc(_ reader: ParameterReader, into context: inout ContextRecorder) {
        let initPath = reader.absolutePath("init") ?? "/sbin/init"
        context["init"] = initPath
        context["init_args"] = reader.strings("init_args")
        context["root"] = reader.absolutePath("root").orFalse
        // Without a root the container sees the host's files: an application container is fine,
        // but the host's own init (systemd) started there would manage the host's services.
        if initPath == "/sbin/init", !reader.isGiven("root"), !reader.isPending("root"), !reader.isPending("init") {
            reader.collector.add(.warning(
                .containerSharesHostRoot, "an lxc container without 'root' shares the host's root file system, and its init /sbin/init is the host's own",
                at: reader.range("root"),
                notes: [DiagnosticNote("give 'root', a directory holding the container's file system (an unpacked root file system such as Alpine's minirootfs)"),
                        DiagnosticNote("or give 'init', the program the container runs, to run one program on the host's files")]))
        }
    }

    private static func xen(_ reader: ParameterReader, into context: inout ContextRecorder) {
        let osType = reader.choice("os_type", allowed: ["hvm", "xen"], meaning: "Xen guest type") ?? "hvm"
        context["os_type"] = osType
        context["paravirtual"] = osType == "xen"
        kernelBoot(reader, into: &context)
        if osType == "xen", !reader.isGiven("kernel"), reader.requires(anyOf: ["kernel"]) {
            reader.error(.missingParameter, "a paravirtual Xen guest (os_type: xen) needs 'kernel'", at: "os_type")
        }
    }

    /// The address sources apply asks, in order; the names of libvirt's interface address sources.
    static let addressSources = ["lease", "agent", "arp"]

    /// `wait_for_ip_timeout` (seconds) and `ip_address_sources` do not reach the XML, but a wrong
    /// value should fail dry-run and validate-time rendering, not an apply minutes later.
    private static func checkAddressWait(_ reader: ParameterReader) {
        _ = reader.int("wait_for_ip_timeout", atLeast: 1, meaning: "the address wait in seconds")
        _ = reader.int("shutdown_timeout", atLeast: 0, meaning: "the graceful shutdown wait in seconds")
        let sources = reader.strings("ip_address_sources")
        for (index, source) in sources.enumerated() where !addressSources.contains(source) {
            var notes = ["allowed values: \(addressSources.joined(separator: ", "))"]
            if let suggestion = closestName(to: source, in: addressSources) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
            reader.error(.unknownChoice, "unknown address source '\(source)' in '\(reader.fullPath("ip_address_sources"))[\(index)]'",
                         at: "ip_address_sources[\(index)]", notes: notes)
        }
    }

    /// The disks. The lists of buses and formats, an ESX datastore path and an LXC domain's want
    /// of disks say what the `builtin` templates write; a user's template writes the values as it
    /// likes (or not at all), and libvirt judges what it makes of them.
    private static func disks(_ reader: ParameterReader, profile: DriverProfile, driver: Driver, builtin: Bool) -> [[String: Any]] {
        let items = reader.items("disks")
        if builtin, !items.isEmpty, !profile.takesDisks {
            reader.error(.conflictingParameters, "a \(driver.rawValue) domain takes no 'disks'", at: "disks",
                         notes: ["give the container's root directory as 'root'"])
            return []
        }
        var used = Set<String>()
        var counters: [String: Int] = [:]
        var result: [[String: Any]] = []
        // Given target names are reserved first, so generated ones never collide with them.
        for item in items { if let dev = item.string("dev") { used.insert(dev) } }
        var seen = Set<String>()
        for item in items {
            if builtin { item.warnUnknownKeys(known: diskKeys, template: "disk") }
            var disk = item.context(adding: 12)
            // A user's template may write libvirt's other devices (floppy, lun) as given.
            let device = (builtin ? item.choice("device", allowed: ["disk", "cdrom"], meaning: "disk device") : item.string("device")) ?? "disk"
            let buses = device == "cdrom" ? profile.cdromBusChoices : profile.diskBuses
            let givenBus = builtin ? item.choice("bus", allowed: buses, meaning: "\(device) bus for the \(driver.rawValue) driver") : item.string("bus")
            let bus = givenBus ?? (device == "floppy" ? "fdc" : buses[0])
            let format: String? =
                if !builtin { item.string("type") ?? (driver == .esx ? nil : device == "cdrom" ? "raw" : profile.defaultDiskFormat) }
                else if driver == .esx { nil }
                else { item.choice("type", allowed: profile.diskFormats, meaning: "disk format") ?? (device == "cdrom" ? "raw" : profile.defaultDiskFormat) }
            let file = driver == .esx ? (builtin ? esxPath(item) : item.string("file")) : item.absolutePath("file")
            let volume = item.string("volume")
            let pool = item.string("pool")
            if volume != nil, pool == nil, item.requires(anyOf: ["pool"]) {
                item.error(.missingParameter, "the disk names volume '\(volume!)' but no 'pool'", at: "volume",
                           notes: ["give 'pool', the storage pool that holds the volume"])
            }
            if file != nil, volume != nil {
                item.error(.conflictingParameters, "a disk takes 'file' or 'volume', not both", at: "volume")
            }
            // Removable media may be empty; a disk or a lun needs its source.
            if file == nil, volume == nil, !["cdrom", "floppy"].contains(device), !item.isGiven("file"), item.requires(anyOf: ["file", "volume"]) {
                item.error(.missingParameter, "the disk has no source: give 'file' (a path) or 'volume' and 'pool'", at: "file")
            }
            var dev = item.string("dev")
            if let given = dev, !seen.insert(given).inserted {
                item.error(.conflictingParameters, "two disks use the target device '\(given)'", at: "dev",
                           notes: ["give each disk its own 'dev', or leave 'dev' out for bluevirt to choose one"])
            }
            if dev == nil {
                let prefix = DriverProfile.devicePrefix(forBus: bus)
                var index = counters[prefix, default: 0]
                while used.contains(DriverProfile.deviceName(prefix: prefix, index: index)) { index += 1 }
                dev = DriverProfile.deviceName(prefix: prefix, index: index)
                used.insert(dev!)
                counters[prefix] = index + 1
            }
            disk["dev"] = dev
            disk["bus"] = bus
            disk["device"] = device
            disk["format"] = format.orFalse
            disk["type"] = format.orFalse
            disk["driver_name"] = profile.diskDriverName.orFalse
            disk["file"] = file.orFalse
            disk["volume"] = volume.orFalse
            disk["pool"] = pool.orFalse
            disk["source_type"] = volume != nil ? "volume" : "file"
            let readonly = item.bool("readonly") ?? (device == "cdrom")
            disk["readonly"] = readonly
            // The backup workflow's internal snapshots hold only qcow2 disks, and libvirt leaves
            // a writable disk out of one only when the domain says so.
            disk["snapshot_no"] = (driver == .qemu || driver == .test) && !readonly && format != nil && format != "qcow2"
            result.append(disk)
        }
        return result
    }

    /// ESX disk paths name a datastore: `[datastore1] web/web.vmdk`.
    private static func esxPath(_ item: ParameterReader) -> String? {
        guard let file = item.string("file") else { return nil }
        let isDatastorePath = file.hasPrefix("[") && file.firstRange(of: "] ") != nil && !file.hasPrefix("[]")
        if !isDatastorePath {
            item.error(.pathNotAbsolute, "an ESX disk file must be a datastore path such as '[datastore1] web/web.vmdk', not '\(file)'",
                       at: "file")
            return nil
        }
        return file
    }

    /// libvirt's schema pattern for `<source bridge=...>`.
    private static func isBridgeName(_ name: String) -> Bool {
        // By byte: the pattern is ASCII.
        name.utf8.allSatisfy { ValueChecks.isASCIILetterOrDigit($0) || "_.-\\:/ ".utf8.contains($0) }
    }

    private static func networks(_ reader: ParameterReader, profile: DriverProfile, driver: Driver, warnUnknown: Bool,
                                 recorded: Bool) -> [[String: Any]] {
        reader.items("networks").map { item in
            if warnUnknown { item.warnUnknownKeys(known: networkKeys, template: "interface") }
            var nic = ContextRecorder(isRecorded: recorded, values: item.context(adding: 8))
            var network = item.string("network")
            var bridge = item.string("bridge")
            if network != nil, bridge != nil {
                item.error(.conflictingParameters, "an interface takes 'network' or 'bridge', not both", at: "bridge")
            }
            if network == nil, bridge == nil, item.requires(anyOf: ["network", "bridge"]) {
                item.error(.missingParameter, "the interface has no source: give 'network' (a libvirt network) or 'bridge' (a host bridge)",
                           at: "network")
            }
            if let name = bridge ?? (profile.hasLibvirtNetworks ? nil : network), !isBridgeName(name) {
                item.error(.invalidObjectName, "'\(name)' cannot be a bridge or port group name", at: bridge != nil ? "bridge" : "network",
                           notes: ["libvirt allows letters, digits, spaces and '_', '.', '-', ':', '/', '\\' here"])
            }
            if !profile.hasLibvirtNetworks, bridge == nil {
                // ESX port groups are written as bridges.
                bridge = network
                network = nil
            }
            var mac: String?
            if let given = item.string("mac") {
                if let normalized = ValueChecks.normalizedMAC(given) {
                    if ValueChecks.isMulticastMAC(normalized) {
                        item.error(.invalidMACAddress, "'\(given)' is a multicast MAC address; a NIC needs a unicast one", at: "mac",
                                   notes: ["the first octet must be even, e.g. 52:54:00:xx:xx:xx"])
                    } else {
                        mac = normalized
                    }
                } else {
                    item.error(.invalidMACAddress, "'\(given)' is not a MAC address", at: "mac",
                               notes: ["write six hexadecimal pairs separated by ':', e.g. 52:54:00:12:34:56"])
                }
            }
            var model = profile.defaultNICModel
            if item.isGiven("type"), !warnUnknown {
                // A user's template renders `type` as it likes (or not at all, as the plugin's
                // arm64 example); the models are the built-in template's vocabulary.
                model = item.string("type")
            } else if item.isGiven("type") {
                model = profile.nicModels.isEmpty ? nil : item.choice("type", allowed: profile.nicModels, meaning: "NIC model for the \(driver.rawValue) driver")
                if profile.nicModels.isEmpty {
                    item.error(.conflictingParameters, "a \(driver.rawValue) interface takes no model ('type')", at: "type", notes: ["remove 'type'"])
                }
            }
            var dev = item.string("dev")
            if let given = dev, !ValueChecks.isInterfaceName(given) {
                item.error(.invalidObjectName, "'\(given)' cannot be a host interface name", at: "dev",
                           notes: ["host interface names are up to 15 letters, digits, '-', '_' or '.'"])
                dev = nil
            }
            nic["source_type"] = bridge != nil ? "bridge" : "network"
            nic["network"] = network.orFalse
            nic["bridge"] = bridge.orFalse
            nic["mac"] = mac.orFalse
            nic["model"] = model.orFalse
            nic["type"] = model.orFalse
            nic["dev"] = dev.orFalse
            return nic.values
        }
    }
}
