import YAMLSource

/// Checks `deployment_settings` as Cloudify's parser does, although bluevirt uses none of it:
/// a blueprint Cloudify refuses should not pass here. Its keys are `display_name` (a string or a
/// function known when the deployment is created), `id_template`, `default_groups` and
/// `default_schedules` (named workflow schedules, each with a `workflow` and a `since`).
enum DeploymentSettingsParser {
    static let keys = ["default_schedules", "default_groups", "id_template", "display_name"]
    static let scheduleKeys = [
        "workflow", "execution_arguments", "workflow_parameters", "since", "until", "recurrence",
        "timezone", "weekdays", "count", "default_enabled", "stop_after_fail", "slip",
    ]
    static let weekdays = ["su", "mo", "tu", "we", "th", "fr", "sa"]

    static func check(_ entry: SectionEntry, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) {
        switch entry.name {
        case "display_name":
            let expression = ExpressionParser.parse(entry.value, diagnostics: &diagnostics)
            if expression.containsFunctions {
                checks.expressions.append(ExpressionSite(expression: expression, context: .output, declared: nil, path: "deployment_settings.display_name"))
            } else if entry.value.string == nil, !expression.callsManagerFunction {
                diagnostics.append(.error(.wrongShape, "deployment_settings.display_name must be a string or a function, not \(entry.value.kindDescription)", at: entry.value.range))
            }
        case "id_template":
            _ = DefinitionReader.string(entry.value, of: "deployment_settings.id_template", diagnostics: &diagnostics)
        case "default_groups":
            _ = DefinitionReader.items(entry.value, of: "deployment_settings.default_groups", diagnostics: &diagnostics)
        case "default_schedules":
            guard let schedules = DefinitionReader.pairs(entry.value, of: "deployment_settings.default_schedules", diagnostics: &diagnostics) else { return }
            for schedule in schedules {
                checkSchedule(name: schedule.key.string ?? schedule.key.kindDescription, schedule.value, at: schedule.key.range, diagnostics: &diagnostics)
            }
        default:
            let note = DidYouMean.note(for: entry.name, among: keys) ?? "deployment_settings accepts: \(keys.joined(separator: ", "))"
            diagnostics.append(.error(.unknownKey, "unknown key '\(entry.name)' in deployment_settings", at: entry.key.range, notes: [DiagnosticNote(note)]))
        }
    }

    private static func checkSchedule(name: String, _ node: Node, at range: SourceRange, diagnostics: inout [Diagnostic]) {
        let what = "deployment schedule '\(name)'"
        guard let pairs = DefinitionReader.pairs(node, of: what, diagnostics: &diagnostics) else { return }
        DefinitionReader.checkKeys(pairs, allowed: scheduleKeys, in: what, diagnostics: &diagnostics)
        if let pair = DefinitionReader.requireKey("workflow", in: pairs, of: what, at: range, diagnostics: &diagnostics) {
            _ = DefinitionReader.string(pair.value, of: "'workflow' of \(what)", diagnostics: &diagnostics)
        }
        checkFieldTypes(pairs, of: what, diagnostics: &diagnostics)
        let timezone = DefinitionReader.entry("timezone", in: pairs)?.value.string
        if let since = DefinitionReader.requireKey("since", in: pairs, of: what, at: range, diagnostics: &diagnostics) {
            checkTime(since.value, key: "since", of: what, timezone: timezone, diagnostics: &diagnostics)
        }
        // Cloudify reads `until` only when it is given and not empty.
        if let until = DefinitionReader.entry("until", in: pairs)?.value, until.scalar?.value != .null, until.string != "" {
            checkTime(until, key: "until", of: what, timezone: timezone, diagnostics: &diagnostics)
        }
        if let recurrence = DefinitionReader.entry("recurrence", in: pairs)?.value,
           let text = DefinitionReader.string(recurrence, of: "'recurrence' of \(what)", diagnostics: &diagnostics),
           !text.isEmpty, !isTimeDelta(text) {
            diagnostics.append(.error(.invalidSchedule, "'recurrence' of \(what) is '\(text)', which is not a time delta", at: recurrence.range,
                                      notes: [DiagnosticNote("write a number and a unit: 1 day, 2 weeks, 30min, 1h, 1mo, 1y")]))
        }
        if let days = DefinitionReader.entry("weekdays", in: pairs)?.value,
           let items = DefinitionReader.items(days, of: "'weekdays' of \(what)", diagnostics: &diagnostics) {
            for item in items {
                // Cloudify reads the last two letters, so `2mo` (the second Monday) is a weekday too.
                guard let day = DefinitionReader.string(item, of: "a weekday of \(what)", diagnostics: &diagnostics),
                      !weekdays.contains(String(day.lowercased().suffix(2))) else { continue }
                diagnostics.append(.error(.invalidSchedule, "'\(day)' in 'weekdays' of \(what) is not a weekday", at: item.range,
                                          notes: [DiagnosticNote("a weekday ends with one of: \(weekdays.joined(separator: ", "))")]))
            }
        }
        if let parameters = DefinitionReader.entry("workflow_parameters", in: pairs)?.value,
           let parameterPairs = DefinitionReader.pairs(parameters, of: "'workflow_parameters' of \(what)", diagnostics: &diagnostics) {
            // A schedule is set when the deployment is created: no instance attribute exists yet.
            let runtime = parameterPairs.contains { $0.key.string == IntrinsicFunction.getAttribute.name } ? parameters
                : parameterPairs.first { DefinitionReader.entry(IntrinsicFunction.getAttribute.name, in: $0.value.pairs ?? []) != nil }?.value
            if let runtime {
                diagnostics.append(.error(.functionNotAllowedHere, "'workflow_parameters' of \(what) cannot use get_attribute: schedules are set when the deployment is created, before any instance exists",
                                          at: runtime.range, notes: [DiagnosticNote("use a literal, get_input or get_secret")]))
            }
        }
    }

    /// The type of each of a schedule's other fields, as Cloudify's schema has it; null is absent.
    private static func checkFieldTypes(_ pairs: [Pair], of what: String, diagnostics: inout [Diagnostic]) {
        let fields: [(key: String, type: PrimitiveType)] = [
            ("timezone", .string), ("count", .integer), ("slip", .integer), ("default_enabled", .boolean), ("stop_after_fail", .boolean),
        ]
        for field in fields {
            guard let node = DefinitionReader.entry(field.key, in: pairs)?.value else { continue }
            checkType(node, field.type, of: "'\(field.key)' of \(what)", diagnostics: &diagnostics)
        }
        guard let arguments = DefinitionReader.entry("execution_arguments", in: pairs)?.value,
              let argumentPairs = DefinitionReader.pairs(arguments, of: "'execution_arguments' of \(what)", diagnostics: &diagnostics) else { return }
        let argumentTypes: [(key: String, type: PrimitiveType)] = [
            ("force", .boolean), ("is_dry_run", .boolean), ("wait_after_fail", .integer), ("allow_custom_parameters", .boolean),
        ]
        DefinitionReader.checkKeys(argumentPairs, allowed: argumentTypes.map(\.key), in: "'execution_arguments' of \(what)", diagnostics: &diagnostics)
        for argument in argumentTypes {
            guard let node = DefinitionReader.entry(argument.key, in: argumentPairs)?.value else { continue }
            checkType(node, argument.type, of: "'\(argument.key)' in 'execution_arguments' of \(what)", diagnostics: &diagnostics)
        }
    }

    private static func checkType(_ node: Node, _ type: PrimitiveType, of what: String, diagnostics: inout [Diagnostic]) {
        let matches: Bool
        switch (type, node.scalar?.value) {
        case (_, .null?): matches = true
        case (.string, _): matches = node.string != nil
        case (.integer, .int?): matches = true
        case (.boolean, .bool?): matches = true
        default: matches = false
        }
        if !matches {
            diagnostics.append(.error(.wrongShape, "\(what) must be \(type.phrase), not \(node.kindDescription)", at: node.range))
        }
    }

    /// `since` or `until`: text that Cloudify reads as a time (it computes the first run from it).
    private static func checkTime(_ node: Node, key: String, of what: String, timezone: String?, diagnostics: inout [Diagnostic]) {
        guard let text = DefinitionReader.string(node, of: "'\(key)' of \(what)", diagnostics: &diagnostics),
              let problem = ScheduleTime.problem(text, timezone: timezone) else { return }
        diagnostics.append(.error(.invalidSchedule, "'\(key)' of \(what): \(problem)", at: node.range,
                                  notes: [DiagnosticNote("write '2030-01-01 02:00', '02:00' or '+1d'; a timezone is a name such as Europe/Paris")]))
    }

    /// Cloudify's time delta: a number, an optional space and a unit (min, h, d, w, mo, y, spelled
    /// out or not, singular or plural).
    static func isTimeDelta(_ text: String) -> Bool {
        text.wholeMatch(of: /\d+ ?(min(ute)?|h(our)?|d(ay)?|w(eek)?|mo(nth)?|y(ear)?)s?/) != nil
    }
}
