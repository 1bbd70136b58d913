import Rendering
import Testing
import YAMLSource

/// Values that cannot be valid are diagnostics before rendering, at the value.
@Suite("Parameter diagnostics")
struct ParameterDiagnosticsTests {
    /// A range that only the value at `path` has, so a test sees the diagnostic points there.
    static func valueRange(line: Int) -> SourceRange {
        SourceRange(file: "blueprint.yaml", start: SourceLocation(line: line, column: 9), end: SourceLocation(line: line, column: 20))
    }

    /// Renders and returns the diagnostics with `code`, expecting no XML when any is an error.
    static func diagnostics(
        _ kind: DocumentKind, driver: Driver = .qemu, _ values: [String: RenderValue], path: String? = nil, code: DiagnosticCode
    ) -> [Diagnostic] {
        let ranges = path.map { [$0: valueRange(line: 42)] } ?? [:]
        let result = TemplateRenderer.render(kind: kind, driver: driver, parameters: parameters(values, valueRanges: ranges))
        let found = result.diagnostics.filter { $0.code == code }
        #expect(!found.isEmpty, "expected \(code.id), got: \(describe(result.diagnostics))")
        if found.contains(where: { $0.severity == .error }) { #expect(result.xml == nil) }
        if path != nil { #expect(found.allSatisfy { $0.range == valueRange(line: 42) }, "not at the value: \(describe(found))") }
        return found
    }

    @Test("a name with '/' (BV0601)")
    func slashInName() {
        let found = Self.diagnostics(.domain, ["name": "web/1"], path: "name", code: .invalidObjectName)
        #expect(found.first?.message.contains("'/'") == true)
        _ = Self.diagnostics(.network, ["name": "lan", "dev": "bridge-name-too-long"], path: "dev", code: .invalidObjectName)
    }

    @Test("memory of zero, vcpu of zero, maximum below current (BV0602)")
    func sizes() {
        _ = Self.diagnostics(.domain, ["memory_size": 0], path: "memory_size", code: .valueOutOfRange)
        _ = Self.diagnostics(.domain, ["vcpu": 0], path: "vcpu", code: .valueOutOfRange)
        _ = Self.diagnostics(.domain, ["memory_size": 2048, "memory_maxsize": 1024], path: "memory_maxsize", code: .valueOutOfRange)
        _ = Self.diagnostics(.volume, ["capacity": 0], path: "capacity", code: .valueOutOfRange)
    }

    @Test("memory, vCPUs and volume sizes beyond the largest libvirt accepts, and a default memory_maxsize beyond it (BV0602)")
    func sizesTooLarge() {
        let memory = Self.diagnostics(.domain, ["memory_size": .int(1 << 62)], path: "memory_size", code: .valueOutOfRange)
        #expect(memory.first?.message.contains("is more than 9007199254740991") == true, "\(describe(memory))")
        _ = Self.diagnostics(.domain, ["memory_size": .int(.max)], path: "memory_size", code: .valueOutOfRange)
        _ = Self.diagnostics(.domain, ["memory_size": 1024, "memory_maxsize": .int(.max)], path: "memory_maxsize", code: .valueOutOfRange)
        let doubled = Self.diagnostics(.domain, ["memory_size": 4_503_599_627_370_496], path: "memory_size", code: .valueOutOfRange)
        #expect(doubled.first?.notes.map(\.message).contains("give 'memory_maxsize' of at most 9007199254740991, or a memory_size of at most 4503599627370495") == true)
        _ = Self.diagnostics(.domain, ["vcpu": 65536], path: "vcpu", code: .valueOutOfRange)
        _ = Self.diagnostics(.volume, ["capacity": 8_796_093_022_208], path: "capacity", code: .valueOutOfRange)
        _ = Self.diagnostics(.volume, ["capacity": 1, "allocation": .int(.max)], path: "allocation", code: .valueOutOfRange)
        let largest = TemplateRenderer.render(kind: .domain, driver: .qemu, parameters: parameters(
            ["memory_size": 4_503_599_627_370_495, "vcpu": 65535]))
        #expect(largest.diagnostics.isEmpty, "\(describe(largest.diagnostics))")
        #expect(largest.xml?.contains("<memory unit=\"KiB\">9007199254740990</memory>") == true)
    }

    @Test("a MAC that is not one, and a multicast MAC (BV0603)", arguments: ["52:54:00:12:34", "52-54-00-12-34-56", "zz:54:00:12:34:56", "01:00:5e:00:00:01"])
    func mac(text: String) {
        _ = Self.diagnostics(.domain, ["networks": [["network": "lan", "mac": .string(text)]]], path: "networks[0].mac", code: .invalidMACAddress)
    }

    @Test("a reservation's MAC is checked too (BV0603)")
    func reservationMAC() {
        _ = Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "dhcp": ["hosts": [["mac": "nope", "ip": "10.0.0.5"]]]]]],
                             path: "ips[0].dhcp.hosts[0].mac", code: .invalidMACAddress)
    }

    @Test("an unknown forward mode, with the closest allowed one (BV0604)")
    func forwardMode() {
        let found = Self.diagnostics(.network, ["forwards": [["mode": "nta"]]], path: "forwards[0].mode", code: .unknownChoice)
        #expect(found.first?.notes.map(\.message).contains("did you mean 'nat'?") == true)
        #expect(found.first?.notes.map(\.message).contains("allowed values: none, nat, route, open") == true)
    }

    @Test("an unknown domain_type, or one another driver owns (BV0604)")
    func domainType() {
        let found = Self.diagnostics(.domain, ["domain_type": "kmv"], path: "domain_type", code: .unknownChoice)
        #expect(found.first?.notes.map(\.message).contains("did you mean 'kvm'?") == true)
        _ = Self.diagnostics(.domain, driver: .lxc, ["domain_type": "kvm"], path: "domain_type", code: .unknownChoice)
        _ = Self.diagnostics(.volume, ["capacity": 1, "format": "vmdk"], path: "format", code: .unknownChoice)
        _ = Self.diagnostics(.domain, ["machine": "virt"], path: "machine", code: .unknownChoice)
    }

    @Test("apply's address wait and destroy's shutdown wait: an unknown source, with the closest one (BV0604), and timeouts out of range (BV0602)")
    func addressWait() {
        let found = Self.diagnostics(.domain, ["ip_address_sources": ["lease", "agnet"]], path: "ip_address_sources[1]", code: .unknownChoice)
        #expect(found.first?.notes.map(\.message).contains("did you mean 'agent'?") == true)
        _ = Self.diagnostics(.domain, ["wait_for_ip_timeout": 0], path: "wait_for_ip_timeout", code: .valueOutOfRange)
        _ = Self.diagnostics(.domain, ["shutdown_timeout": -1], path: "shutdown_timeout", code: .valueOutOfRange)
        let fine = TemplateRenderer.render(kind: .domain, driver: .qemu,
                                           parameters: parameters(["ip_address_sources": ["arp", "lease"], "wait_for_ip_timeout": 60, "shutdown_timeout": 0]))
        #expect(fine.diagnostics.isEmpty, "\(describe(fine.diagnostics))")
        #expect(fine.xml != nil)
    }

    @Test("a value of the wrong type (BV0605)")
    func wrongType() {
        _ = Self.diagnostics(.domain, ["vcpu": "two"], path: "vcpu", code: .wrongParameterType)
        _ = Self.diagnostics(.domain, ["networks": "lan"], path: "networks", code: .wrongParameterType)
        _ = Self.diagnostics(.domain, ["disks": ["/img.qcow2"]], path: "disks[0]", code: .wrongParameterType)
        _ = Self.diagnostics(.domain, ["guest_agent": "yes"], path: "guest_agent", code: .wrongParameterType)
    }

    @Test("addresses, netmasks, prefixes and ranges (BV0606)")
    func addresses() {
        _ = Self.diagnostics(.network, ["ips": [["address": "10.0.0.256"]]], path: "ips[0].address", code: .invalidIPAddress)
        _ = Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "netmask": "255.0.255.0"]]], path: "ips[0].netmask", code: .invalidIPAddress)
        _ = Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "prefix": 33]]], path: "ips[0].prefix", code: .invalidIPAddress)
        let reversed = Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "dhcp": ["start": "10.0.0.9", "end": "10.0.0.2"]]]],
                                        path: "ips[0].dhcp.start", code: .invalidIPAddress)
        // It said only what was wrong.
        #expect(reversed.flatMap(\.notes).map(\.message) == ["swap them: start: 10.0.0.2, end: 10.0.0.9"], "\(describe(reversed))")
        _ = Self.diagnostics(.network, ["ips": [["address": "fd00::1", "prefix": 64, "dhcp": ["start": "10.0.0.2", "end": "fd00::9"]]]],
                             path: "ips[0].dhcp.start", code: .invalidIPAddress)
    }

    /// Each DHCP diagnostic says what to write, as every diagnostic must; these had no note.
    @Test("DHCP ranges and reservations are refused with a hint (BV0606, BV0608)")
    func dhcpProblemsHaveHints() {
        let found = [
            Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "dhcp": ["start": "10.0.0", "end": "10.0.0.9"]]]], code: .invalidIPAddress),
            Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "dhcp": ["start": "10.0.0.2"]]]], code: .missingParameter),
            Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "dhcp": ["hosts": [["mac": "52:54:00:12:34:56", "ip": "ten"]]]]]], code: .invalidIPAddress),
            Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "dhcp": ["hosts": [["mac": "52:54:00:12:34:56"]]]]]], code: .missingParameter),
            Self.diagnostics(.network, ["ips": [["address": "10.0.0.1", "dhcp": ["hosts": [["ip": "10.0.0.5"]]]]]], code: .missingParameter),
        ].joined()
        #expect(found.count == 5, "\(describe(Array(found)))")
        #expect(found.allSatisfy { !$0.notes.isEmpty }, "\(describe(Array(found)))")
    }

    /// libvirt refuses such a network when it is defined; validate said it was valid.
    @Test("a DHCP range outside its network, or at its network or broadcast address (BV0606)")
    func dhcpRangeOutsideTheNetwork() {
        func range(_ ip: [String: RenderValue], start: RenderValue, end: RenderValue) -> [String: RenderValue] {
            var ip = ip
            ip["dhcp"] = ["start": start, "end": end]
            return ["ips": [.map(ip)]]
        }
        let outside = Self.diagnostics(.network, range(["address": "10.0.1.1", "netmask": "255.255.255.0"], start: "10.0.0.10", end: "10.0.1.50"),
                                       path: "ips[0].dhcp.start", code: .invalidIPAddress)
        #expect(outside.map(\.message) == ["the DHCP range start 10.0.0.10 is outside the network 10.0.1.1/24"])
        #expect(outside.first?.notes.first?.message == "use addresses from 10.0.1.1 to 10.0.1.254")
        _ = Self.diagnostics(.network, range(["address": "10.0.0.1", "prefix": 16], start: "10.0.0.10", end: "10.1.0.50"),
                             path: "ips[0].dhcp.end", code: .invalidIPAddress)
        // Without a netmask or prefix the template writes 255.255.255.0.
        _ = Self.diagnostics(.network, range(["address": "10.0.0.1"], start: "10.0.0.10", end: "10.0.1.50"),
                             path: "ips[0].dhcp.end", code: .invalidIPAddress)
        _ = Self.diagnostics(.network, range(["address": "fd00::1", "prefix": 64], start: "fd00::10", end: "fd01::50"),
                             path: "ips[0].dhcp.end", code: .invalidIPAddress)
        let ends = Self.diagnostics(.network, range(["address": "10.0.0.1", "prefix": 24], start: "10.0.0.0", end: "10.0.0.255"),
                                    code: .invalidIPAddress)
        #expect(ends.map(\.message) == ["the DHCP range start 10.0.0.0 is the network's own address",
                                         "the DHCP range end 10.0.0.255 is the network's broadcast address"])
        for fine in [range(["address": "10.0.0.1", "netmask": "255.255.0.0"], start: "10.0.1.10", end: "10.0.2.50"),
                     range(["address": "fd00::1", "prefix": 64], start: "fd00::10", end: "fd00::50"),
                     range(["address": "192.168.1.1"], start: "192.168.1.2", end: "192.168.1.254"),
                     range(["address": "10.0.0.1"], start: .pending("get_attribute: [lan, first]"), end: "10.0.0.50")] {
            let result = TemplateRenderer.render(kind: .network, parameters: parameters(fine))
            #expect(result.diagnostics.isEmpty, "\(fine): \(describe(result.diagnostics))")
        }
    }

    @Test("required parameters (BV0608)")
    func missing() {
        _ = Self.diagnostics(.volume, [:], code: .missingParameter)
        _ = Self.diagnostics(.domain, ["networks": [["mac": "52:54:00:00:00:01"]]], code: .missingParameter)
        let unnamed = TemplateRenderer.render(kind: .domain, parameters: parameters([:], identity: nil))
        #expect(unnamed.diagnostics.map(\.code) == [.missingParameter])
    }

    @Test("relative paths (BV0609)")
    func relativePaths() {
        _ = Self.diagnostics(.domain, ["kernel": "boot/vmlinuz"], path: "kernel", code: .pathNotAbsolute)
        _ = Self.diagnostics(.domain, ["disks": [["file": "images/a.qcow2"]]], path: "disks[0].file", code: .pathNotAbsolute)
        _ = Self.diagnostics(.domain, driver: .esx, ["disks": [["file": "/vmfs/a.vmdk"]]], path: "disks[0].file", code: .pathNotAbsolute)
        _ = Self.diagnostics(.pool, ["path": "pool"], path: "path", code: .pathNotAbsolute)
    }

    @Test("a UUID that is not one (BV0610)")
    func uuid() {
        _ = Self.diagnostics(.network, ["instance_uuid": "1234"], path: "instance_uuid", code: .invalidUUID)
    }

    @Test("parameters that contradict each other (BV0615)")
    func conflicts() {
        _ = Self.diagnostics(.domain, ["initrd": "/boot/initrd"], path: "initrd", code: .conflictingParameters)
        _ = Self.diagnostics(.volume, ["capacity": 1, "format": "raw", "backing_store": "/b.qcow2"], path: "backing_store", code: .conflictingParameters)
        _ = Self.diagnostics(.network, ["forwards": [["mode": "nat"], ["mode": "route"]]], path: "forwards[1]", code: .conflictingParameters)
        _ = Self.diagnostics(.domain, driver: .lxc, ["disks": [["file": "/a.img"]]], path: "disks", code: .conflictingParameters)
        _ = Self.diagnostics(.domain, ["disks": [["file": "/a", "dev": "vda"], ["file": "/b", "dev": "vda"]]], code: .conflictingParameters)
        _ = Self.diagnostics(.domain, ["machine": "q35", "disks": [["file": "/a", "bus": "ide"]]], path: "disks[0].bus", code: .conflictingParameters)
    }

    @Test("an lxc container without root runs the host's /sbin/init on the host's files: a warning (BV0625); with root or another init none")
    func containerWithoutRoot() {
        let shared = TemplateRenderer.render(kind: .domain, driver: .lxc, parameters: parameters([:]))
        #expect(shared.diagnostics.map(\.code) == [.containerSharesHostRoot], "\(describe(shared.diagnostics))")
        #expect(shared.diagnostics.first?.severity == .warning)
        #expect(shared.xml != nil)
        for given: [String: RenderValue] in [["root": "/srv/box"], ["init": "/bin/sh"]] {
            let fine = TemplateRenderer.render(kind: .domain, driver: .lxc, parameters: parameters(given))
            #expect(fine.diagnostics.isEmpty, "\(given): \(describe(fine.diagnostics))")
        }
    }

    @Test("the libvirt plugin's defaults: a pool's directory, machine pc for a disk on ide")
    func pluginDefaults() {
        let pool = TemplateRenderer.render(kind: .pool, parameters: parameters(["name": "images"]))
        #expect(pool.diagnostics.isEmpty && pool.xml?.contains("<path>/var/lib/libvirt/images/images</path>") == true, "\(pool)")
        let ide = TemplateRenderer.render(kind: .domain, parameters: parameters(["disks": [["file": "/a.img", "bus": "ide", "type": "raw"]]]))
        #expect(ide.diagnostics.isEmpty, "\(describe(ide.diagnostics))")
        #expect(ide.xml?.contains(#"machine="pc""#) == true && ide.xml?.contains(#"bus="ide""#) == true, "\(ide.xml ?? "")")
        let virtio = TemplateRenderer.render(kind: .domain, parameters: parameters(["disks": [["file": "/a.img"]]]))
        #expect(virtio.xml?.contains(#"machine="q35""#) == true)
    }

    @Test("a parameter the built-in template does not read is a warning with a suggestion (BV0616)")
    func unknownParameter() {
        let result = TemplateRenderer.render(kind: .domain, parameters: parameters(["memroy_size": 1024], valueRanges: ["memroy_size": Self.valueRange(line: 7)]))
        #expect(result.xml != nil)
        let warning = result.diagnostics.first { $0.code == .unknownParameter }
        #expect(warning?.severity == .warning)
        #expect(warning?.range == Self.valueRange(line: 7))
        #expect(warning?.notes.first?.message == "did you mean 'memory_size'?")
        #expect(warning?.notes.last?.message == "remove it, or give a user template (template_resource or template_content), which receives every parameter")
    }

    /// Each said only what was wrong; a note now says what to write.
    @Test("document errors name the step to take")
    func documentErrorsNameTheStep() {
        let cases: [(DocumentKind, Driver, [String: RenderValue], DiagnosticCode, String)] = [
            (.domain, .qemu, ["disks": [["volume": "web.qcow2"]]], .missingParameter, "give 'pool', the storage pool that holds the volume"),
            (.domain, .qemu, ["disks": [["file": "/a.img", "dev": "vda"], ["file": "/b.img", "dev": "vda"]]], .conflictingParameters,
             "give each disk its own 'dev', or leave 'dev' out for bluevirt to choose one"),
            (.domain, .lxc, ["networks": [["network": "lan", "type": "virtio"]]], .conflictingParameters, "remove 'type'"),
            (.network, .qemu, ["forwards": [["mode": "nat"], ["mode": "route"]]], .conflictingParameters, "keep one entry in 'forwards'"),
            (.network, .qemu, ["forwards": [["mode": "nat", "dev": "a bridge"]]], .invalidObjectName,
             "host interface names are up to 15 letters, digits, '-', '_' or '.'"),
            (.network, .qemu, ["ips": [["address": "10.0.0.256"]]], .invalidIPAddress,
             "write the host's address on the network, such as 192.168.142.1 or fd00:142::1"),
        ]
        for (kind, driver, values, code, step) in cases {
            let notes = Self.diagnostics(kind, driver: driver, values, code: code).flatMap(\.notes).map(\.message)
            #expect(notes.contains(step), "\(values): no note '\(step)' among \(notes)")
        }
    }

    @Test("every problem of a document is reported, not only the first")
    func allProblems() {
        let result = TemplateRenderer.render(kind: .domain, parameters: parameters([
            "name": "a/b", "memory_size": 0, "networks": [["network": "lan", "mac": "bad"]],
        ]))
        #expect(Set(result.diagnostics.map(\.code)) == [.invalidObjectName, .valueOutOfRange, .invalidMACAddress])
    }

    @Test("the catalog lists every code once, all BV06xx")
    func catalog() {
        let ids = DiagnosticCode.renderingCodes.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("BV06") && $0.count == 6 })
        #expect(DiagnosticCode.renderingCodes.allSatisfy { !$0.summary.isEmpty })
    }
}
