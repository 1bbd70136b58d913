/// The names an intrinsic function may refer to, as the blueprint defines them. The blueprint
/// checker implements this over its IR; tests implement it over a few dictionaries.
public protocol FunctionScope {
    /// The declared blueprint inputs.
    var inputNames: [String] { get }
    /// The declaration of the input `name`, if declared.
    func inputSchema(named name: String) -> PropertySchema?
    /// The node templates of the blueprint.
    var nodeTemplateNames: [String] { get }
    /// The property schemas of the node template's type, or nil when the node template does not
    /// exist (or its type is unknown, in which case property references are not checked).
    func propertySchemas(ofNodeTemplate node: String) -> [String: PropertySchema]?
    /// The value the node template gives the property (its own or its type's default).
    func propertyValue(ofNodeTemplate node: String, named property: String) -> Expression?
    /// The data types, used to follow a nested path into a value of a data type.
    var dataTypes: DataTypeRegistry? { get }
    /// True when the blueprint declares the input `name`.
    func hasInput(named name: String) -> Bool
    /// True when the blueprint has the node template `name`.
    func hasNodeTemplate(named name: String) -> Bool
}

extension FunctionScope {
    /// By default no data types are known and nested paths into data types go unchecked.
    public var dataTypes: DataTypeRegistry? { nil }

    /// A linear search of `inputNames`; scopes with a hashed table should answer directly.
    public func hasInput(named name: String) -> Bool { inputNames.contains(name) }

    /// A linear search of `nodeTemplateNames`; scopes over thousands of node templates should
    /// answer from a hashed table, as every get_property and get_attribute asks.
    public func hasNodeTemplate(named name: String) -> Bool { nodeTemplateNames.contains(name) }
}
