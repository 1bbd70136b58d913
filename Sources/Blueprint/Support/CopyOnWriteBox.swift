/// The fields of one of the blueprint's big value types (a node template, a property schema),
/// kept in one object that copies share until one of them changes: these values go by value
/// through every stage, and a copy then counts one reference instead of a dozen.
///
/// The owner reads a field in place (`_read { yield box.fields.name }`) and changes it in
/// place through `unique(_:)`, which first gives the owner a box of its own if another shares it.
final class CopyOnWriteBox<Fields: Sendable>: @unchecked Sendable {
    // Unchecked, for Sendable and for exclusive access (whose run-time checks on every field
    // read cost more than the copies saved: 10.7 M instructions more at 1,000 node templates):
    // the fields change only through an owner that holds the one reference, as an array's
    // buffer does.
    @exclusivity(unchecked) var fields: Fields

    init(_ fields: Fields) {
        self.fields = fields
    }

    /// `box`, first replaced by a box of its own if another owner shares it.
    static func unique(_ box: inout CopyOnWriteBox) -> CopyOnWriteBox {
        if !isKnownUniquelyReferenced(&box) { box = CopyOnWriteBox(box.fields) }
        return box
    }
}
