import Diagnostics
import Platform
import StateStore

/// Where and as whom a remote operation logs in, and with what: the fabric plugin's
/// `fabric_env` or the terminal's `terminal_auth`, checked before any ssh runs.
struct SSHEndpoint: Sendable, Hashable {
    enum Credential: Sendable, Hashable {
        /// A private key's text (`key`, `key_content`), written to a 0600 file while ssh runs.
        case keyText(String)
        /// A private key file on this host (`key_filename`).
        case keyFile(String)
        /// A password, handed to ssh through its askpass program (never on a command line).
        case password(String)
    }

    var host: String
    var port: Int
    var user: String
    var credential: Credential

    /// `user@host:port`, for messages.
    var label: String { "\(user)@\(host)\(port == 22 ? "" : ":\(port)")" }

    /// Reads the endpoint from an operation input such as `fabric_env`: `place` names it in
    /// messages, `hostKeys` and `keyTextKeys` are the plugin's names for the host and for a
    /// private key's text (the first one given counts).
    init(_ settings: [String: JSONValue], where place: String, hostKeys: [String], keyTextKeys: [String]) throws {
        func text(_ key: String) throws -> String? {
            switch settings[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            case .integer(let value)?: return String(value)
            case let other?: throw RemoteProblem("\(place): '\(key)' is \(other.jsonText()), not text; give it as a string")
            }
        }
        func first(_ keys: [String]) throws -> String? {
            for key in keys { if let value = try text(key), !value.isEmpty { return value } }
            return nil
        }
        guard let host = try first(hostKeys) else {
            throw RemoteProblem("\(place) names no host: give '\(hostKeys[0])' (the machine's address)")
        }
        guard let user = try text("user"), !user.isEmpty else {
            throw RemoteProblem("\(place) names no user: give 'user' (the login name on \(host))")
        }
        // Values ssh would read as options or as another destination are refused before it runs.
        guard !host.hasPrefix("-"), !host.contains(where: { $0.isWhitespace || $0 == "@" }) else {
            throw RemoteProblem("\(place): host '\(TerminalText.bounded(host))' is not a host name or address")
        }
        guard user.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?/) != nil else {
            throw RemoteProblem("\(place): '\(TerminalText.bounded(user))' is not a user name ssh can log in as: use letters, digits, '_', '.' and '-', starting with a letter or '_'")
        }
        var port = 22
        switch settings["port"] {
        case nil, .null?: break
        case .integer(let given)? where (1...65535).contains(given): port = Int(given)
        case .string(let given)? where Int(given).map({ (1...65535).contains($0) }) == true: port = Int(given)!
        case let other?: throw RemoteProblem("\(place): port \(other.jsonText()) is not a TCP port (1 to 65535)")
        }
        let credential: Credential
        if let key = try first(keyTextKeys) {
            credential = .keyText(key.hasSuffix("\n") ? key : key + "\n")
        } else if let file = try text("key_filename"), !file.isEmpty {
            credential = .keyFile(file.hasPrefix("~/") ? (ProcessInfo.processInfo.environment["HOME"] ?? "~") + file.dropFirst() : file)
        } else if let password = try text("password") {
            credential = .password(password)
        } else {
            throw RemoteProblem("\(place) gives no way to log in: give '\(keyTextKeys[0])' (a private key's text), 'key_filename' (a key file on this host) or 'password'")
        }
        self.init(host: host, port: port, user: user, credential: credential)
    }

    init(host: String, port: Int, user: String, credential: Credential) {
        self.host = host
        self.port = port
        self.user = user
        self.credential = credential
    }
}

/// A remote operation that cannot run or failed; the message says what to do.
struct RemoteProblem: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
