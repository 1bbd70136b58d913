/// One of the image's two views of the same directory tree: the primary hierarchy (level-1
/// names, Rock Ridge entries with the real names and modes) or the Joliet hierarchy (UCS-2
/// names). Each has its own directory extents and path tables; both point at the same file data.
struct Hierarchy {
    enum Kind {
        case primary
        case joliet
    }

    enum Entry {
        case directory(Int)
        case file(Int)
    }

    let kind: Kind
    let tree: DirectoryTree
    /// The identifier of every directory and file, by its index in `tree`.
    let directoryIdentifiers: [[UInt8]]
    let fileIdentifiers: [[UInt8]]
    /// Every directory's entries in record order (ECMA-119 9.3).
    let entries: [[Entry]]
    /// Directories in path table order (ECMA-119 9.4.3: by level, then by parent, then by
    /// identifier), which a breadth-first walk over sorted entries gives.
    let pathTableOrder: [Int]

    init(kind: Kind, tree: DirectoryTree) {
        self.kind = kind
        self.tree = tree
        // The root keeps the identifier [0], which its path table entry uses.
        var directoryIdentifiers = Array(repeating: DirectoryRecord.selfIdentifier, count: tree.directories.count)
        var fileIdentifiers = Array(repeating: [UInt8](), count: tree.files.count)
        for directory in tree.directories {
            let subdirectories = directory.subdirectories.map { (name: tree.directories[$0].name, isDirectory: true) }
            let files = directory.files.map { (name: tree.files[$0].name, isDirectory: false) }
            let identifiers: [[UInt8]] = switch kind {
            case .primary: LevelOneNames.identifiers(for: subdirectories + files).map { Array($0.utf8) }
            case .joliet: (subdirectories + files).map { Joliet.encode($0.name) }
            }
            for (index, child) in directory.subdirectories.enumerated() {
                directoryIdentifiers[child] = identifiers[index]
            }
            for (index, file) in directory.files.enumerated() {
                fileIdentifiers[file] = identifiers[directory.subdirectories.count + index]
            }
        }
        self.directoryIdentifiers = directoryIdentifiers
        self.fileIdentifiers = fileIdentifiers

        let precedes: ([UInt8], [UInt8]) -> Bool = switch kind {
        case .primary: { LevelOneNames.precedes(String(decoding: $0, as: UTF8.self), String(decoding: $1, as: UTF8.self)) }
        case .joliet: Joliet.precedes
        }
        let identifier: (Entry) -> [UInt8] = { entry in
            switch entry {
            case .directory(let index): directoryIdentifiers[index]
            case .file(let index): fileIdentifiers[index]
            }
        }
        entries = tree.directories.map { directory in
            (directory.subdirectories.map(Entry.directory) + directory.files.map(Entry.file))
                .sorted { precedes(identifier($0), identifier($1)) }
        }

        var order = [0]
        var next = 0
        while next < order.count {
            for case .directory(let child) in entries[order[next]] {
                order.append(child)
            }
            next += 1
        }
        pathTableOrder = order
    }

    /// Where each directory extent, each file and the root's SUSP continuation block lie.
    struct Locations {
        var directoryBlocks: [UInt32]
        var directorySizes: [UInt32]
        var fileBlocks: [UInt32]
        var continuationBlock: UInt32

        /// All zero: enough to measure extents, whose sizes do not depend on locations.
        static func unplaced(_ tree: DirectoryTree) -> Locations {
            Locations(directoryBlocks: Array(repeating: 0, count: tree.directories.count),
                      directorySizes: Array(repeating: 0, count: tree.directories.count),
                      fileBlocks: Array(repeating: 0, count: tree.files.count),
                      continuationBlock: 0)
        }
    }

    /// The directory's extent: `.`, `..` and its entries, whole sectors, no record crossing a
    /// sector boundary (ECMA-119 6.8.1.1).
    func directoryExtent(_ directory: Int, at locations: Locations, recordedAt timestamp: ISO9660Image.Timestamp) -> [UInt8] {
        var extent: [UInt8] = []
        for record in records(of: directory, at: locations) {
            let bytes = record.encoded(recordedAt: timestamp)
            if extent.count % ISO9660Image.sectorSize + bytes.count > ISO9660Image.sectorSize {
                extent.padToMultiple(of: ISO9660Image.sectorSize)
            }
            extent.append(contentsOf: bytes)
        }
        extent.padToMultiple(of: ISO9660Image.sectorSize)
        return extent
    }

    /// The record describing the root directory, as a volume descriptor holds it.
    func rootRecord(at locations: Locations) -> DirectoryRecord {
        DirectoryRecord(identifier: DirectoryRecord.selfIdentifier, location: locations.directoryBlocks[0],
                        dataLength: locations.directorySizes[0], isDirectory: true)
    }

    private func records(of directory: Int, at locations: Locations) -> [DirectoryRecord] {
        let parent = tree.directories[directory].parent
        var ownRecord = directoryRecord(directory, identifier: DirectoryRecord.selfIdentifier, at: locations)
        if directory == 0 && kind == .primary {
            // SP must come first in the root's `.` record; ER follows in the continuation block.
            let continuation = RockRidge.continuation(block: locations.continuationBlock, offset: 0,
                                                      length: UInt32(RockRidge.extensionReference.count))
            ownRecord.systemUse = RockRidge.suspIndicator + continuation + ownRecord.systemUse
        }
        var records = [ownRecord, directoryRecord(parent, identifier: DirectoryRecord.parentIdentifier, at: locations)]
        for entry in entries[directory] {
            switch entry {
            case .directory(let child):
                records.append(directoryRecord(child, identifier: directoryIdentifiers[child], at: locations,
                                               realName: tree.directories[child].name))
            case .file(let file):
                records.append(fileRecord(file, at: locations))
            }
        }
        return records
    }

    private func directoryRecord(_ directory: Int, identifier: [UInt8], at locations: Locations,
                                 realName: String? = nil) -> DirectoryRecord {
        var record = DirectoryRecord(identifier: identifier, location: locations.directoryBlocks[directory],
                                     dataLength: locations.directorySizes[directory], isDirectory: true)
        if kind == .primary {
            let links = UInt32(2 + tree.directories[directory].subdirectories.count)
            record.systemUse = (realName.map(RockRidge.alternateName) ?? [])
                + RockRidge.posixAttributes(mode: RockRidge.directoryMode, links: links)
        }
        return record
    }

    private func fileRecord(_ file: Int, at locations: Locations) -> DirectoryRecord {
        var record = DirectoryRecord(identifier: fileIdentifiers[file], location: locations.fileBlocks[file],
                                     dataLength: UInt32(tree.files[file].contents.count), isDirectory: false)
        if kind == .primary {
            record.systemUse = RockRidge.alternateName(tree.files[file].name)
                + RockRidge.posixAttributes(mode: RockRidge.fileMode, links: 1)
        }
        return record
    }

    /// A path table (ECMA-119 9.4), little-endian (type L) or big-endian (type M).
    func pathTable(bigEndian: Bool, at locations: Locations) -> [UInt8] {
        var numbers = Array(repeating: 0, count: tree.directories.count)
        for (position, directory) in pathTableOrder.enumerated() {
            numbers[directory] = position + 1
        }
        var table: [UInt8] = []
        for directory in pathTableOrder {
            let identifier = directoryIdentifiers[directory]
            let parentNumber = UInt16(numbers[tree.directories[directory].parent])
            table.append(UInt8(identifier.count))
            table.append(0)
            if bigEndian {
                table.appendBigEndian32(locations.directoryBlocks[directory])
                table.appendBigEndian16(parentNumber)
            } else {
                table.appendLittleEndian32(locations.directoryBlocks[directory])
                table.appendLittleEndian16(parentNumber)
            }
            table.append(contentsOf: identifier)
            table.padToMultiple(of: 2)
        }
        return table
    }
}
