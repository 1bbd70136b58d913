import Platform

/// swift-mustache's transforms (`{{uppercased(name)}}`, `{{#reversed(items)}}`), which a user's
/// template may use: nil for a transform the value's kind does not have, which renders nothing.
extension TemplateValue {
    func transformed(by name: String) -> TemplateValue? {
        switch self {
        case .text(let text):
            return switch name {
            case "empty": .flag(text.isEmpty)
            case "lowercased": .text(text.lowercased())
            case "uppercased": .text(text.uppercased())
            case "reversed": .text(String(text.reversed()))
            case "capitalized": .text(text.capitalized)
            default: nil
            }
        case .number(let number):
            return switch name {
            case "equalzero": .flag(number == 0)
            case "plusone": .number(number + 1)
            case "minusone": .number(number - 1)
            case "even": .flag(number & 1 == 0)
            case "odd": .flag(number & 1 == 1)
            default: nil
            }
        case .list(let items, let original):
            return switch name {
            case "first": items.first
            case "last": items.last
            case "reversed": .list(items.reversed(), original: (original as? any ReversibleList)?.reversedList ?? original)
            case "count": .number(items.count)
            case "empty": .flag(items.isEmpty)
            // Only a list of one comparable type sorts, as a Swift array of Comparable elements does.
            case "sorted": (original as? any SortableList).map { TemplateValue($0.sortedList) }
            default: nil
            }
        case .object(let pairs, let original):
            switch name {
            case "count": return .number(pairs.count)
            case "empty": return .flag(pairs.isEmpty)
            case "enumerated", "sorted":
                // Entries are (key:, value:) tuples in swift-mustache, printed as such.
                let given = (original as? [String: Any]) ?? [:]
                let entries = name == "sorted" ? given.sorted { $0.key < $1.key } : given.map { $0 }
                let tuples = entries.map { (key: $0.key, value: $0.value) }
                return .list(tuples.map { .object(["key": .text($0.key), "value": TemplateValue($0.value)], original: $0) }, original: tuples)
            default: return nil
            }
        case .flag, .other:
            return nil
        }
    }
}

/// The lists swift-mustache reverses and sorts keep their Swift types, which a list printed
/// whole shows (`ReversedCollection<Array<String>>(_base: …)`): these give the same values.
protocol ReversibleList { var reversedList: Any { get } }
protocol SortableList { var sortedList: Any { get } }

extension Array: ReversibleList {
    var reversedList: Any { reversed() }
}

extension ReversedCollection: ReversibleList {
    var reversedList: Any { reversed() }
}

extension Array: SortableList where Element: Comparable {
    var sortedList: Any { sorted() }
}

extension ReversedCollection: SortableList where Element: Comparable {
    var sortedList: Any { sorted() }
}
