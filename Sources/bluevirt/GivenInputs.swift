import ArgumentParser
import Blueprint
import Engine
import Platform
import StateStore
import YAMLSource

/// The input and secret values a command was given (`--inputs`, `--input`, `--secrets`,
/// `--secret`), as plain values: whichever parser read the command line (ArgumentParser through
/// InputOptions, or QuickValidateArguments), the blueprint is loaded with them here.
struct GivenInputs: Equatable {
    var files: [String] = []
    var assignments: [String] = []
    var secretFiles: [String] = []
    var secretAssignments: [String] = []

    /// The `--inputs` and `--secrets` files, as diagnostics name them.
    var valueFiles: Set<String> { Set(files + secretFiles) }

    /// Whether any input value is given (`--inputs` or `--input`).
    var givesInputs: Bool { !files.isEmpty || !assignments.isEmpty }

    /// The provided inputs in precedence order (files first, then assignments; later entries win),
    /// and the problems found reading them.
    func provided() -> (inputs: [ProvidedInput], diagnostics: [Diagnostic]) {
        var inputs: [ProvidedInput] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let (loaded, problems) = ProvidedInput.load(file: file)
            inputs += loaded
            diagnostics += problems
        }
        for assignment in assignments {
            let (input, problems) = ProvidedInput.parse(assignment: assignment)
            if let input { inputs.append(input) }
            diagnostics += problems
        }
        return (inputs, diagnostics)
    }

    /// The secrets given to the command: `--secret` wins over `--secrets` files, a later file
    /// over an earlier one.
    private func givenSecrets() -> (secrets: Secrets, diagnostics: [Diagnostic]) {
        var fromFiles: [String: Secrets.Secret] = [:]
        var fromCommandLine: [String: Secrets.Secret] = [:]
        var diagnostics: [Diagnostic] = []
        for file in secretFiles {
            let (loaded, problems) = GivenSecrets.load(file: file)
            fromFiles.merge(loaded) { _, later in later }
            diagnostics += problems
        }
        for assignment in secretAssignments {
            let (given, problems) = GivenSecrets.parse(assignment: assignment)
            if let given { fromCommandLine[given.name] = given.secret }
            diagnostics += problems
        }
        return (Secrets(fromCommandLine).adding(fromFiles), diagnostics)
    }

    /// Loads the blueprint at `path` with these inputs and secrets: the loaded blueprint, every
    /// problem of the inputs, secrets and blueprint together (unsorted), and the secrets of the
    /// run. The secret store of `stateDir` is read only when the blueprint uses a secret that
    /// the command line and `--secrets` files do not give (validate and dry-run never create
    /// a state directory).
    /// `checkingAlone` (bare validate): the inputs, or the secrets, of which none is given may
    /// lack values (``MissingValues``). `replacement`: the inputs bound instead of the given
    /// ones (those a deployment was applied with, for run). A secret store that cannot be read
    /// gives no values: each secret it was to give is reported missing (BV0320) with a note that
    /// says why, so that the command still checks everything else and prints its usual report
    /// (with `--json`, its usual document).
    func loadBlueprint(at path: String, stateDir: String?, checkingAlone: Bool = false, inputs replacement: [ProvidedInput]? = nil)
        -> (loaded: LoadedBlueprint, diagnostics: [Diagnostic], secrets: Secrets) {
        MallocTuning.useHugePages(forBlueprintAt: path)
        let (inputs, inputProblems) = replacement.map { ($0, []) } ?? provided()
        var (secrets, secretProblems) = givenSecrets()
        var missing: MissingValues = []
        if checkingAlone, files.isEmpty, assignments.isEmpty { missing.insert(.inputs) }
        if checkingAlone, secretFiles.isEmpty, secretAssignments.isEmpty { missing.insert(.secrets) }
        var loaded = BlueprintLoader.load(path: path, inputs: inputs, secrets: secrets, missing: missing)
        var diagnostics = loaded.diagnostics
        if diagnostics.contains(where: { $0.code == .missingSecret }) {
            do {
                let stored = try SecretStore.values(at: StateLocation.resolve(stateDirOption: stateDir))
                if !stored.isEmpty {
                    secrets = secrets.adding(stored.mapValues { Secrets.Secret(value: .string($0), source: .store) })
                    loaded = BlueprintLoader.load(path: path, inputs: inputs, secrets: secrets, missing: missing)
                    diagnostics = loaded.diagnostics
                }
            } catch {
                let unread = DiagnosticNote("the secret store could not be read, so it gave no value: \(CommandFailure.message(for: error))")
                for index in diagnostics.indices where diagnostics[index].code == .missingSecret {
                    diagnostics[index].notes.append(unread)
                }
            }
        }
        if let blueprint = loaded.blueprint { diagnostics = TemplateReadParameters.dropWarnings(of: blueprint, from: diagnostics) }
        return (loaded, inputProblems + secretProblems + diagnostics, secrets)
    }

    /// The text of a file a diagnostic names, for printing its line: never a secrets file's.
    func sourceText(of loaded: LoadedBlueprint) -> (String) -> String? {
        let hidden = Set(secretFiles)
        return { file in hidden.contains(file) || file == GivenSecrets.commandLine ? nil : loaded.sourceText(file: file) }
    }
}
