/// A set of intrinsic functions as bits: which functions an expression calls anywhere inside it,
/// found once when the expression is made, so that checks looking for one function (get_secret,
/// get_input) skip the expressions without it instead of walking every one of them.
public struct FunctionSet: Sendable, Hashable {
    private var bits: UInt16 = 0

    public init(_ functions: [IntrinsicFunction]) {
        for function in functions { insert(function) }
    }

    public var isEmpty: Bool { bits == 0 }

    public func contains(_ function: IntrinsicFunction) -> Bool { bits & Self.bit(function) != 0 }

    public func isDisjoint(with other: FunctionSet) -> Bool { bits & other.bits == 0 }

    public mutating func insert(_ function: IntrinsicFunction) { bits |= Self.bit(function) }

    public mutating func formUnion(_ other: FunctionSet) { bits |= other.bits }

    /// Whether a get_input inside follows a path into its input (`get_input: [name, key, …]`),
    /// the only kind the input path check evaluates.
    public var containsInputPath: Bool { bits & Self.inputPathBit != 0 }

    /// Not a function: set beside get_input's bit for a call with a path.
    private static let inputPathBit: UInt16 = 1 << 15

    /// Whether a get_property inside has its node's or property's name given by a function
    /// (`get_property: [vm, {get_input: name}]`), known only once the inputs are.
    public var containsComputedPropertyName: Bool { bits & Self.computedPropertyNameBit != 0 }

    /// Not a function: set beside get_property's bit for a call whose names are computed.
    private static let computedPropertyNameBit: UInt16 = 1 << 14

    /// get_attribute, get_attributes_list, get_attributes_dict and get_secret: known only during a run.
    public static let runtimeOnly = FunctionSet(IntrinsicFunction.allCases.filter(\.isRuntimeOnly))

    /// The functions called in an expression of `kind`, from its parts' own sets.
    init(of kind: Expression.Kind) {
        switch kind {
        case .scalar:
            break
        case .list(let items):
            for item in items { formUnion(item.functions) }
        case .map(let entries):
            for entry in entries { formUnion(entry.value.functions) }
        case .call(let call):
            insert(call.function)
            if call.function == .getInput, call.arguments.count > 1 { bits |= Self.inputPathBit }
            if call.function == .getProperty, call.arguments.prefix(2).contains(where: { !$0.functions.isEmpty }) {
                bits |= Self.computedPropertyNameBit
            }
            for argument in call.arguments { formUnion(argument.functions) }
        }
    }

    private static func bit(_ function: IntrinsicFunction) -> UInt16 {
        // A switch, not a lookup: an enum with String raw values hashes its text.
        let position = switch function {
        case .getInput: 0
        case .getProperty: 1
        case .getAttribute: 2
        case .getAttributesList: 3
        case .getAttributesDict: 4
        case .concat: 5
        case .merge: 6
        case .getSecret: 7
        case .stringFind: 8
        case .stringReplace: 9
        case .stringSplit: 10
        case .stringLower: 11
        case .stringUpper: 12
        case .getSys: 13
        }
        return 1 << position
    }
}
