import Foundation
import Testing
@testable import YAMLSource

/// bench/yaml-parity's bluevirt side: what the subset reader, libyaml's path and the loader read
/// from each text of a JSON list, written as JSON for compare.py. Runs only when
/// BLUEVIRT_YAML_PARITY_IN and BLUEVIRT_YAML_PARITY_OUT name the files (bench/yaml-parity/run.sh).
@Suite struct YAMLParityDump {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["BLUEVIRT_YAML_PARITY_IN"] != nil, "bench/yaml-parity/run.sh sets BLUEVIRT_YAML_PARITY_IN"))
    func dump() throws {
        let input = try #require(Self.environment["BLUEVIRT_YAML_PARITY_IN"])
        let output = try #require(Self.environment["BLUEVIRT_YAML_PARITY_OUT"])
        let texts = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: input))) as? [String])
        let readings: [Any] = texts.map { text in
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                ["fast": CommonSubsetParser.parse(buffer, file: "c.yaml", limits: .standard).map(Self.reading) ?? ["fallback": true],
                 "libyaml": Self.reading(YAMLLoader.parseWithLibYAML(buffer, file: "c.yaml", limits: .standard)),
                 "loader": Self.reading(YAMLLoader.load(string: text, file: "c.yaml"))]
            }
        }
        try JSONSerialization.data(withJSONObject: readings).write(to: URL(fileURLWithPath: output))
    }

    /// The first error (code, line:column, message, notes), or the first document's value and the warnings.
    static func reading(_ result: YAMLLoadResult) -> Any {
        if let error = result.diagnostics.first(where: { $0.severity == .error }) {
            return ["error": "\(error.code.id) \(error.range.start.line):\(error.range.start.column) \(error.message)", "notes": error.notes.map(\.message)]
        }
        let warnings = result.diagnostics.map { "\($0.code.id) \($0.message)" }
        return ["value": result.documents.first.map(value) ?? ["null": true], "documents": result.documents.count, "warnings": warnings]
    }

    /// A node in cloudify_load.py's tagged form.
    static func value(_ node: Node) -> Any {
        switch node.content {
        case .mapping(let pairs): return ["map": pairs.map { [value($0.key), value($0.value)] }]
        case .sequence(let items): return ["seq": items.map(value)]
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return ["null": true]
            case .bool(let flag): return ["bool": flag]
            case .int(let number): return ["int": number]
            case .float(let number): return ["float": number.isNaN ? "nan" : number.isInfinite ? (number < 0 ? "-inf" : "inf") : "\(number)"]
            case .string(let text): return ["str": text]
            }
        }
    }
}
