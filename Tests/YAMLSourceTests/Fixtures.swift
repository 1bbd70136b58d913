import Foundation
import YAMLSource

/// Locates the files under Tests/Fixtures/yaml and loads them.
enum Fixtures {
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/yaml").path

    static func path(_ name: String) -> String { directory + "/" + name }

    static func load(_ name: String, limits: YAMLLimits = .standard) -> YAMLLoadResult {
        YAMLLoader.load(contentsOf: path(name), limits: limits)
    }

    static func text(_ name: String) -> String? {
        try? String(contentsOfFile: path(name), encoding: .utf8)
    }
}

extension SourceRange {
    /// "line:column-line:column", compact for expectations.
    var compact: String { "\(start.line):\(start.column)-\(end.line):\(end.column)" }
}
