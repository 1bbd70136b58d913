import Blueprint
import Diagnostics

/// Works out the scaling groups' layout with Cloudify's rules (dsl-parser's scaling policies):
///
/// - a group is a scaling group when a `cloudify.policies.scaling` policy targets it, and only
///   one policy may (BV0712);
/// - a node template or group is a direct member of at most one scaling group (BV0709), and
///   groups do not contain each other in a loop (BV0708);
/// - any two node members of a group (nested groups included) are both uncontained, or one
///   contains the other, or they share a host somewhere up their `contained_in` chains, or one
///   of them is contained in a node that meets this rule with the other (BV0710; a rare case
///   in which dsl-parser's answer depends on the order it visits pairs is decided strictly);
/// - a member contained (at any depth) in a node that shares a scaling group with it leaves
///   that shared group: the member itself when the group holds it directly, else the group
///   on its side just below the shared one. Its host's instances then multiply it.
///
/// What bluevirt adds: the members of an outermost group that are contained in a node outside
/// it must all be contained in the same node template, because each group instance is placed
/// on one host instance (BV0710).
struct ScalingGroupResolver {
    let templates: [NodeTemplate]
    let positions: [String: Int]
    /// The host template of each template, by position.
    let hostOf: [Int?]
    let groups: NameTable<Group>
    let policies: NameTable<Policy>
    let counter: InstanceCounter

    func resolve(diagnostics: inout [Diagnostic]) -> ScalingGroupLayout? {
        guard let scaling = scalingGroups(diagnostics: &diagnostics) else { return nil }
        if scaling.isEmpty { return .empty(templateCount: templates.count) }
        let names = Dictionary(uniqueKeysWithValues: scaling.enumerated().map { ($1.group.name, $0) })
        guard var membership = membership(of: scaling.map(\.group), names: names, diagnostics: &diagnostics),
              noLoops(in: membership.parent, groups: scaling.map(\.group), diagnostics: &diagnostics),
              commonHosts(membership, groups: scaling.map(\.group), diagnostics: &diagnostics) else { return nil }
        removeMembersContainedInTheirGroup(&membership)
        guard let hosts = outermostHosts(membership, groups: scaling.map(\.group), diagnostics: &diagnostics) else { return nil }

        var failed = false
        var layout = ScalingGroupLayout(groups: [], groupOf: membership.templateGroup)
        for (index, entry) in scaling.enumerated() {
            guard let count = counter.count(ofGroup: entry.group.name, policy: entry.policy, diagnostics: &diagnostics) else { failed = true; continue }
            layout.groups.append(.init(declaration: entry.group, policy: entry.policy, count: count,
                                       parent: membership.parent[index], host: hosts[index]))
        }
        return failed ? nil : layout
    }

    /// Direct membership: the scaling group of each template and of each scaling group.
    private struct Membership {
        var templateGroup: [Int?]
        var parent: [Int?]
    }

    /// The groups some scaling policy targets, in declaration order, with that policy.
    private func scalingGroups(diagnostics: inout [Diagnostic]) -> [(group: Group, policy: Policy)]? {
        var policyOf: [String: Policy] = [:]
        var failed = false
        // Cloudify accepts the scaling type under an import namespace too, as the loader does.
        for policy in policies.elements where policy.type.contains(Policy.scalingType) {
            for target in policy.targets where groups.contains(target) {
                guard let earlier = policyOf[target] else { policyOf[target] = policy; continue }
                guard earlier.name != policy.name else { continue }
                diagnostics.append(.error(.groupOfSeveralScalingPolicies,
                                          "group '\(target)' is the target of scaling policies '\(earlier.name)' and '\(policy.name)', so its count is ambiguous",
                                          at: policy.nameRange,
                                          notes: [DiagnosticNote("'\(earlier.name)' targets it here", at: earlier.nameRange),
                                                  DiagnosticNote("remove '\(target)' from the targets of one policy")]))
                failed = true
            }
        }
        if failed { return nil }
        return groups.elements.compactMap { group in policyOf[group.name].map { (group, $0) } }
    }

    /// Each template and scaling group in at most one scaling group (BV0709). Members that are
    /// groups without a scaling policy are left out, as they hold nothing Cloudify scales.
    private func membership(of scaling: [Group], names: [String: Int], diagnostics: inout [Diagnostic]) -> Membership? {
        var result = Membership(templateGroup: [Int?](repeating: nil, count: templates.count),
                                parent: [Int?](repeating: nil, count: scaling.count))
        var failed = false
        for (index, group) in scaling.enumerated() {
            var seen: Set<String> = []
            for member in group.members where seen.insert(member).inserted {
                let earlier: Int?
                if let template = positions[member] {
                    earlier = result.templateGroup[template]
                    if earlier == nil { result.templateGroup[template] = index }
                } else if let child = names[member] {
                    earlier = result.parent[child]
                    if earlier == nil { result.parent[child] = index }
                } else {
                    continue
                }
                guard let earlier else { continue }
                diagnostics.append(.error(.memberOfSeveralScalingGroups,
                                          "'\(member)' is a member of scaling groups '\(scaling[earlier].name)' and '\(group.name)'",
                                          at: group.nameRange,
                                          notes: [DiagnosticNote("'\(scaling[earlier].name)' lists it too", at: scaling[earlier].nameRange),
                                                  DiagnosticNote("a node template or group belongs to at most one scaling group; to scale it with both, make one group a member of the other")]))
                failed = true
            }
        }
        return failed ? nil : result
    }

    /// No scaling group contains itself through nested groups (BV0708).
    private func noLoops(in parent: [Int?], groups scaling: [Group], diagnostics: inout [Diagnostic]) -> Bool {
        enum Visit { case new, onPath, done }
        var visit = [Visit](repeating: .new, count: parent.count)
        var found = false
        for start in parent.indices where visit[start] == .new {
            var path: [Int] = []
            var walk: Int? = start
            while let group = walk, visit[group] == .new {
                visit[group] = .onPath
                path.append(group)
                walk = parent[group]
            }
            if let group = walk, visit[group] == .onPath, let loopStart = path.firstIndex(of: group) {
                let loop = Array(path[loopStart...])
                let names = loop.map { scaling[$0].name } + [scaling[loop[0]].name]
                let notes = loop.map { DiagnosticNote("'\(scaling[$0].name)' is a member of '\(scaling[parent[$0]!].name)'", at: scaling[parent[$0]!].nameRange) }
                diagnostics.append(.error(.scalingGroupCycle, "scaling groups are members of each other in a loop: \(names.joined(separator: " -> "))",
                                          at: scaling[loop[0]].nameRange,
                                          notes: notes + [DiagnosticNote("remove one of these groups from the members of the other")]))
                found = true
            }
            for group in path { visit[group] = .done }
        }
        return !found
    }

    /// The templates that contain `template`, nearest first.
    private func hosts(of template: Int) -> [Int] {
        var result: [Int] = []
        var walk = hostOf[template]
        // The planner has already refused contained_in loops; the bound only guards against one.
        while let host = walk, result.count < templates.count {
            result.append(host)
            walk = hostOf[host]
        }
        return result
    }

    /// Cloudify's rule that the node members of a scaling group live under a common host (BV0710).
    ///
    /// dsl-parser compares every pair of members; this finds the same answer in linear time. Call
    /// a template's root the outermost node it is contained in (itself when uncontained). Two
    /// members pass Cloudify's pair test exactly when both are uncontained or they have the same
    /// root. A failing pair is still accepted when one of them is uncontained and shares a
    /// scaling group with the other's root. So a group fails when contained members have two
    /// different roots, or when an uncontained member of another root shares no scaling group
    /// with the root of the contained members.
    private func commonHosts(_ membership: Membership, groups scaling: [Group], diagnostics: inout [Diagnostic]) -> Bool {
        var children = [[Int]](repeating: [], count: scaling.count)
        for (group, parent) in membership.parent.enumerated() { if let parent { children[parent].append(group) } }
        var templatesIn = [[Int]](repeating: [], count: scaling.count)
        for (template, group) in membership.templateGroup.enumerated() { if let group { templatesIn[group].append(template) } }
        let root: [Int] = templates.indices.map { hosts(of: $0).last ?? $0 }
        func groupsHolding(_ template: Int) -> Set<Int> {
            var result: Set<Int> = []
            var walk = membership.templateGroup[template]
            while let group = walk, result.insert(group).inserted { walk = membership.parent[group] }
            return result
        }

        var reported: Set<[Int]> = []
        for group in scaling.indices {
            var members: [Int] = []
            var pending = [group]
            while let next = pending.popLast() {
                members += templatesIn[next]
                pending += children[next]
            }
            members.sort()
            // The first contained member of each root, roots in member order.
            var containedByRoot: [(root: Int, member: Int)] = []
            for member in members where hostOf[member] != nil && !containedByRoot.contains(where: { $0.root == root[member] }) {
                containedByRoot.append((root[member], member))
                if containedByRoot.count == 2 { break }
            }
            guard let first = containedByRoot.first else { continue }
            let failing: (Int, Int)?
            if containedByRoot.count > 1 {
                failing = (first.member, containedByRoot[1].member)
            } else {
                let rootGroups = groupsHolding(first.root)
                failing = members.first { member in
                    hostOf[member] == nil && member != first.root && groupsHolding(member).isDisjoint(with: rootGroups)
                }.map { (first.member, $0) }
            }
            guard let (a, b) = failing, reported.insert([min(a, b), max(a, b)]).inserted else { continue }
            diagnostics.append(.error(.scalingGroupWithoutCommonHost,
                                      "'\(templates[a].name)' and '\(templates[b].name)' are in scaling group '\(scaling[group].name)' but are not contained in a common node template",
                                      at: scaling[group].nameRange,
                                      notes: [containmentNote(a), containmentNote(b),
                                              DiagnosticNote("each instance of a scaling group lives on one host instance: contain both in the same node template, or neither")]))
        }
        return reported.isEmpty
    }

    /// `'app' is contained in 'vm'` at the relationship, or `'db' is contained in no node template`.
    private func containmentNote(_ template: Int) -> DiagnosticNote {
        let node = templates[template]
        guard let host = hostOf[template], let relationship = node.relationships.first(where: { $0.isContainment }) else {
            return DiagnosticNote("'\(node.name)' is contained in no node template", at: node.nameRange)
        }
        return DiagnosticNote("'\(node.name)' is contained in '\(templates[host].name)'", at: relationship.targetRange)
    }

    /// Cloudify's removal of members contained in a node of a group they share; computed on the
    /// membership as declared, then applied, as dsl-parser does.
    private func removeMembersContainedInTheirGroup(_ membership: inout Membership) {
        func groupChain(_ group: Int) -> [Int] {
            var result = [group]
            while let parent = membership.parent[result.last!] { result.append(parent) }
            return result
        }
        var leavingTemplates: [Int] = []
        var leavingGroups: [Int] = []
        for (template, group) in membership.templateGroup.enumerated() {
            guard let group else { continue }
            let ownGroups = groupChain(group)
            for host in hosts(of: template) {
                guard let hostGroup = membership.templateGroup[host] else { continue }
                let hostGroups = Set(groupChain(hostGroup))
                guard let shared = ownGroups.firstIndex(where: hostGroups.contains) else { continue }
                if shared == 0 { leavingTemplates.append(template) } else { leavingGroups.append(ownGroups[shared - 1]) }
            }
        }
        for template in leavingTemplates { membership.templateGroup[template] = nil }
        for group in leavingGroups { membership.parent[group] = nil }
    }

    /// The host of each outermost group: the one template its hosted members are contained in.
    private func outermostHosts(_ membership: Membership, groups scaling: [Group], diagnostics: inout [Diagnostic]) -> [Int?]? {
        var hosts = [Int?](repeating: nil, count: scaling.count)
        var hostedMember = [Int?](repeating: nil, count: scaling.count)
        var failed: Set<Int> = []
        for (template, group) in membership.templateGroup.enumerated() {
            guard var outermost = group, let host = hostOf[template] else { continue }
            while let parent = membership.parent[outermost] { outermost = parent }
            guard let earlier = hostedMember[outermost] else {
                hosts[outermost] = host
                hostedMember[outermost] = template
                continue
            }
            guard hosts[outermost] != host, failed.insert(outermost).inserted else { continue }
            diagnostics.append(.error(.scalingGroupWithoutCommonHost,
                                      "'\(templates[earlier].name)' and '\(templates[template].name)' are in scaling group '\(scaling[outermost].name)' but are contained in different node templates",
                                      at: scaling[outermost].nameRange,
                                      notes: [containmentNote(earlier), containmentNote(template),
                                              DiagnosticNote("bluevirt places each instance of a scaling group on one host instance: contain both in the same node template")]))
        }
        return failed.isEmpty ? hosts : nil
    }
}
