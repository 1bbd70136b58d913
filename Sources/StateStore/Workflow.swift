/// The workflow an execution runs, by name: `apply` runs install, `destroy` uninstall, and
/// `bluevirt run` any workflow of the blueprint (Cloudify's built-in ones such as `heal`, the
/// utilities plugin's `backup`, or the blueprint's own), so the set of names is open.
public struct Workflow: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let install = Workflow(rawValue: "install")
    public static let uninstall = Workflow(rawValue: "uninstall")
    /// `bluevirt run scale`: an install of the deployment with an instance count changed.
    public static let scale = Workflow(rawValue: "scale")

    /// Install and scale make the deployment's objects what its plan says; a scale is an
    /// install with other counts, so either resumes the other's steps.
    public var installsDeployment: Bool { self == .install || self == .scale }

    /// Install, scale and uninstall make and remove the deployment's objects: they set the
    /// deployment's status and are what a failed run resumes. Other workflows act on what is
    /// there and leave the status as it is.
    public var changesDeploymentStatus: Bool { installsDeployment || self == .uninstall }

    /// The workflows whose finished steps a run of this one resumes (``ResumePoint``).
    var resumesStepsOf: [Workflow] { installsDeployment ? [.install, .scale] : [self] }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
