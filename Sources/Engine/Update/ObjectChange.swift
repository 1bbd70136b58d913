import StateStore

/// What an update does to one node instance, as `plan` shows it and `apply` runs it.
public struct ObjectChange: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        /// A new instance (or one whose object is gone): its install steps run.
        case create
        /// An instance the blueprint no longer has: its uninstall steps run, then it is forgotten.
        case delete
        /// The object is defined again in place from its new document (a running domain is
        /// shut down and started again; a network is destroyed and made again, keeping its name).
        case redefine
        /// The object is deleted and made again (volumes, pools, seed images; a renamed object).
        case replace
        /// Only relationships change (established or unlinked); the object stays.
        case relink
        /// The object stays, but install operations of it have not finished since the last
        /// install began (an apply or a destroy was cut off): apply runs them (again).
        case install
    }

    public var instance: String
    public var node: String
    /// `domain`, `network`, …; nil for instances without a libvirt object.
    public var kind: String?
    /// The object's name (the new one for creates and replaces).
    public var objectName: String?
    public var action: Action
    /// A running domain stops and starts again.
    public var restarts = false
    /// Why, for people: `document changed`, `drift: memory: …`, `its volume disk-1 is replaced`.
    public var reasons: [String] = []
    /// The fields where the live object differs from what bluevirt defined.
    public var drift: [String] = []
    /// The document's difference, `diff -u` style (recorded → planned); empty when none.
    public var documentDiff = ""
    /// Relationship targets (instance ids) established or unlinked by the update.
    public var establishes: [String] = []
    public var unlinks: [String] = []
    /// The change loses data kept in the object (a volume's contents).
    public var losesData = false
    /// Why the update cannot make this change at all; nil when it can.
    public var refusal: String?
}

/// Every change an update makes to a deployment, in the plan's order.
public struct DeploymentChanges: Sendable {
    public var deployment: String
    public var changes: [ObjectChange]
    /// Instances left as they are.
    public var unchanged: [String]
    /// Scaled counts in effect (from a `scale`), by node template or scaling group.
    public var scaledCounts: [String: Int] = [:]
    /// Scaled counts dropped because the blueprint now declares another count for them.
    public var droppedScales: [String] = []
    /// Drift an update does not repair, by instance: a stopped object, one changed by another
    /// hand (`bluevirt run start` or `heal` are for those).
    public var otherDrift: [String: String] = [:]
    /// Outputs, inputs and blueprint file: recorded anew by apply, no operation run for them.
    public var record = DeploymentRecordChanges()

    /// No object changes (the record may still change: ``changesNothing``).
    public var isEmpty: Bool { changes.isEmpty }
    /// Neither the objects nor the record change: apply has nothing to do.
    public var changesNothing: Bool { changes.isEmpty && record.isEmpty }

    /// Changes that lose data: `apply` makes them only with `--allow-replace`.
    public var needingConsent: [ObjectChange] { changes.filter { $0.losesData && $0.action == .replace } }
    public var refused: [ObjectChange] { changes.filter { $0.refusal != nil } }

    public func count(_ action: ObjectChange.Action) -> Int { changes.filter { $0.action == action }.count }
}

extension DeploymentChanges {
    /// `2 to create, 1 to redefine (1 restarts), 1 to replace, 1 to delete, 2 to install, 3 unchanged, 1 output changed`.
    public var summary: String {
        var parts: [String] = []
        for (action, label) in [(ObjectChange.Action.create, "to create"), (.redefine, "to redefine"), (.replace, "to replace"),
                                (.delete, "to delete"), (.relink, "with changed relationships"), (.install, "to install")] {
            let count = count(action)
            guard count > 0 else { continue }
            var part = "\(count) \(label)"
            if action == .redefine || action == .replace {
                let restarts = changes.filter { $0.action == action && $0.restarts }.count
                if restarts > 0 { part += " (\(restarts) restarting)" }
            }
            parts.append(part)
        }
        parts.append("\(unchanged.count) unchanged")
        parts += record.summaryParts
        return parts.joined(separator: ", ")
    }
}
