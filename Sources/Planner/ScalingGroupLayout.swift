import Blueprint

/// The scaling groups of a blueprint as the planner places them: the groups that a
/// `cloudify.policies.scaling` policy targets, how they nest, which node templates each holds
/// directly, the host each outermost group is placed on, and how many instances each gets.
///
/// Groups that no scaling policy targets play no part in planning, as in Cloudify.
struct ScalingGroupLayout {
    /// One scaling group.
    struct ScalingGroup {
        var declaration: Group
        /// The scaling policy that gives the group its count.
        var policy: Policy
        /// Instances of the group on each instance of its parent (the enclosing group, or the host).
        var count: Int
        /// The scaling group this one is a member of.
        var parent: Int?
        /// For an outermost group whose members are contained in a node template outside it: that
        /// template (by position). The group gets its count on every instance of this host.
        var host: Int?
    }

    var groups: [ScalingGroup]
    /// For each node template (by position), the scaling group that holds it directly. A member
    /// contained in a node of its own group is not held by the group: its host's instances
    /// already multiply it, as Cloudify removes such members.
    var groupOf: [Int?]

    /// A layout without scaling groups, for `templateCount` node templates.
    static func empty(templateCount: Int) -> ScalingGroupLayout {
        ScalingGroupLayout(groups: [], groupOf: [Int?](repeating: nil, count: templateCount))
    }
}
