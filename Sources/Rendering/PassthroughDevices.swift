/// The plugin's `devices` parameter: host devices passed through to the guest, each a mapping
/// with `type` and that type's fields. As the plugin's `common.handle_devices`, they are split
/// by type into the context lists `serial_devices`, `usb_devices`, `pci_devices` and
/// `tpm_devices` (what the plugin's own template reads, so a user's Jinja2 template in its shape
/// works), each item with only its type's fields. bluevirt's QEMU template renders them.
enum PassthroughDevices {
    /// Each type's fields, in the plugin's order.
    static let fields: [String: [String]] = [
        "serial": ["source_path", "target_port"],
        "usb": ["vendor_id", "product_id"],
        "pci": ["bus", "slot", "function"],
        "tpm": ["path"],
    ]
    static let types = ["serial", "usb", "pci", "tpm"]
    /// The context list of each type, in the order of `types`.
    static let contextKeys = types.map { "\($0)_devices" }

    /// Reads `devices` into the four lists. An integer id or address is written in hex, as
    /// libvirt reads it (YAML turns `0x1d6b` into the number 7531); a device of an unknown type
    /// or without one of its fields is a diagnostic (the plugin drops it without a word).
    static func read(_ reader: ParameterReader, into context: inout ContextRecorder) {
        let items = reader.items("devices")
        guard !items.isEmpty else {
            // Nearly every domain: four empty lists, without the lookups below.
            for key in contextKeys { context[key] = [[String: Any]]() }
            return
        }
        var lists: [String: [[String: Any]]] = [:]
        for item in items {
            guard let type = item.choice("type", allowed: types, meaning: "passthrough device type") else {
                // The type sorts a device into its list: a template reading the lists needs it.
                if !item.isGiven("type"), item.requires(anyOf: ["type"] + contextKeys) {
                    item.error(.missingParameter, "the device has no 'type' (\(types.joined(separator: ", ")))", at: "type")
                }
                continue
            }
            var device: [String: Any] = [:]
            for field in fields[type] ?? [] {
                guard let value = value(of: field, type: type, in: item) else {
                    if item.requires(anyOf: [field]) {
                        item.error(.missingParameter, "a \(type) device needs '\(field)' (its fields: \(fields[type]!.joined(separator: ", ")))", at: field)
                    }
                    continue
                }
                device[field] = value
            }
            lists[type, default: []].append(device)
        }
        for (type, key) in zip(types, contextKeys) { context[key] = lists[type] ?? [] }
    }

    /// A field's text: integers of ids and PCI addresses in hex (`0x1d6b`, `0x01`), the rest as given.
    private static func value(of field: String, type: String, in item: ParameterReader) -> String? {
        if case .int(let number)? = item.values[field] {
            switch field {
            case "vendor_id", "product_id": return "0x" + hex(number, digits: 4)
            case "bus", "slot": return "0x" + hex(number, digits: 2)
            case "function": return "0x" + hex(number, digits: 1)
            default: return String(number)
            }
        }
        return item.string(field)
    }

    private static func hex(_ number: Int, digits: Int) -> String {
        let text = String(number, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
