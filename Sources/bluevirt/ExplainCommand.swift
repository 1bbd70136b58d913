import ArgumentParser
import Blueprint
import Engine
import Platform
import Planner
import Rendering
import StateStore
import YAMLSource

/// Every diagnostic code bluevirt can print, from every stage, in code order.
enum DiagnosticCatalog {
    static let all: [DiagnosticCode] = (
        DiagnosticCode.yamlCodes + DiagnosticCode.structureCodes + DiagnosticCode.valueCodes
            + DiagnosticCode.functionCodes + DiagnosticCode.renderingCodes + DiagnosticCode.plannerCodes
            + DiagnosticCode.engineCodes + DiagnosticCode.secretCodes
    ).sorted { $0.id < $1.id }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say what a diagnostic code means, or list every code.",
        discussion: """
            Every problem bluevirt reports carries a stable code such as BV0107. With a code, explain \
            prints its section of docs/diagnostics.md: what it means, a minimal example and the fix.

            Examples:
              bluevirt explain BV0107
              bluevirt explain            # every code, one per line
              bluevirt explain --json     # every code as JSON, for scripts
              bluevirt explain BV0107 --json   # one code with its section, as JSON
            """
    )

    @Argument(help: ArgumentHelp("A diagnostic code, e.g. BV0107 (any case).", valueName: "code"))
    var code: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        var codes = DiagnosticCatalog.all
        if let code {
            let wanted = code.uppercased()
            guard let match = codes.first(where: { $0.id == wanted }) else {
                let hint = DidYouMean.note(for: wanted, among: codes.map(\.id)).map { " (\($0))" } ?? ""
                // A usage error of explain's own, not the usage of every command.
                UsageErrorReport.print("error: unknown diagnostic code '\(code)'\(hint); run 'bluevirt explain' to list them",
                                       arguments: json ? ["--json"] : [])
                throw ExitCode(2)
            }
            codes = [match]
        }
        if json {
            // One code gets its section too, as the text does; the list stays code and summary.
            let entries = codes.map { code in
                var entry = ["code": code.id, "summary": code.summary]
                if codes.count == 1 { entry["section"] = Self.section(of: code) }
                return entry
            }
            print(Self.jsonText(of: entries))
            return
        }
        for code in codes {
            print("\(code.id)  \(code.summary)")
        }
        if codes.count == 1, let section = Self.section(of: codes[0]) {
            print("\n" + section)
        }
    }

    /// Compact JSON with sorted keys and unescaped slashes: the text JSONSerialization wrote
    /// with `.sortedKeys` and `.withoutEscapingSlashes`.
    static func jsonText(of entries: [[String: String]]) -> String {
        JSONValue.array(entries.map { .object($0.mapValues(JSONValue.string)) }).jsonText()
    }

    /// The code's section of docs/diagnostics.md (built in), after its heading up to the next
    /// code's anchor: what it means, an example and the fix.
    static func section(of code: DiagnosticCode) -> String? {
        guard let text = EmbeddedDocs.files["diagnostics.md"],
              let anchor = text.firstRange(of: "<a id=\"\(code.id.lowercased())\"></a>") else { return nil }
        var rest = text[anchor.upperBound...].drop { $0.isWhitespace }
        if rest.hasPrefix("### "), let lineEnd = rest.firstIndex(of: "\n") { rest = rest[lineEnd...] }
        let end = rest.firstRange(of: "<a id=\"")?.lowerBound ?? rest.endIndex
        return rest[..<end].trimmingWhitespaceAndNewlines()
    }
}
