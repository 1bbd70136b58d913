import YAMLSource

/// The type definitions a built-in file's tree holds only in outline (their derived_from), and
/// where each one's whole value is in the file's archive. Only the types a blueprint uses are
/// read whole (UsedTypes, Assembler); the others never need more than their outline.
struct OutlinedDefinitions {
    /// The sections outlined, and the one key their entries keep.
    static let sections: Set<String> = ["node_types", "relationships"]
    static let keptKey = "derived_from"

    let archive: String
    let file: String
    let offsets: [String: [String: Int]]

    /// Where the whole value of `name` in `section` is, when it is outlined.
    func archivedValue(section: String, name: String) -> ArchivedValue? {
        offsets[section]?[name].map { ArchivedValue(archive: archive, file: file, offset: $0) }
    }
}

/// One definition's whole value in a built-in file's archive. A class: every SectionEntry has
/// room for one, and a reference is 8 bytes where the fields are 40 (2 MB at 50,000 templates).
final class ArchivedValue: Sendable {
    let archive: String
    let file: String
    let offset: Int

    init(archive: String, file: String, offset: Int) {
        self.archive = archive
        self.file = file
        self.offset = offset
    }

    /// The value; nil only for an archive this build did not make (its tests read every one).
    func read() -> Node? { NodeArchive.decodeValue(archive, file: file, at: offset) }
}
