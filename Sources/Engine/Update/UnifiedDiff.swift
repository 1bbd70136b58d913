/// The difference between two texts, line by line, in the unified format of `diff -u` (three
/// lines of context), for showing how an object's document changes.
enum UnifiedDiff {
    /// Empty when the texts are equal.
    static func of(_ old: String, _ new: String, oldName: String = "recorded", newName: String = "planned") -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a != b else { return "" }
        // Longest common subsequence, from the end, over the lines (documents are short).
        var table = [[Int32]](repeating: [Int32](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        enum Line { case same(Int, Int), removed(Int), added(Int) }
        var lines: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append(.same(i, j)); i += 1; j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                lines.append(.removed(i)); i += 1
            } else {
                lines.append(.added(j)); j += 1
            }
        }
        let context = 3
        let changed = lines.indices.filter { if case .same = lines[$0] { false } else { true } }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(lines.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        // Lines of each text before each position, for the hunk headers.
        var before: [(old: Int, new: Int)] = []
        var counted = (old: 0, new: 0)
        for line in lines {
            before.append(counted)
            switch line {
            case .same: counted.old += 1; counted.new += 1
            case .removed: counted.old += 1
            case .added: counted.new += 1
            }
        }
        var output = ["--- \(oldName)", "+++ \(newName)"]
        for hunk in hunks {
            var oldCount = 0, newCount = 0
            var body: [String] = []
            for line in lines[hunk] {
                switch line {
                case .same(let x, _): oldCount += 1; newCount += 1; body.append(" " + a[x])
                case .removed(let x): oldCount += 1; body.append("-" + a[x])
                case .added(let y): newCount += 1; body.append("+" + b[y])
                }
            }
            let start = before[hunk.lowerBound]
            output.append("@@ -\(start.old + (oldCount > 0 ? 1 : 0)),\(oldCount) +\(start.new + (newCount > 0 ? 1 : 0)),\(newCount) @@")
            output += body
        }
        return output.joined(separator: "\n")
    }
}
