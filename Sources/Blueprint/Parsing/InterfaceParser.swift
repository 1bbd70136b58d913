import YAMLSource

/// Parses `interfaces` (and a relationship's `source_interfaces` / `target_interfaces`):
/// interface name → operation name → a short form (`plugin.task` or a script path) or a long
/// form with implementation, inputs, executor, max_retries, retry_interval, timeout and
/// timeout_recoverable.
struct InterfaceParser {
    /// In a type, operation inputs are schemas; in a template, they are values in `context`.
    enum Mode {
        case declaration
        case values(ExpressionContext)
    }

    static let operationKeys = ["implementation", "inputs", "executor", "max_retries", "retry_interval", "timeout", "timeout_recoverable"]

    /// The hint of an operation that is neither an implementation nor a mapping.
    static let operationShapeHint = DiagnosticNote("write the script or plugin task to run (create: scripts/create.sh), or a mapping with 'implementation' and 'inputs'")

    /// ``Operation/longestWait`` as a message writes it.
    private static let longestWait = String(Int(Operation.longestWait))

    /// What to write instead of a `timeout` or `retry_interval` that is no number of seconds from
    /// 0 to ``Operation/longestWait``, then `fix`.
    private static func notes(forSeconds node: Node, fix: String? = nil) -> [DiagnosticNote] {
        let hint = switch DefinitionReader.number(node) {
        case nil: "write the number of seconds in digits, such as 30, without a unit"
        case let seconds? where seconds > Operation.longestWait: "\(longestWait) seconds is a year, the longest bluevirt waits"
        default: "give 0 seconds or more"
        }
        return [hint, fix].compactMap { $0.map { DiagnosticNote($0) } }
    }

    var mode: Mode
    /// Names the owner in messages: "node type 'x'", "node template 'vm'".
    var owner: String
    /// The schema a given operation input's value must satisfy (interface, operation, input),
    /// from the type that declares the operation; values mode only.
    var inputSchema: (String, String, String) -> DeclaredSchema? = { _, _, _ in nil }
    /// The data types the inputs' declared types name; without them only a boolean input's own
    /// yes/no word is read as a boolean.
    var dataTypes = DataTypeRegistry()

    func parse(_ node: Node, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> NameTable<Interface> {
        var interfaces = NameTable<Interface>()
        guard let pairs = DefinitionReader.pairs(node, of: "the interfaces of \(owner)", diagnostics: &diagnostics) else { return interfaces }
        for pair in pairs {
            guard let name = DefinitionReader.name(pair.key, in: "the interfaces of \(owner)", diagnostics: &diagnostics) else { continue }
            var operations = NameTable<Operation>()
            let operationPairs = DefinitionReader.pairs(pair.value, of: "interface '\(name)' of \(owner)", diagnostics: &diagnostics) ?? []
            for operationPair in operationPairs {
                guard let operationName = DefinitionReader.name(operationPair.key, in: "interface '\(name)'", diagnostics: &diagnostics) else { continue }
                operations[operationName] = parseOperation(operationName, interface: name, key: operationPair.key, value: operationPair.value, checks: &checks, diagnostics: &diagnostics)
            }
            interfaces[name] = Interface(name: name, operations: operations, range: pair.key.range)
        }
        return interfaces
    }

    private func parseOperation(_ name: String, interface: String, key: Node, value: Node,
                                checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> Operation {
        var operation = Operation(name: name, implementation: nil, inputs: NameTable(), inputSchemas: NameTable(),
                                  executor: nil, maxRetries: nil, retryInterval: nil, range: key.range)
        let what = "operation '\(interface).\(name)' of \(owner)"
        switch value.content {
        case .scalar(let scalar):
            switch scalar.value {
            case .null: break
            case .string(let text):
                operation.implementation = text.isEmpty ? nil : text
                operation.implementationRange = value.range
            default:
                diagnostics.append(.error(.wrongShape, "\(what) must be an implementation (a string) or a mapping, not \(value.kindDescription)", at: value.range,
                                          notes: [Self.operationShapeHint]))
            }
            return operation
        case .sequence:
            diagnostics.append(.error(.wrongShape, "\(what) must be an implementation (a string) or a mapping, not a list", at: value.range,
                                      notes: [Self.operationShapeHint]))
            return operation
        case .mapping(let pairs):
            DefinitionReader.checkKeys(pairs, allowed: Self.operationKeys, in: what, diagnostics: &diagnostics)
            if let implementation = DefinitionReader.entry("implementation", in: pairs)?.value {
                if implementation.scalar?.value != .null,
                   let text = DefinitionReader.string(implementation, of: "the implementation of \(what)", diagnostics: &diagnostics), !text.isEmpty {
                    operation.implementation = text
                    operation.implementationRange = implementation.range
                }
            }
            // As in Cloudify, a null executor is the same as none: the plugin's own.
            if let executor = DefinitionReader.entry("executor", in: pairs)?.value, executor.scalar?.value != .null,
               let text = DefinitionReader.string(executor, of: "the executor of \(what)", diagnostics: &diagnostics) {
                if Plugin.executors.contains(text) {
                    operation.executor = text
                } else {
                    let note = DidYouMean.note(for: text, among: Plugin.executors) ?? "the executor is one of: \(Plugin.executors.joined(separator: ", "))"
                    diagnostics.append(.error(.invalidOperation, "unknown executor '\(text)' in \(what)", at: executor.range, notes: [DiagnosticNote(note)]))
                }
            }
            if let retries = DefinitionReader.entry("max_retries", in: pairs)?.value {
                if let count = DefinitionReader.integer(retries), count >= -1 {
                    operation.maxRetries = count
                } else {
                    diagnostics.append(.error(.invalidOperation, "max_retries of \(what) must be an integer of -1 (retry forever) or more", at: retries.range,
                                              notes: [DiagnosticNote("give a count such as 3, 0 for no retry, or -1 to retry until it succeeds")]))
                }
            }
            if let interval = DefinitionReader.entry("retry_interval", in: pairs)?.value {
                if let seconds = DefinitionReader.number(interval), seconds >= 0, seconds <= Operation.longestWait {
                    operation.retryInterval = seconds
                } else {
                    diagnostics.append(.error(.invalidOperation, "retry_interval of \(what) must be a number of seconds from 0 to \(Self.longestWait)",
                                              at: interval.range, notes: Self.notes(forSeconds: interval)))
                }
            }
            // As in Cloudify, a null timeout or timeout_recoverable is the same as none.
            if let timeout = DefinitionReader.entry("timeout", in: pairs)?.value, timeout.scalar?.value != .null {
                if let seconds = DefinitionReader.number(timeout), seconds >= 0, seconds <= Operation.longestWait {
                    operation.timeout = seconds
                } else {
                    diagnostics.append(.error(.invalidOperation, "timeout of \(what) must be a number of seconds from 0 to \(Self.longestWait)",
                                              at: timeout.range, notes: Self.notes(forSeconds: timeout, fix: "leave timeout out for none")))
                }
            }
            if let recoverable = DefinitionReader.entry("timeout_recoverable", in: pairs)?.value, recoverable.scalar?.value != .null {
                if case .bool(let flag) = recoverable.scalar?.value {
                    operation.timeoutRecoverable = flag
                } else {
                    diagnostics.append(.error(.invalidOperation, "timeout_recoverable of \(what) must be true or false, not \(recoverable.scalar.map { "'\($0.text)'" } ?? recoverable.kindDescription)",
                                              at: recoverable.range, notes: [DiagnosticNote("true retries an operation that timed out, as after a recoverable error")]))
                }
            }
            if let inputs = DefinitionReader.entry("inputs", in: pairs)?.value,
               let inputPairs = DefinitionReader.pairs(inputs, of: "the inputs of \(what)", diagnostics: &diagnostics) {
                for inputPair in inputPairs {
                    guard let inputName = DefinitionReader.name(inputPair.key, in: "the inputs of \(what)", diagnostics: &diagnostics) else { continue }
                    switch mode {
                    case .declaration:
                        guard let schema = PropertySchema.parse(name: inputPair.key, declaration: inputPair.value, diagnostics: &diagnostics) else { continue }
                        operation.inputSchemas[inputName] = schema
                        operation.inputs[inputName] = schema.default.map { dataTypes.readingBooleanWords($0, type: schema.type) }
                        checks.declaration(schema)
                    case .values(let context):
                        let expression = ExpressionParser.parse(inputPair.value, diagnostics: &diagnostics)
                        let declared = inputSchema(interface, name, inputName)
                        operation.inputs[inputName] = dataTypes.readingBooleanWords(expression, type: declared?.schema.type)
                        checks.expressions.append(ExpressionSite(expression: expression, context: context, declared: declared, path: inputName))
                    }
                }
            }
            return operation
        }
    }
}
