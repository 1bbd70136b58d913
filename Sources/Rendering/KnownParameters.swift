/// The parameters bluevirt knows for an object (docs/templates.md): a user template may read
/// one that this node does not give (the plugin's network template loops over `forwards`,
/// which an isolated network leaves out), and that is no misspelling (BV0884).
enum KnownParameters {
    static func names(of kind: DocumentKind, driver: Driver) -> Set<String> {
        switch kind {
        case .domain: DomainContext.knownKeys[driver] ?? DomainContext.commonKeys
        case .network: NetworkContext.keys
        case .pool: StorageContext.poolKeys
        case .volume: StorageContext.volumeKeys
        }
    }
}
