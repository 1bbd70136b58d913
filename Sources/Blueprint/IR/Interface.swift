import YAMLSource

/// A named set of operations, such as `cloudify.interfaces.lifecycle`.
public struct Interface: Sendable {
    public var name: String
    public var operations: NameTable<Operation>
    public var range: SourceRange

    public init(name: String, operations: NameTable<Operation>, range: SourceRange) {
        self.name = name
        self.operations = operations
        self.range = range
    }

    /// This interface with `other`'s operations merged over its own.
    public func overridden(by other: Interface) -> Interface {
        var merged = self
        for (name, operation) in other.operations.entries {
            merged.operations[name] = operations[name].map { $0.overridden(by: operation) } ?? operation
        }
        merged.range = other.range
        return merged
    }
}

extension NameTable where Element == Interface {
    /// These interfaces with `overrides` merged over them, operation by operation.
    func overridden(by overrides: NameTable<Interface>) -> NameTable<Interface> {
        var merged = self
        for (name, interface) in overrides.entries {
            merged[name] = self[name].map { $0.overridden(by: interface) } ?? interface
        }
        return merged
    }
}
