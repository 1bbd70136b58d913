import ArgumentParser
import Blueprint
import YAMLSource

/// `--inputs FILE` and `--input KEY=VALUE`, shared by every command that binds blueprint inputs.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("inputs"), help: ArgumentHelp("A YAML or JSON file of input values (repeatable; later files win).", valueName: "file"))
    var files: [String] = []

    @Option(name: .customLong("input"), help: ArgumentHelp("One input value, read as a YAML scalar or flow collection, e.g. --input vcpus=2 or --input 'tags=[a, b]' (repeatable; wins over files).", valueName: "key=value"))
    var assignments: [String] = []

    /// The provided inputs in precedence order (files first, then assignments; later entries win),
    /// and the problems found reading them.
    private func provided() -> (inputs: [ProvidedInput], diagnostics: [Diagnostic]) {
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

    /// Loads the blueprint at `path` with these inputs: the loaded blueprint, and every problem of
    /// the inputs and the blueprint together (unsorted).
    func loadBlueprint(at path: String) -> (loaded: LoadedBlueprint, diagnostics: [Diagnostic]) {
        let (inputs, inputProblems) = provided()
        let loaded = BlueprintLoader.load(path: path, inputs: inputs)
        return (loaded, inputProblems + loaded.diagnostics)
    }
}
