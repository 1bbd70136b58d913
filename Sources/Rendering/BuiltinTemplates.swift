import Mustache

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

    /// Every built-in template parsed by swift-mustache, once per process: what user templates
    /// render with, since they may include or inherit from any of them.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            do {
                try library.register(text, named: name)
            } catch {
                // The templates ship inside the binary and the tests render each one, so this is a build defect.
                preconditionFailure("built-in template \(name).mustache does not parse: \(error)")
            }
        }
        return library
    }()

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
