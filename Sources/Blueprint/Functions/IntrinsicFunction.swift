/// The intrinsic functions of the Cloudify DSL that bluevirt understands.
public enum IntrinsicFunction: String, Sendable, Hashable, CaseIterable {
    case getInput = "get_input"
    case getProperty = "get_property"
    case getAttribute = "get_attribute"
    case getAttributesList = "get_attributes_list"
    case getAttributesDict = "get_attributes_dict"
    case concat
    case merge
    case getSecret = "get_secret"
    case stringFind = "string_find"
    case stringReplace = "string_replace"
    case stringSplit = "string_split"
    case stringLower = "string_lower"
    case stringUpper = "string_upper"
    case getSys = "get_sys"

    /// The name as written in a blueprint.
    public var name: String { rawValue }

    /// Every function name, for did-you-mean suggestions.
    public static let names: [String] = allCases.map(\.rawValue)

    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The function named `name`: one hash lookup, where `init(rawValue:)` compares the name
    /// with each function's in turn (every one- or two-key mapping of a blueprint asks).
    public static func named(_ name: String) -> IntrinsicFunction? {
        // Most names asked about are no function's: every function's name starts with g, c, m or
        // s and has 5 to 19 bytes, which rules most keys out without hashing them.
        let utf8 = name.utf8
        guard (5...19).contains(utf8.count), let first = utf8.first,
              first == UInt8(ascii: "g") || first == UInt8(ascii: "c") || first == UInt8(ascii: "m") || first == UInt8(ascii: "s")
        else { return nil }
        return byName[name]
    }

    /// True for functions whose value exists only once resources exist (node instance
    /// attributes) or lives outside the blueprint (secrets): they cannot be known before a run.
    public var isRuntimeOnly: Bool {
        switch self {
        case .getAttribute, .getAttributesList, .getAttributesDict, .getSecret: true
        default: false
        }
    }

    /// True for functions whose first argument names a node template (or SELF, SOURCE, TARGET).
    public var takesNodeReference: Bool {
        switch self {
        case .getProperty, .getAttribute, .getAttributesList, .getAttributesDict: true
        default: false
        }
    }

    /// True for string_find, string_replace, string_split, string_lower and string_upper.
    public var isStringFunction: Bool {
        switch self {
        case .stringFind, .stringReplace, .stringSplit, .stringLower, .stringUpper: true
        default: false
        }
    }

    /// The accepted argument forms, as shown in notes on malformed calls.
    public var usage: String {
        switch self {
        case .getInput: "get_input: NAME, or get_input: [NAME, KEY_OR_INDEX, ...]"
        case .getProperty: "get_property: [NODE|SELF|SOURCE|TARGET, PROPERTY, KEY_OR_INDEX, ...]"
        case .getAttribute: "get_attribute: [NODE|SELF|SOURCE|TARGET, ATTRIBUTE, KEY_OR_INDEX, ...]"
        case .getAttributesList: "get_attributes_list: [NODE|SELF|SOURCE|TARGET, ATTRIBUTE, KEY_OR_INDEX, ...]"
        case .getAttributesDict: "get_attributes_dict: [NODE|SELF|SOURCE|TARGET, ATTRIBUTE or [ATTRIBUTE, KEY, ...], ...]"
        case .concat: "concat: [VALUE, VALUE, ...]"
        case .merge: "merge: [MAP, MAP, ...]"
        case .getSecret: "get_secret: NAME, or get_secret: [NAME, KEY_OR_INDEX, ...] (at least two items)"
        case .stringFind: "string_find: [HAYSTACK, NEEDLE]"
        case .stringReplace: "string_replace: [HAYSTACK, OLD, NEW] or [HAYSTACK, OLD, NEW, COUNT]"
        case .stringSplit: "string_split: [STRING, SEPARATOR] or [STRING, SEPARATOR, INDEX]"
        case .stringLower: "string_lower: STRING"
        case .stringUpper: "string_upper: STRING"
        case .getSys: "get_sys: [tenant, name], or get_sys: [deployment, id|name|blueprint|owner]"
        }
    }
}
