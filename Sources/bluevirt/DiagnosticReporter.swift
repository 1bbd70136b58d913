import ArgumentParser
import Blueprint
import Platform
import YAMLSource

/// `--json` and colour choice, shared by every command that prints diagnostics.
struct DiagnosticOutputOptions: ParsableArguments {
    @Flag(help: "Print JSON on standard output instead of text, for scripts: one document with everything the text shows, diagnostics included (apply, destroy and run: one event per line, the last the result).")
    var json = false
}

/// Prints a run's diagnostics the way the Swift compiler does (or as JSON) and decides the exit status.
struct DiagnosticReporter {
    /// Print one JSON document on standard output instead of text (`--json`).
    let json: Bool
    let sourceText: (String) -> String?
    /// The `--inputs` and `--secrets` files: one that is not YAML, or not a mapping, is input
    /// the command could not use (exit 2), not a fault of the blueprint.
    let valueFiles: Set<String>
    /// Hides the run's secret values in every message and note. Not in the quoted source lines:
    /// those are the blueprint's and input files' own text (never a secrets file's, see
    /// `GivenInputs.sourceText`), and a secret that is also a common word (`default`) made a
    /// masked line unreadable and its caret point elsewhere.
    var mask = SecretMask()
    /// Print the closing "valid" line on standard error too, when standard output carries
    /// something else that must stay clean (a graph).
    var verdictOnStandardError = false

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var standardErrorWantsColor: Bool {
        // getenv, not ProcessInfo's environment: that copies the whole environment into a
        // dictionary, a tenth of a millisecond of every validate.
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        return !noColor && isatty(STDERR_FILENO) == 1 && getenv("TERM").map { String(cString: $0) } != "dumb"
    }

    func report(_ diagnostics: [Diagnostic], subject: String) {
        let masked = mask.isEmpty ? diagnostics : diagnostics.map(hidingSecrets)
        if json {
            print(DiagnosticJSON.encode(masked))
            return
        }
        let printer = DiagnosticPrinter(color: Self.standardErrorWantsColor, sourceText: sourceText)
        let text = printer.render(masked)
        if !text.isEmpty { StandardStream.error.write(text) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        // A file or --input that could not be read says nothing about the blueprint yet.
        let verdict = errors == 0 ? "\(subject): valid"
            : diagnostics.contains(where: isUsageProblem) ? "\(subject): not checked" : "\(subject): invalid"
        let counts = DiagnosticPrinter.summary(errors: errors, warnings: warnings)
        let line = counts.isEmpty ? verdict : "\(verdict) (\(counts))"
        if errors == 0 && !verdictOnStandardError { print(line) } else { StandardStream.error.write(line + "\n") }
    }

    private func hidingSecrets(_ diagnostic: Diagnostic) -> Diagnostic {
        var hidden = diagnostic
        hidden.message = mask(diagnostic.message)
        for index in hidden.notes.indices { hidden.notes[index].message = mask(hidden.notes[index].message) }
        return hidden
    }

    /// Codes that mean a file could not be read as text at all: the input is unusable, not invalid.
    private static let unreadableInputCodes: Set<DiagnosticCode> = [.unreadableFile, .fileTooLarge, .notText]

    /// 2 when an input file could not be read at all, an `--inputs` or `--secrets` file is not
    /// YAML or not a mapping, a command-line `--input` is malformed or a `--secret` is not what it
    /// must be (the command was used wrongly), 1 for any other error, else 0.
    func exitStatus(for diagnostics: [Diagnostic]) -> ExitStatus {
        if diagnostics.contains(where: isUsageProblem) { return .usage }
        return diagnostics.hasErrors ? .invalid : .success
    }

    private func isUsageProblem(_ diagnostic: Diagnostic) -> Bool {
        guard diagnostic.severity == .error else { return false }
        if Self.unreadableInputCodes.contains(diagnostic.code) || diagnostic.code == .malformedSecrets { return true }
        // An `--input` or values file that is not KEY=VALUE or a mapping, or is broken YAML; an
        // unknown input name or a value of the wrong type or breaking a constraint is about the
        // blueprint (exit 1).
        let file = diagnostic.range.file
        return (file == ProvidedInput.commandLine || valueFiles.contains(file))
            && (diagnostic.code == .malformedInputs || DiagnosticCode.yamlCodes.contains(diagnostic.code))
    }
}
