/// A property's declaration, found again by its place in the table of the type that declares
/// it. An expression site keeps this (32 bytes) rather than a copy of the declaration (240):
/// a blueprint of 50,000 node templates queues about 200,000 sites, and their list was the
/// largest single allocation of `validate`.
struct DeclaredSchema {
    private let table: NameTable<PropertySchema>
    private let position: Int

    /// The declaration named `name` in `table`; nil when there is none.
    init?(_ name: String, in table: NameTable<PropertySchema>?) {
        guard let table, let position = table.position(of: name) else { return nil }
        self.table = table
        self.position = position
    }

    var schema: PropertySchema { table.elements[position] }
}
