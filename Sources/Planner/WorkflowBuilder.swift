import Blueprint

/// Builds the install and uninstall graphs in the order of Cloudify's built-in workflows.
///
/// Install, per instance, one step after the other: create; preconfigure of each relationship
/// (source operation, then target operation); configure; postconfigure of each relationship;
/// start; establish of each relationship. An instance's first step waits for the last step of
/// every instance it has a relationship to (that is, until the target is started and its own
/// relationships are established).
///
/// Uninstall is the reverse: per instance stop; unlink of each relationship, last declared
/// first (source, then target operation); delete. An instance's first step waits for the last
/// step of every instance that has a relationship to it, so sources go before targets.
///
/// An operation without an implementation is no step at all (Cloudify skips no-op operations);
/// the order still holds through it, because an instance without steps passes on what it
/// waited for.
struct WorkflowBuilder {
    let templates: [NodeTemplate]
    let expansion: InstanceExpansion

    func install() -> OperationGraph {
        var builder = OperationGraphBuilder(workflow: .install)
        var ends = [[StepID]](repeating: [], count: expansion.instances.count)
        for (position, instance) in expansion.instances.enumerated() {
            var chain = Chain(waitsFor: Self.union(expansion.targets[position].map { ends[$0] }))
            let template = templates[expansion.templateOf[position]]
            let relationships = Array(instance.relationships.indices)
            chain.node(.create, instance, template, &builder)
            chain.relationships(relationships, StepKind.preconfigure, instance, template, &builder)
            chain.node(.configure, instance, template, &builder)
            chain.relationships(relationships, StepKind.postconfigure, instance, template, &builder)
            chain.node(.start, instance, template, &builder)
            chain.relationships(relationships, StepKind.establish, instance, template, &builder)
            ends[position] = chain.waitsFor
        }
        return builder.build()
    }

    func uninstall() -> OperationGraph {
        var builder = OperationGraphBuilder(workflow: .uninstall)
        let count = expansion.instances.count
        var sources = [[Int]](repeating: [], count: count)
        for (position, targets) in expansion.targets.enumerated() {
            for target in targets { sources[target].append(position) }
        }
        var ends = [[StepID]](repeating: [], count: count)
        for position in stride(from: count - 1, through: 0, by: -1) {
            let instance = expansion.instances[position]
            var chain = Chain(waitsFor: Self.union(sources[position].map { ends[$0] }))
            let template = templates[expansion.templateOf[position]]
            chain.node(.stop, instance, template, &builder)
            chain.relationships(Array(instance.relationships.indices.reversed()), StepKind.unlink, instance, template, &builder)
            chain.node(.delete, instance, template, &builder)
            ends[position] = chain.waitsFor
        }
        return builder.build()
    }

    /// The steps in `lists`, ascending, each once.
    private static func union(_ lists: [[StepID]]) -> [StepID] {
        if lists.count == 1 { return lists[0] }
        return Set(lists.joined()).sorted()
    }

    /// The steps of one instance, each waiting for the one before (the first for what the
    /// instance waits for).
    private struct Chain {
        var waitsFor: [StepID]

        mutating func node(_ kind: StepKind, _ instance: NodeInstance, _ template: NodeTemplate, _ builder: inout OperationGraphBuilder) {
            guard let implementation = Self.implementation(template.interfaces, kind) else { return }
            let id = builder.add(instance: instance.id, node: instance.nodeName, kind: kind, implementation: implementation, target: nil,
                                 description: "\(kind.operationName) \(instance.id)", waitsFor: waitsFor)
            waitsFor = [id]
        }

        mutating func relationships(_ indices: [Int], _ phase: (RelationshipSide, Int) -> StepKind, _ instance: NodeInstance,
                                    _ template: NodeTemplate, _ builder: inout OperationGraphBuilder) {
            for index in indices {
                let relationship = instance.relationships[index]
                let declared = template.relationships[relationship.templateRelationshipIndex]
                for side in [RelationshipSide.source, .target] {
                    let kind = phase(side, index)
                    let interfaces = side == .source ? declared.sourceInterfaces : declared.targetInterfaces
                    guard let implementation = Self.implementation(interfaces, kind) else { continue }
                    let id = builder.add(instance: instance.id, node: instance.nodeName, kind: kind, implementation: implementation,
                                         target: relationship.targetInstanceId,
                                         templateRelationship: relationship.templateRelationshipIndex,
                                         description: "\(kind.operationName) \(instance.id) → \(relationship.targetInstanceId) (\(side.rawValue))",
                                         waitsFor: waitsFor)
                    waitsFor = [id]
                }
            }
        }

        /// What runs for `kind`, nil for a no-op (no operation, or one without implementation).
        private static func implementation(_ interfaces: NameTable<Interface>, _ kind: StepKind) -> String? {
            guard let implementation = interfaces.withOperation(kind.operationName, of: kind.interfaceName, { $0.implementation }),
                  !implementation.isEmpty else { return nil }
            return implementation
        }
    }
}
