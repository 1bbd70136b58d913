/// The templates compiled into the binary from the top-level templates/ folder, each named by
/// its file name without `.mustache` (`domain-qemu`, `network`, `disk`, ...). User templates
/// inherit from and include them by these names.
enum BuiltinTemplates {
    static let sources: [String: String] = Dictionary(
        uniqueKeysWithValues: EmbeddedTemplates.files.compactMap { path, text in
            path.hasSuffix(".mustache") ? (String(path.dropLast(".mustache".count)), text) : nil
        })

    /// Every built-in template compiled, once per process (a few hundred thousand instructions):
    /// what the built-in documents render with, and the partials and parents of user templates.
    static let compiled: [String: CompiledTemplate] = sources.mapValues { text in
        do {
            return try CompiledTemplateParser.parse(text)
        } catch {
            // The templates ship inside the binary and the tests render each one, so this is a build defect.
            preconditionFailure("a built-in template does not parse: \(error)")
        }
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
