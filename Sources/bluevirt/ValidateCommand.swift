import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a blueprint and report every problem at once.",
        discussion: """
            Loads the blueprint and its imports, checks every section, type, property, relationship, \
            intrinsic function and input, and prints each problem with its file, line, column, a \
            stable code (see docs/diagnostics.md) and a hint. Touches nothing.

            Examples:
              bluevirt validate blueprints/two-vms-one-network.yaml
              bluevirt validate app.yaml --inputs prod.yaml --input vcpus=4
              bluevirt validate app.yaml --connect lxc:///
              bluevirt validate app.yaml --secrets secrets.yaml --secret db_password=...
              bluevirt validate app.yaml --json | jq '.diagnostics[] | .code'
            """
    )

    @Argument(help: ArgumentHelp("The blueprint file (YAML).", valueName: "blueprint"), completion: .blueprintFile)
    var blueprintPath: String

    @OptionGroup var inputs: InputOptions
    @OptionGroup var state: StateOptions<GetSecretValues>
    @OptionGroup var output: DiagnosticOutputOptions

    @Option(help: ConnectOptionHelp.help("Checked as apply would use it."))
    var connect: String?

    /// What to check, as plain values (QuickValidateArguments builds the same without
    /// ArgumentParser).
    var request: ValidateRequest {
        ValidateRequest(blueprintPath: blueprintPath, inputs: inputs.given, stateDir: state.stateDir, json: output.json, connect: connect)
    }

    func run() throws {
        request.run()
    }
}
