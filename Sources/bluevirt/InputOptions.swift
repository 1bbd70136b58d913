import ArgumentParser

/// `--inputs FILE`, `--input KEY=VALUE`, `--secrets FILE` and `--secret NAME=VALUE`, shared by
/// every command that binds blueprint inputs.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("inputs"), help: ArgumentHelp("A YAML or JSON file of input values (repeatable; later files win).", valueName: "file"), completion: .valuesFile)
    var files: [String] = []

    @Option(name: .customLong("input"), help: ArgumentHelp("One input value, read as a YAML scalar or flow collection, e.g. --input vcpus=2 or --input 'tags=[a, b]' (repeatable; wins over files).", valueName: "key=value"))
    var assignments: [String] = []

    @Option(name: .customLong("secrets"), help: ArgumentHelp("A YAML or JSON file of secret values for get_secret, name: value (repeatable; later files win; wins over the secret store).", valueName: "file"), completion: .valuesFile)
    var secretFiles: [String] = []

    @Option(name: .customLong("secret"), help: ArgumentHelp("One secret value for get_secret, taken as text (repeatable; wins over --secrets files and the secret store). Never printed.", valueName: "name=value"))
    var secretAssignments: [String] = []

    /// The values given, for the code that loads the blueprint with them.
    var given: GivenInputs {
        GivenInputs(files: files, assignments: assignments, secretFiles: secretFiles, secretAssignments: secretAssignments)
    }
}
