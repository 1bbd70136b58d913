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
    /// What `read` makes of the operation `name` of the interface `interface`; nil when either is
    /// absent. Reads in place: the subscripts copy the interface and the operation, which every
    /// node's document paid for several times. Inlinable, so that `read` is inlined where it is
    /// written and reads its field straight from the table.
    @inlinable
    public func withOperation<Result>(_ name: String, of interface: String, _ read: (borrowing Operation) -> Result?) -> Result? {
        guard let interfaceIndex = position(of: interface) else { return nil }
        let operations = elements[interfaceIndex].operations
        guard let operationIndex = operations.position(of: name) else { return nil }
        // Through the buffer: an array's subscript hands over a copy of the element.
        return operations.elements.withUnsafeBufferPointer { read($0[operationIndex]) }
    }

    /// These interfaces with `overrides` merged over them, operation by operation.
    func overridden(by overrides: NameTable<Interface>) -> NameTable<Interface> {
        var merged = self
        for (name, interface) in overrides.entries {
            merged[name] = self[name].map { $0.overridden(by: interface) } ?? interface
        }
        return merged
    }
}
