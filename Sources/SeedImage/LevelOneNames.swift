/// ISO 9660 level-1 identifiers for the primary hierarchy (ECMA-119 7.5 and 7.6): uppercase
/// d-characters only (A-Z, 0-9, `_`), files as 8.3 names with version `;1`, directories up to
/// eight characters. The real names go into Rock Ridge NM entries and the Joliet hierarchy.
enum LevelOneNames {
    /// Identifiers for the entries of one directory, in the same order as `entries`; unique
    /// within the directory. A name that clashes with an earlier one gets a number in its tail.
    static func identifiers(for entries: [(name: String, isDirectory: Bool)]) -> [String] {
        var taken: Set<String> = []
        return entries.map { entry in
            let (base, fileExtension) = entry.isDirectory
                ? (squeeze(entry.name, to: 8), nil)
                : splitFileName(entry.name)
            var candidate = base
            var counter = 1
            while taken.contains(identifier(base: candidate, extension: fileExtension)) {
                let digits = String(counter)
                candidate = String(base.prefix(8 - digits.count)) + digits
                counter += 1
            }
            let chosen = identifier(base: candidate, extension: fileExtension)
            taken.insert(chosen)
            return chosen
        }
    }

    /// The identifier as written: `BASE.EXT;1` for files (the dot stays even without an
    /// extension, as ECMA-119 7.5.1 requires), `BASE` for directories.
    private static func identifier(base: String, extension fileExtension: String?) -> String {
        guard let fileExtension else { return base }
        return base + "." + fileExtension + ";1"
    }

    private static func splitFileName(_ name: String) -> (base: String, extension: String) {
        // A leading dot (".profile") starts the name, it does not begin an extension.
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let base = squeeze(String(name[..<dot]), to: 8)
            return (base, squeeze(String(name[name.index(after: dot)...]), to: 3, allowEmpty: true))
        }
        return (squeeze(name, to: 8), "")
    }

    /// Uppercase d-characters, anything else as `_`, cut to `length`.
    private static func squeeze(_ text: String, to length: Int, allowEmpty: Bool = false) -> String {
        let mapped = text.unicodeScalars.prefix(length).map { scalar -> Character in
            switch scalar {
            case "A"..."Z", "0"..."9", "_": return Character(scalar)
            case "a"..."z": return Character(Unicode.Scalar(scalar.value - 32)!)
            default: return "_"
            }
        }
        return mapped.isEmpty && !allowEmpty ? "_" : String(mapped)
    }

    /// ECMA-119 9.3 orders directory records by name, then extension, each compared as if
    /// padded with spaces; the version number is equal (1) for every file here.
    static func precedes(_ left: String, _ right: String) -> Bool {
        let (leftName, leftExtension) = nameAndExtension(left)
        let (rightName, rightExtension) = nameAndExtension(right)
        let nameOrder = comparePadded(leftName, rightName)
        if nameOrder != 0 { return nameOrder < 0 }
        return comparePadded(leftExtension, rightExtension) < 0
    }

    private static func nameAndExtension(_ identifier: String) -> ([UInt8], [UInt8]) {
        let withoutVersion = identifier.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let parts = withoutVersion.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return (Array(parts[0].utf8), parts.count > 1 ? Array(parts[1].utf8) : [])
    }

    private static func comparePadded(_ left: [UInt8], _ right: [UInt8]) -> Int {
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0x20
            let b = index < right.count ? right[index] : 0x20
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }
}
