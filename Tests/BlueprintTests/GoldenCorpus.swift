import Foundation
import YAMLSource
@testable import Blueprint

/// The fixture corpus under Tests/Fixtures: valid/*.yaml must load without errors; each
/// invalid/NAME.yaml has NAME.expected with exactly its diagnostics, one per line, as
/// `file:line:col: severity: message [CODE]` (file relative to Tests/Fixtures).
///
/// Set BLUEVIRT_UPDATE_GOLDEN=1 to rewrite the .expected files from the current output; review
/// every change by hand before keeping it.
enum GoldenCorpus {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    static var updating: Bool { ProcessInfo.processInfo.environment["BLUEVIRT_UPDATE_GOLDEN"] == "1" }

    /// The top-level .yaml files of `folder` (subfolders hold imported files), sorted.
    static func blueprints(in folder: String) -> [String] {
        let directory = fixtures + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".inputs.yaml") && !$0.hasSuffix(".secrets.yaml") }.sorted()
    }

    /// Loads `folder/name`, with the inputs of `name` minus .yaml plus .inputs.yaml and the
    /// secrets of .secrets.yaml when present; without that file no secret has a value, as for
    /// `bluevirt validate` given none.
    static func load(_ folder: String, _ name: String) -> LoadedBlueprint {
        let path = fixtures + "/" + folder + "/" + name
        let inputsPath = String(path.dropLast(".yaml".count)) + ".inputs.yaml"
        let secretsPath = String(path.dropLast(".yaml".count)) + ".secrets.yaml"
        var inputs: [ProvidedInput] = []
        var inputProblems: [Diagnostic] = []
        if FileManager.default.fileExists(atPath: inputsPath) {
            (inputs, inputProblems) = ProvidedInput.load(file: inputsPath)
        }
        var secrets = Secrets()
        if FileManager.default.fileExists(atPath: secretsPath) {
            let (given, problems) = GivenSecrets.load(file: secretsPath)
            secrets = Secrets(given)
            inputProblems += problems
        }
        var loaded = BlueprintLoader.load(path: path, inputs: inputs, secrets: secrets)
        // A broken inputs file fails the run, as it does for `bluevirt validate --inputs`.
        if !inputProblems.isEmpty {
            loaded.diagnostics = inputProblems + loaded.diagnostics
            if inputProblems.hasErrors { loaded.blueprint = nil }
        }
        return loaded
    }

    /// One line per diagnostic, files relative to the fixtures folder.
    static func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            var file = diagnostic.range.file
            if file.hasPrefix(fixtures + "/") { file.removeFirst(fixtures.count + 1) }
            // Messages may name files too; keep them machine-independent like the file column.
            let message = diagnostic.message.replacingOccurrences(of: fixtures + "/", with: "")
            return "\(file):\(diagnostic.range.start.line):\(diagnostic.range.start.column): \(diagnostic.severity.rawValue): \(message) [\(diagnostic.code.id)]"
        }.joined(separator: "\n") + (diagnostics.isEmpty ? "" : "\n")
    }

    static func expectedPath(_ name: String) -> String {
        fixtures + "/invalid/" + String(name.dropLast(".yaml".count)) + ".expected"
    }

    /// Every code some .expected file mentions.
    static func codesCovered() -> Set<String> {
        let directory = fixtures + "/invalid"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var codes: Set<String> = []
        for name in names where name.hasSuffix(".expected") {
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard line.hasSuffix("]"), let open = line.lastIndex(of: "[") else { continue }
                codes.insert(String(line[line.index(after: open)..<line.index(before: line.endIndex)]))
            }
        }
        return codes
    }
}
