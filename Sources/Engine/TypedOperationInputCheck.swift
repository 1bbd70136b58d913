import Blueprint
import Diagnostics

/// An operation input its type declares as an integer, float, boolean, list, dict or regex, given
/// `get_input` by a template (`v_float: {get_input: name}`): Cloudify checks the input's value
/// against that type when it prepares the plan, strictly (an integer is a float, but the text
/// '3.5' is not), and fails; this does the same with the bound inputs. Other functions are not
/// checked (Cloudify checks only get_input). Neither is an input declared with a data type, where
/// Cloudify refuses every get_input (its check knows only the simple types).
enum TypedOperationInputCheck {
    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        // Operation inputs are declared by types only: without such a declaration (most
        // blueprints) there is nothing to check, and the templates are not read.
        guard blueprint.nodeTypes.elements.contains(where: { declaresTypedInput($0.interfaces) })
            || blueprint.relationshipTypes.elements.contains(where: { declaresTypedInput($0.sourceInterfaces) || declaresTypedInput($0.targetInterfaces) })
        else { return [] }
        let evaluator = Evaluator(inputs: blueprint.inputValues, secrets: blueprint.secrets)
        var found: [Diagnostic] = []
        func check(_ operation: Operation, of what: String, in context: ExpressionContext) {
            let values = operation.inputs.elements
            for index in values.indices {
                guard case .call(let call) = values[index].kind, call.function == .getInput else { continue }
                let name = operation.inputs.names[index]
                guard let type = operation.inputSchemas[name]?.primitiveType, !type.isStringLike,
                      let value = evaluator.evaluate(values[index], in: context).value, !holds(value, type) else { continue }
                found.append(.error(
                    .valueTypeMismatch,
                    "input '\(name)' of operation '\(operation.name)' of \(what) is declared \(type.rawValue), but \(call.summary) is \(value.kindDescription) (\(value))",
                    at: values[index].range,
                    notes: [DiagnosticNote("Cloudify checks a get_input given to a typed operation input when it prepares the deployment; give the input a value of type \(type.rawValue)")]))
            }
        }
        // By index, not `for … in`: a copy of every template and operation was most of the cost
        // of a check that finds nothing to look at in most blueprints.
        func checkAll(_ interfaces: NameTable<Interface>, of what: @autoclosure () -> String, in context: ExpressionContext) {
            let all = interfaces.elements
            for interface in all.indices {
                let operations = all[interface].operations.elements
                for operation in operations.indices where callsGetInput(operations[operation]) {
                    check(operations[operation], of: what(), in: context)
                }
            }
        }
        let templates = blueprint.nodeTemplates.elements
        for index in templates.indices {
            let name = templates[index].name
            checkAll(templates[index].interfaces, of: "node template '\(name)'", in: .operationInput(node: name))
            let relationships = templates[index].relationships
            for relationship in relationships.indices {
                let target = relationships[relationship].target
                let context = ExpressionContext.relationshipOperationInput(source: name, target: target)
                checkAll(relationships[relationship].sourceInterfaces, of: "the relationship from '\(name)' to '\(target)'", in: context)
                checkAll(relationships[relationship].targetInterfaces, of: "the relationship from '\(name)' to '\(target)'", in: context)
            }
        }
        return found
    }

    private static func declaresTypedInput(_ interfaces: NameTable<Interface>) -> Bool {
        interfaces.elements.contains { interface in
            interface.operations.elements.contains { operation in
                operation.inputSchemas.elements.contains { $0.primitiveType.map { !$0.isStringLike } ?? false }
            }
        }
    }

    private static func callsGetInput(_ operation: Operation) -> Bool {
        operation.inputs.elements.contains { $0.functions.contains(.getInput) }
    }

    /// Cloudify's `parse_simple_type_value` for the types that are not text.
    private static func holds(_ value: Value, _ type: PrimitiveType) -> Bool {
        switch (type, value) {
        case (.integer, .int), (.float, .int), (.float, .float), (.boolean, .bool), (.list, .list), (.dict, .map): true
        case (.regex, .string(let pattern)): (try? Regex(pattern)) != nil
        default: false
        }
    }
}
