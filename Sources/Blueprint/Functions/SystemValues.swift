import Platform

/// What `get_sys` reads. On a manager it is the manager's own data about the tenant and the
/// deployment; bluevirt knows the same of its deployments: the deployment's name (its id and its
/// display name alike), the blueprint's id (the name of the blueprint's folder, as scripts'
/// `ctx blueprint id`), its owner (the user running bluevirt) and the tenant (Cloudify's
/// default tenant: bluevirt has no other).
public struct SystemValues: Sendable, Hashable {
    public var deployment: String
    public var blueprint: String

    /// The entity and property pairs get_sys takes, as Cloudify lists them.
    public static let known: [(entity: String, property: String)] = [
        ("tenant", "name"), ("deployment", "id"), ("deployment", "name"), ("deployment", "blueprint"), ("deployment", "owner"),
    ]

    public static func isKnown(entity: String, property: String) -> Bool {
        known.contains { $0.entity == entity && $0.property == property }
    }

    /// The values for deployment `deployment` of the blueprint whose main file is `mainFile`.
    public init(deployment: String, mainFile: String) {
        self.deployment = deployment
        blueprint = Self.blueprintID(directory: URL(fileURLWithPath: mainFile).deletingLastPathComponent().path)
    }

    /// Cloudify's blueprint id: bluevirt names a blueprint after its folder.
    public static func blueprintID(directory: String) -> String {
        URL(fileURLWithPath: directory).lastPathComponent
    }

    /// The value of `get_sys: [entity, property]`; nil for a pair get_sys does not take.
    public func value(entity: String, property: String) -> String? {
        switch (entity, property) {
        case ("tenant", "name"): "default_tenant"
        case ("deployment", "id"), ("deployment", "name"): deployment
        case ("deployment", "blueprint"): blueprint
        // Looked up when asked: it reads the user database, which most runs never need.
        case ("deployment", "owner"): ProcessInfo.processInfo.userName
        default: nil
        }
    }
}
