/// The tree that instances are placed in. Every node template and every scaling group is a
/// unit whose instances are made once per instance of its parent unit: a template's parent is
/// the scaling group that holds it directly, else its host; a scaling group's parent is the
/// group it is a member of, else the host its members are contained in. A unit without a parent
/// is instantiated once per deployment. Counts therefore multiply down the tree.
///
/// Units are numbered: node template `t` is unit `t`, scaling group `g` is unit
/// `templateCount + g`.
struct PlacementTree {
    let templateCount: Int
    /// The parent of each unit.
    let parent: [Int?]

    init(hostOf: [Int?], layout: ScalingGroupLayout) {
        let templateCount = hostOf.count
        self.templateCount = templateCount
        let templateParents = hostOf.indices.map { template in layout.groupOf[template].map { templateCount + $0 } ?? hostOf[template] }
        let groupParents = layout.groups.map { group in group.parent.map { templateCount + $0 } ?? group.host }
        parent = templateParents + groupParents
    }

    var unitCount: Int { parent.count }

    /// The scaling group a unit stands for, nil for a node template.
    func group(_ unit: Int) -> Int? {
        unit >= templateCount ? unit - templateCount : nil
    }

    /// Every unit, each after its parent; nil when parents form a loop (the scaling group checks
    /// and the template order exclude one; this guards the walk).
    func topDown() -> [Int]? {
        var depth = [Int?](repeating: nil, count: unitCount)
        for start in 0..<unitCount where depth[start] == nil {
            var path: [Int] = []
            var walk: Int? = start
            while let unit = walk, depth[unit] == nil {
                guard path.count <= unitCount else { return nil }
                path.append(unit)
                walk = parent[unit]
            }
            var next = walk.flatMap { depth[$0] } ?? -1
            for unit in path.reversed() {
                next += 1
                depth[unit] = next
            }
        }
        let depths = depth.map { $0! }
        return (0..<unitCount).sorted { depths[$0] != depths[$1] ? depths[$0] < depths[$1] : $0 < $1 }
    }

    /// The units above `unit`, nearest first.
    func ancestors(of unit: Int) -> [Int] {
        var result: [Int] = []
        var walk = parent[unit]
        while let next = walk, result.count < unitCount {
            result.append(next)
            walk = parent[next]
        }
        return result
    }

    /// The nearest unit above `source` that is `target` or above it: the unit inside whose each
    /// instance a relationship from `source` to `target` is confined; nil when there is none.
    func commonScope(of source: Int, and target: Int) -> Int? {
        // No set of the target's side: every relationship asks, chains are a few units long,
        // and making the set cost more than walking them.
        ancestors(of: source).first { isSelfOrAbove($0, of: target) }
    }

    /// Whether `unit` is `other` or one of the units above it.
    private func isSelfOrAbove(_ unit: Int, of other: Int) -> Bool {
        var walk: Int? = other
        // As many steps as `ancestors(of:)` takes, which stops at a loop.
        for _ in 0...unitCount {
            guard let next = walk else { return false }
            if next == unit { return true }
            walk = parent[next]
        }
        return false
    }

    /// The nearest scaling group that holds both units (at any depth, through hosts too).
    func sharedScalingGroup(of source: Int, and target: Int) -> Int? {
        let targetGroups = Set(ancestors(of: target).compactMap(group))
        return ancestors(of: source).compactMap(group).first(where: targetGroups.contains)
    }
}
