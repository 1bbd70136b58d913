import ArgumentParser
import Platform
import StateStore

/// `bluevirt secret set|list|delete`: the secret store of the state directory.
struct SecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Keep, list and delete the secrets get_secret reads from the state directory.",
        discussion: """
            get_secret takes a secret's value from --secret NAME=VALUE first, then from \
            --secrets files, then from this store. Values are kept in the state database \
            (mode 0600) and are never printed: list shows names only.
            """,
        subcommands: [SetSecretCommand.self, ListSecretsCommand.self, DeleteSecretCommand.self]
    )
}

struct SetSecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Keep a secret's value, replacing an earlier one.",
        discussion: """
            The value is the VALUE argument (visible to other users in the process list and kept \
            in the shell's history: prefer the other two), or the whole content of --from-file, \
            or standard input (without its last line break; on a terminal it is read without echo).

            Examples:
              bluevirt secret set db_password --from-file db_password.txt
              printf '%s' "$TOKEN" | bluevirt secret set api_token
              bluevirt secret set lab_credentials '{"user": "admin", "password": "..."}'   # get_secret: [lab_credentials, user]
            """
    )

    @Argument(help: ArgumentHelp("The secret's name: letters, digits, '_', '-' and '.'.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("The value (prefer --from-file or standard input).", valueName: "value"))
    var value: String?

    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read the value from this file, exactly as it is.", valueName: "file"))
    var file: String?

    @OptionGroup var state: StateOptions<KeptSecrets>

    func validate() throws {
        if let problem = SecretStore.nameProblem(name) { throw ValidationError("\(problem), not '\(name)'") }
        if value != nil, file != nil { throw ValidationError("give the value as an argument or with --from-file, not both") }
    }

    func run() throws {
        let secret = try value ?? file.map(Self.read(file:)) ?? Self.readStandardInput(prompt: "value of secret '\(name)': ")
        try withStore(state) { store in
            let replaced = try store.secrets.set(name, to: secret)
            print("secret '\(name)' \(replaced ? "replaced" : "kept") in \(store.location.directory.path)")
        }
    }

    private static func read(file path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the file '\(path)' given with --from-file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("the file '\(path)' given with --from-file is not UTF-8 text")
        }
        return text
    }

    /// Standard input up to its end, less one final line break; on a terminal, one line read
    /// without echoing it.
    private static func readStandardInput(prompt: String) throws -> String {
        var text: String
        if isatty(STDIN_FILENO) == 1 {
            StandardStream.error.write(prompt)
            var settings = termios()
            tcgetattr(STDIN_FILENO, &settings)
            var silent = settings
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &settings)
                StandardStream.error.write("\n")
            }
            text = readLine(strippingNewline: true) ?? ""
        } else {
            text = String(decoding: readToEnd(descriptor: STDIN_FILENO), as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
        }
        return text
    }
}

struct ListSecretsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the names of the secrets kept (never their values).",
        discussion: """
            Examples:
              bluevirt secret list
              bluevirt secret list --json | jq -r '.[]'
            """
    )

    @OptionGroup var state: StateOptions<KeptSecrets>
    @OptionGroup var output: DiagnosticOutputOptions

    func run() throws {
        try withStore(state) { store in
            let names = try store.secrets.names()
            if output.json {
                print(JSONValue.array(names.map(JSONValue.string)).jsonText())
            } else if names.isEmpty {
                print("no secrets in \(store.location.directory.path)")
            } else {
                for name in names { print(name) }
            }
        }
    }
}

struct DeleteSecretCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a secret from the store.",
        discussion: """
            Deployments applied with the secret keep running; get_secret no longer finds it.

            Example:
              bluevirt secret delete db_password
            """
    )

    @Argument(help: ArgumentHelp("The secret's name.", valueName: "name"))
    var name: String

    @OptionGroup var state: StateOptions<KeptSecrets>

    func run() throws {
        try withStore(state) { store in
            guard try store.secrets.delete(name) else {
                let known = try store.secrets.names()
                StandardStream.error.write("""
                    error: there is no secret '\(name)' in \(store.location.directory.path)\
                    \(known.isEmpty ? "" : " (there are: \(known.joined(separator: ", ")))"); check the name and --state-dir\n
                    """)
                throw ExitCode(ExitStatus.invalid.rawValue)
            }
            print("secret '\(name)' deleted")
        }
    }
}

/// Opens the state for a secret command; a state that cannot be used is an error, exit 1.
private func withStore(_ state: StateOptions<KeptSecrets>, _ body: (StateStore) throws -> Void) throws {
    do {
        try body(StateStore(stateDirOption: state.stateDir))
    } catch where !CommandFailure.passesThrough(error) {
        StandardStream.error.write("error: \(CommandFailure.message(for: error))\n")
        throw ExitCode(ExitStatus.invalid.rawValue)
    }
}
