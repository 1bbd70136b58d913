import YAMLSource

/// Checks the nested paths of get_input (`{ get_input: [networks, front, bridge] }`) against the
/// values the inputs have in this run (given, or their defaults), as Cloudify does when it
/// creates a deployment. Inputs typed by a data type are checked by their type instead
/// (`FunctionChecker`), so only dict, list and untyped inputs are walked here.
enum InputPathChecker {
    static func check(_ sites: [ExpressionSite], values: [String: Value], inputs: NameTable<PropertySchema>,
                      dataTypes: DataTypeRegistry) -> [Diagnostic] {
        let evaluator = Evaluator(inputs: values)
        var diagnostics: [Diagnostic] = []
        var reported: Set<SourceRange> = []
        for site in sites where site.expression.functions.containsInputPath {
            site.expression.forEachCall { call in
                guard call.function == .getInput, !call.isMalformed, call.arguments.count > 1,
                      let name = call.arguments[0].stringLiteral, let schema = inputs[name], let value = values[name], value != .null else { return }
                if let type = schema.type, dataTypes.properties(of: type) != nil { return }
                var found: [Diagnostic] = []
                _ = evaluator.evaluate(Expression(.call(call), range: call.range), in: site.context, diagnostics: &found)
                for var problem in found where problem.code == .missingValuePath && reported.insert(problem.range).inserted {
                    problem.notes.append(DiagnosticNote("the path is checked against the value input '\(name)' has in this run (given, or its default)",
                                                        at: schema.nameRange))
                    diagnostics.append(problem)
                }
            }
        }
        return diagnostics
    }
}
