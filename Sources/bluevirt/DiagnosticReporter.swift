import ArgumentParser
import Foundation
import YAMLSource

/// `--json` and colour choice, shared by every command that prints diagnostics.
struct DiagnosticOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON document with every diagnostic on standard output instead of text.")
    var json = false
}

/// Prints a run's diagnostics the way the Swift compiler does (or as JSON) and decides the exit status.
struct DiagnosticReporter {
    let options: DiagnosticOutputOptions
    let sourceText: (String) -> String?

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var standardErrorWantsColor: Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !noColor && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func report(_ diagnostics: [Diagnostic], subject: String) {
        if options.json {
            print(DiagnosticJSON.encode(diagnostics))
            return
        }
        let printer = DiagnosticPrinter(color: Self.standardErrorWantsColor, sourceText: sourceText)
        var text = ""
        for diagnostic in diagnostics {
            text += printer.render(diagnostic)
        }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let verdict = errors == 0 ? "\(subject): valid" : "\(subject): invalid"
        let counts = DiagnosticPrinter.summary(errors: errors, warnings: warnings)
        let line = counts.isEmpty ? verdict : "\(verdict) (\(counts))"
        if errors == 0 { print(line) } else { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// 2 when an input file could not be read at all, 1 for any other error, else 0.
    func exitStatus(for diagnostics: [Diagnostic], mainFile: String) -> ExitStatus {
        if diagnostics.contains(where: { $0.code == .unreadableFile }) { return .usage }
        return diagnostics.hasErrors ? .invalid : .success
    }
}
