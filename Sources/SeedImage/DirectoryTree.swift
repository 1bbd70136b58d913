/// The directories and files of an image, built from file paths; directories are implied by the
/// paths. Directory 0 is the root. Children are kept in order of their real names so the image
/// does not depend on the order the files were given in.
struct DirectoryTree {
    struct Directory {
        /// The real name; empty for the root.
        var name: String
        /// Index of the parent directory; the root is its own parent.
        var parent: Int
        var subdirectories: [Int] = []
        var files: [Int] = []
    }

    struct FileEntry {
        var name: String
        var path: String
        var parent: Int
        var contents: [UInt8]
    }

    private(set) var directories: [Directory] = [Directory(name: "", parent: 0)]
    private(set) var files: [FileEntry] = []

    init(files given: [ISO9660Image.File]) throws(ISO9660Error) {
        // Sorting by path first makes indices, and so every later choice, independent of input order.
        for file in given.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            try add(file)
        }
    }

    private mutating func add(_ file: ISO9660Image.File) throws(ISO9660Error) {
        if file.contents.count > Int(UInt32.max) {
            throw .fileTooLarge(path: file.path, size: file.contents.count)
        }
        let names = try ImagePath.components(of: file.path)
        var directory = 0
        for (depth, name) in names.dropLast().enumerated() {
            if fileIndex(named: name, in: directory) != nil {
                throw .fileAndDirectory(path: names.prefix(depth + 1).joined(separator: "/"))
            }
            directory = subdirectoryIndex(named: name, in: directory) ?? makeDirectory(named: name, in: directory)
        }
        let name = names[names.count - 1]
        if fileIndex(named: name, in: directory) != nil {
            throw .duplicatePath(path: file.path)
        }
        if subdirectoryIndex(named: name, in: directory) != nil {
            throw .fileAndDirectory(path: file.path)
        }
        files.append(FileEntry(name: name, path: file.path, parent: directory, contents: file.contents))
        directories[directory].files.append(files.count - 1)
    }

    private func fileIndex(named name: String, in directory: Int) -> Int? {
        directories[directory].files.first { files[$0].name == name }
    }

    private func subdirectoryIndex(named name: String, in directory: Int) -> Int? {
        directories[directory].subdirectories.first { directories[$0].name == name }
    }

    private mutating func makeDirectory(named name: String, in parent: Int) -> Int {
        directories.append(Directory(name: name, parent: parent))
        directories[parent].subdirectories.append(directories.count - 1)
        return directories.count - 1
    }
}
