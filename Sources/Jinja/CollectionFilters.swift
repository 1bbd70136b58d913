/// jinja2's filters that add up, cut, sort or group a collection: `sum`, `batch`, `slice`,
/// `dictsort`, `groupby`, `reverse`. Where jinja2's give a generator (`batch`, `slice`,
/// `reverse` of a sequence), so do these: it iterates, and `|list` or a loop reads it.
enum CollectionFilters {
    static let names: Set<String> = ["sum", "batch", "slice", "dictsort", "groupby", "reverse"]

    private static let parameters: [String: [String]] = [
        "sum": ["attribute", "start"], "batch": ["linecount", "fill_with"], "slice": ["slices", "fill_with"],
        "dictsort": ["case_sensitive", "by", "reverse"], "groupby": ["attribute", "default", "case_sensitive"],
    ]

    static func apply(_ name: String, _ value: Value, _ positional: [Value], _ keywords: [(String, Value)], at position: SourcePosition) throws(JinjaError) -> Value {
        let arguments = try Arguments(positional, keywords, names: parameters[name] ?? [], callee: "do_\(name)", at: position)
        func items() throws(JinjaError) -> [Value] {
            try Interpreter.checkSplit(value, at: position)
            guard let items = value.iterationItems else {
                throw JinjaError(.runtime, "'\(value.typeName)' object is not iterable", at: position)
            }
            return items
        }
        func count(_ parameter: String) throws(JinjaError) -> Int {
            guard let argument = arguments[parameter] else {
                throw JinjaError(.runtime, "do_\(name)() missing 1 required positional argument: '\(parameter)'", at: position)
            }
            guard let number = argument.integer else {
                throw JinjaError(.unsupported, "the filter '\(name)' with a \(parameter) that is a \(argument.typeName) is not supported by bluevirt's Jinja2 interpreter", at: position)
            }
            return number
        }
        let fill = arguments["fill_with"].flatMap { $0 == .none ? nil : $0 }
        switch name {
        case "sum":
            var total = arguments["start"] ?? .int(0)
            let attribute = arguments["attribute"] ?? .none
            for item in try items() {
                total = try Operators.binary("+", total, try AttributePath.value(attribute, of: item, default: nil, at: position), at: position)
            }
            return total
        case "batch":
            let size = try count("linecount")
            var batches: [Value] = []
            var current: [Value] = []
            for item in try items() {
                if current.count == size {
                    batches.append(.list(current))
                    current = []
                }
                current.append(item)
            }
            if !current.isEmpty {
                if let fill, current.count < size { current += Array(repeating: fill, count: size - current.count) }
                batches.append(.list(current))
            }
            return .generator(batches)
        case "slice":
            let slices = try count("slices")
            let all = try items()
            guard slices != 0 else { throw JinjaError(.runtime, "integer division or modulo by zero", at: position) }
            // Python's floor division and modulo, as jinja2's code uses them.
            let perSlice = Int((Double(all.count) / Double(slices)).rounded(.down))
            let withExtra = all.count - perSlice * slices
            var result: [Value] = []
            var offset = 0
            for number in 0..<max(slices, 0) {
                let start = offset + number * perSlice
                if number < withExtra { offset += 1 }
                let end = offset + (number + 1) * perSlice
                var part = start < end ? Array(all[max(start, 0)..<min(end, all.count)]) : []
                if let fill, number >= withExtra { part.append(fill) }
                result.append(.list(part))
            }
            return .generator(result)
        case "dictsort":
            guard case .dict(let dict) = value else {
                if case .undefined(let hint) = value { throw JinjaError(.undefined, hint, at: position) }
                throw JinjaError(.runtime, "'\(value.typeName)' object has no attribute 'items'", at: position)
            }
            let by = arguments["by"] ?? .string("key")
            guard by == .string("key") || by == .string("value") else {
                throw JinjaError(.runtime, "You can only sort by either \"key\" or \"value\"", at: position)
            }
            let caseSensitive = arguments["case_sensitive"]?.isTruthy ?? false
            let pairs = dict.pairs
            let keys = pairs.map { pair in
                let key = by == .string("key") ? pair.0 : pair.1
                return caseSensitive ? key : ignoringCase(key)
            }
            return .list(try OrderingFilters.sorted(pairs.map { .tuple([$0.0, $0.1]) }, by: keys,
                                                    reverse: arguments["reverse"]?.isTruthy ?? false, at: position))
        case "groupby":
            guard let attribute = arguments["attribute"] else {
                throw JinjaError(.runtime, "do_groupby() missing 1 required positional argument: 'attribute'", at: position)
            }
            let fallback = arguments["default"]
            let caseSensitive = arguments["case_sensitive"]?.isTruthy ?? false
            let all = try items()
            var keys: [Value] = []
            for item in all {
                let key = try AttributePath.value(attribute, of: item, default: fallback, at: position)
                keys.append(caseSensitive ? key : ignoringCase(key))
            }
            let order = try OrderingFilters.sorted(Array(all.indices).map(Value.int), by: keys, reverse: false, at: position)
            // itertools.groupby: runs of equal keys, in sorted order.
            var groups: [(key: Value, items: [Value])] = []
            for case .int(let index) in order {
                if let last = groups.last, last.key.pythonEquals(keys[index]) {
                    groups[groups.count - 1].items.append(all[index])
                } else {
                    groups.append((keys[index], [all[index]]))
                }
            }
            var result: [Value] = []
            for group in groups {
                // Not case sensitive: the grouper is the first item's own value, not the lowered one.
                let grouper = caseSensitive ? group.key : try AttributePath.value(attribute, of: group.items[0], default: fallback, at: position)
                result.append(.group(grouper: grouper, list: group.items))
            }
            return .list(result)
        default:
            switch value {
            case .string(let text): return .string(String(text.unicodeScalars.reversed().map(Character.init)))
            case .markup(let text): return .markup(String(text.unicodeScalars.reversed().map(Character.init)))
            case .list(let items), .tuple(let items), .view(_, let items): return .generator(items.reversed())
            case .dict(let dict): return .generator(dict.keys.reversed())
            default:
                guard let items = value.iterationItems else {
                    throw JinjaError(.runtime, "argument must be iterable", at: position)
                }
                return .generator(items.reversed())
            }
        }
    }

    /// jinja2's `ignore_case`: texts lower-cased, anything else as it is.
    private static func ignoringCase(_ value: Value) -> Value {
        switch value {
        case .string(let text): .string(text.lowercased())
        case .markup(let text): .markup(text.lowercased())
        default: value
        }
    }
}
