import YAMLSource

/// A plugin declaration: where operations with the `NAME.` prefix run and how it is installed.
/// bluevirt runs libvirt operations itself; the declaration is kept for later stages.
public struct Plugin: Sendable {
    public var name: String
    /// `central_deployment_agent` or `host_agent`.
    public var executor: String?
    public var source: String?
    public var packageName: String?
    public var packageVersion: String?
    public var install: Bool
    /// The whole declaration as written, for the keys bluevirt does not interpret.
    public var definition: Node
    public var range: SourceRange
    public var nameRange: SourceRange

    public init(name: String, executor: String?, source: String?, packageName: String?, packageVersion: String?,
                install: Bool, definition: Node, range: SourceRange, nameRange: SourceRange) {
        self.name = name
        self.executor = executor
        self.source = source
        self.packageName = packageName
        self.packageVersion = packageVersion
        self.install = install
        self.definition = definition
        self.range = range
        self.nameRange = nameRange
    }

    /// The two executors Cloudify knows.
    public static let executors = ["central_deployment_agent", "host_agent"]
}
