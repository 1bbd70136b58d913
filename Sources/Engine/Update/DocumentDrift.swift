/// How a live libvirt object's document differs from the one bluevirt defined, looking only at
/// what bluevirt set: every element, attribute and text of the defined document is looked up
/// in the live one; what libvirt added (defaults, addresses, aliases, controllers) is not
/// drift. Memory sizes compare in KiB whatever their unit.
enum DocumentDrift {
    /// One line per field that differs: `memory: defined 524288 KiB, live 1048576 KiB`. Empty
    /// when the live object has everything as defined, or when a document cannot be read.
    static func differences(defined: String, live: String) -> [String] {
        guard let defined = XMLElementTree.parse(defined), let live = XMLElementTree.parse(live) else { return [] }
        var found: [String] = []
        compare(defined, live, parent: "", path: "", into: &found)
        return found
    }

    /// Elements whose content libvirt rewrites (namespaces of metadata are renamed).
    private static let skippedElements: Set<String> = ["metadata"]
    /// `parent/element@attribute` that libvirt rewrites: a machine alias expanded (`pc` →
    /// `pc-i440fx-7.2`), an interface's device name (libvirt names `vnet*` devices itself).
    private static let skippedAttributes: Set<String> = ["os/type@machine", "interface/target@dev"]
    private static let memoryElements: Set<String> = ["memory", "currentMemory", "maxMemory"]
    /// Character devices, whose `pty` terminal libvirt opens at start: it reads their `tty` and
    /// `<source path>` only from a running domain's document, never from a definition.
    private static let characterDevices: Set<String> = ["serial", "console", "parallel", "channel"]

    /// What libvirt's parser drops when it defines a document, so that no live definition has
    /// it, though the libvirt plugin's own domain template writes all of it: namespace
    /// declarations (libvirt writes back only those it uses), device aliases other than user
    /// aliases (`ua-…`; libvirt names devices itself) and a `pty` device's terminal.
    private static func isDroppedAttribute(_ key: String, of element: XMLElementTree) -> Bool {
        key == "xmlns" || key.hasPrefix("xmlns:") || (characterDevices.contains(element.name) && key == "tty")
    }

    private static func isDroppedChild(_ child: XMLElementTree, of element: XMLElementTree) -> Bool {
        if child.name == "alias" { return !(child.attribute("name") ?? "").hasPrefix("ua-") }
        return child.name == "source" && characterDevices.contains(element.name) && element.attribute("type") == "pty"
    }

    private static func compare(_ defined: XMLElementTree, _ live: XMLElementTree, parent: String, path: String, into found: inout [String]) {
        for (key, value) in defined.attributes
        where !skippedAttributes.contains("\(parent)/\(defined.name)@\(key)") && !isDroppedAttribute(key, of: defined) {
            if memoryElements.contains(defined.name), key == "unit" { continue }
            guard let liveValue = live.attribute(key) else {
                found.append("\(path)@\(key): defined '\(value)', live none")
                continue
            }
            let same = defined.name == "mac" ? value.lowercased() == liveValue.lowercased() : value == liveValue
            if !same { found.append("\(path)@\(key): defined '\(value)', live '\(liveValue)'") }
        }
        if memoryElements.contains(defined.name) {
            let definedKiB = kibibytes(defined.text, unit: defined.attribute("unit"))
            let liveKiB = kibibytes(live.text, unit: live.attribute("unit"))
            if definedKiB != liveKiB {
                found.append("\(path): defined \(definedKiB.map(String.init) ?? defined.text) KiB, live \(liveKiB.map(String.init) ?? live.text) KiB")
            }
        } else if !defined.text.isEmpty, defined.text != live.text {
            found.append("\(path): defined '\(defined.text)', live '\(live.text.isEmpty ? "none" : live.text)'")
        }
        var taken = Set<Int>()
        var ordinals: [String: Int] = [:]
        for child in defined.children where !skippedElements.contains(child.name) && !isDroppedChild(child, of: defined) {
            ordinals[child.name, default: 0] += 1
            let sameName = defined.children.filter { $0.name == child.name }.count
            let childPath = (path.isEmpty ? "" : path + "/") + child.name + (sameName > 1 ? "[\(ordinals[child.name]!)]" : "")
            // The live element of that name that differs least: libvirt may insert elements of
            // the same name (controllers) before the defined ones.
            var best: (index: Int, differences: [String])?
            for (index, candidate) in live.children.enumerated() where candidate.name == child.name && !taken.contains(index) {
                var differences: [String] = []
                compare(child, candidate, parent: defined.name, path: childPath, into: &differences)
                if best == nil || differences.count < best!.differences.count { best = (index, differences) }
                if differences.isEmpty { break }
            }
            guard let best else {
                found.append("\(childPath): defined, live none")
                continue
            }
            taken.insert(best.index)
            found += best.differences
        }
    }

    /// A memory size in KiB, as libvirt reads the `unit` attribute (default KiB).
    static func kibibytes(_ text: String, unit: String?) -> Int64? {
        guard let value = Int64(text) else { return nil }
        let bytes: Int64? = switch unit ?? "KiB" {
        case "b", "bytes": 1
        case "KB": 1000
        case "k", "KiB": 1024
        case "MB": 1_000_000
        case "M", "MiB": 1_048_576
        case "GB": 1_000_000_000
        case "G", "GiB": 1_073_741_824
        case "TB": 1_000_000_000_000
        case "T", "TiB": 1_099_511_627_776
        default: nil
        }
        guard let bytes else { return nil }
        return value * bytes / 1024
    }
}
