import Mustache

/// The templates compiled into the binary from the top-level templates/ folder, each named by
/// its file name without `.mustache` (`domain-qemu`, `network`, `disk`, ...). User templates
/// inherit from and include them by these names.
enum BuiltinTemplates {
    static let sources: [String: String] = Dictionary(
        uniqueKeysWithValues: EmbeddedTemplates.files.compactMap { path, text in
            path.hasSuffix(".mustache") ? (String(path.dropLast(".mustache".count)), text) : nil
        })

    /// Parsed once per process: a blueprint with a thousand domains renders from one library.
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
