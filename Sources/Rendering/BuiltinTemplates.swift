import Mustache
import Synchronization

/// The templates compiled into the binary from the top-level templates/ folder, each named by
/// its file name without `.mustache` (`domain-qemu`, `network`, `disk`, ...). User templates
/// inherit from and include them by these names.
enum BuiltinTemplates {
    static let sources: [String: String] = Dictionary(
        uniqueKeysWithValues: EmbeddedTemplates.files.compactMap { path, text in
            path.hasSuffix(".mustache") ? (String(path.dropLast(".mustache".count)), text) : nil
        })

    /// Every built-in template compiled for the typed renderer, once per process (a few hundred
    /// thousand instructions). A template using a construct it does not handle is left out and
    /// renders with swift-mustache; CompiledTemplateTests checks that none is.
    static let compiled: [String: CompiledTemplate] = sources.compactMapValues(CompiledTemplateParser.parse)

    /// Every built-in template, parsed once per process: what user templates render with, since
    /// they may include or inherit from any of them.
    static let library = parsedLibrary(of: Array(sources.keys))

    /// A built-in template with the templates it includes, parsed once per process and name: a
    /// blueprint with a thousand domains renders from one library, and a blueprint of QEMU domains
    /// does not parse the other drivers' templates (parsing all twelve was a quarter of a small
    /// blueprint's validate).
    static func library(rendering name: String) -> MustacheLibrary {
        if let parsed = librariesByTemplate.withLock({ $0[name] }) { return parsed }
        let parsed = parsedLibrary(of: templatesReached(from: name))
        librariesByTemplate.withLock { $0[name] = parsed }
        return parsed
    }

    private static let librariesByTemplate = Mutex<[String: MustacheLibrary]>([:])

    /// `name` and the partials it includes (`{{> disk}}`) or inherits from (`{{< base}}`), transitively.
    private static func templatesReached(from name: String) -> [String] {
        var reached: Set<String> = [name]
        var pending = [name]
        while let next = pending.popLast() {
            for piece in (sources[next] ?? "").split(separator: "{{").dropFirst() where piece.first == ">" || piece.first == "<" {
                let partial = String(piece.dropFirst().drop { $0 == " " }.prefix { $0 != "}" && $0 != " " })
                if reached.insert(partial).inserted { pending.append(partial) }
            }
        }
        return Array(reached)
    }

    private static func parsedLibrary(of names: [String]) -> MustacheLibrary {
        var library = MustacheLibrary()
        for name in names {
            guard let text = sources[name] else { continue }
            do {
                try library.register(text, named: name)
            } catch {
                // The templates ship inside the binary and the tests render each one, so this is a build defect.
                preconditionFailure("built-in template \(name).mustache does not parse: \(error)")
            }
        }
        return library
    }

    /// The built-in template for a kind of object and a driver.
    static func name(for kind: DocumentKind, driver: Driver, poolType: String = "dir") -> String {
        switch kind {
        case .domain: driver.domainTemplateName
        case .network: "network"
        case .pool: "pool-\(poolType)"
        case .volume: "volume"
        }
    }
}
