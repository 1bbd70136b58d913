/// The JSON a node instance's `depends_on` and `uninstall_steps` columns hold, written and read
/// with ``JSONValue``'s own text writer and reader: Foundation's coders cost about a hundred
/// thousand instructions per row, and every apply registers and reads every instance.
///
/// The text is what JSONEncoder with `.sortedKeys` writes, except that `/` is not escaped
/// (rows written before keep `\/`, which the reader takes as `/`).
enum RecordedOrderJSON {
    static func text(of names: [String]) -> String {
        JSONValue.array(names.map(JSONValue.string)).jsonText()
    }

    static func text(of steps: [UninstallStepRecord]) -> String {
        JSONValue.array(steps.map { step in
            .object(["key": .string(step.key), "operation": .string(step.operation), "description": .string(step.description)])
        }).jsonText()
    }

    /// Text that is JSON, but not of the form written here.
    struct WrongShape: Error {}

    /// The names of `text`, a list of strings.
    static func names(from text: String) throws -> [String] {
        guard case .array(let items) = try JSONValue(jsonText: text) else { throw WrongShape() }
        var names: [String] = []
        names.reserveCapacity(items.count)
        for item in items {
            guard case .string(let name) = item else { throw WrongShape() }
            names.append(name)
        }
        return names
    }

    /// The steps of `text`, a list of objects with the three strings.
    static func steps(from text: String) throws -> [UninstallStepRecord] {
        guard case .array(let items) = try JSONValue(jsonText: text) else { throw WrongShape() }
        var steps: [UninstallStepRecord] = []
        steps.reserveCapacity(items.count)
        for item in items {
            guard case .object(let fields) = item, case .string(let key)? = fields["key"],
                  case .string(let operation)? = fields["operation"], case .string(let description)? = fields["description"]
            else { throw WrongShape() }
            steps.append(UninstallStepRecord(key: key, operation: operation, description: description))
        }
        return steps
    }
}
