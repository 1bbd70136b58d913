import Testing
import YAMLSource
@testable import Blueprint

/// Helpers shared by the Value, Constraint, Function and Input tests.
enum ValuesTesting {
    /// The first document of `text`, parsed as the file `test.yaml`.
    static func node(_ text: String, file: String = "test.yaml") -> Node {
        let result = YAMLLoader.load(string: text, file: file)
        precondition(result.diagnostics.isEmpty, "test YAML has problems: \(result.diagnostics)")
        return result.documents.first!
    }

    /// The expression `text` parses to, and the parser's diagnostics.
    static func expression(_ text: String) -> (Expression, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let expression = ExpressionParser.parse(node(text), diagnostics: &diagnostics)
        return (expression, diagnostics)
    }

    /// The declarations of an `inputs:`-style mapping.
    static func schemas(_ text: String, kind: PropertySchema.Kind = .property) -> ([PropertySchema], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let schemas = node(text).pairs!.compactMap {
            PropertySchema.parse(name: $0.key, declaration: $0.value, kind: kind, diagnostics: &diagnostics)
        }
        return (schemas, diagnostics)
    }

    /// A registry of the data types in a `data_types:`-style mapping.
    static func registry(_ text: String) -> (DataTypeRegistry, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let definitions = node(text).pairs!.compactMap {
            DataTypeDefinition.parse(name: $0.key, declaration: $0.value, diagnostics: &diagnostics)
        }
        let (registry, problems) = DataTypeRegistry.build(definitions)
        return (registry, diagnostics + problems)
    }

    /// A fixture file's path.
    static func fixture(_ relativePath: String) -> String {
        // #filePath is …/Tests/BlueprintTests/ValueTestSupport.swift; fixtures live in …/Tests/Fixtures.
        let testsFolder = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(2).joined(separator: "/")
        return testsFolder + "/Fixtures/" + relativePath
    }

    /// `line:column` of a range's start, for compact position assertions.
    static func position(_ range: SourceRange) -> String { "\(range.start.line):\(range.start.column)" }
}

/// A small FunctionScope over dictionaries, standing in for the blueprint IR.
struct ValuesTestScope: FunctionScope {
    var inputs: [String: PropertySchema] = [:]
    var nodes: [String: [String: PropertySchema]] = [:]
    var values: [String: [String: Expression]] = [:]
    var registry: DataTypeRegistry? = nil

    var inputNames: [String] { inputs.keys.sorted() }
    func inputSchema(named name: String) -> PropertySchema? { inputs[name] }
    var nodeTemplateNames: [String] { nodes.keys.sorted() }
    func propertySchemas(ofNodeTemplate node: String) -> [String: PropertySchema]? { nodes[node] }
    func propertyValue(ofNodeTemplate node: String, named property: String) -> Expression? { values[node]?[property] }
    var dataTypes: DataTypeRegistry? { registry }
}
