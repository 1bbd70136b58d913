import Platform
import StateStore

/// Reads the plain forms of `bluevirt validate ...` without ArgumentParser.
///
/// ArgumentParser learns a command's arguments by reflecting over it at every start: the runtime's
/// first conformance lookups and `Mirror` of the command types cost 13 M instructions, over a third
/// of a 10-line validate (docs/performance.md, "Eleventh round"). validate is the command run
/// most often on its own (editors, hooks, CI), so its ordinary command lines are read here.
/// Anything else — help, another command, an unknown or repeated option, a value that starts with
/// `-`, an empty value, `--` — returns nil and goes to ArgumentParser, which stays the definition
/// of the command line: the CLI tests check that whatever this accepts, ArgumentParser reads
/// the same way.
enum QuickValidateArguments {
    /// The request `arguments` (without the program name) make, or nil for ArgumentParser to read.
    static func request(from arguments: [String]) -> ValidateRequest? {
        guard arguments.first == "validate" else { return nil }
        var blueprintPath: String?
        var inputs = GivenInputs()
        var stateDir: String?
        var json = false
        var connect: String?
        var remaining = arguments.dropFirst()
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("-") else {
                guard blueprintPath == nil, !argument.isEmpty else { return nil }
                blueprintPath = argument
                continue
            }
            if argument == "--json" {
                guard !json else { return nil }
                json = true
                continue
            }
            // `--name value` or `--name=value`.
            let name: Substring
            let value: String
            if let equals = argument.firstIndex(of: "=") {
                name = argument[..<equals]
                value = String(argument[argument.index(after: equals)...])
            } else {
                guard let next = remaining.popFirst() else { return nil }
                name = Substring(argument)
                value = next
            }
            guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
            switch name {
            case "--inputs": inputs.files.append(value)
            case "--input": inputs.assignments.append(value)
            case "--secrets": inputs.secretFiles.append(value)
            case "--secret": inputs.secretAssignments.append(value)
            case "--state-dir":
                guard stateDir == nil else { return nil }
                stateDir = value
            case "--connect":
                guard connect == nil else { return nil }
                connect = value
            default: return nil
            }
        }
        guard let blueprintPath else { return nil }
        // A named state directory with a file in its way is a usage error ArgumentParser reports.
        if stateDir != nil || getenv(StateLocation.environmentVariable) != nil,
           StateLocation.resolve(stateDirOption: stateDir).fileInTheWay != nil { return nil }
        return ValidateRequest(blueprintPath: blueprintPath, inputs: inputs, stateDir: stateDir, json: json, connect: connect)
    }
}
