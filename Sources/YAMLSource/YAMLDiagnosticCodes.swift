/// The codes of problems found while reading a file and parsing it as YAML (BV00xx).
extension DiagnosticCode {
    /// The file is missing, unreadable or a directory.
    public static let unreadableFile = DiagnosticCode("BV0001", "file cannot be read")
    /// The file is larger than `YAMLLimits.maxDocumentBytes`.
    public static let fileTooLarge = DiagnosticCode("BV0002", "file is larger than the size limit")
    /// Invalid UTF-8, NUL bytes or other control characters: usually a binary file.
    public static let notText = DiagnosticCode("BV0003", "file is not UTF-8 text")
    /// A YAML syntax error without a more specific code.
    public static let yamlSyntax = DiagnosticCode("BV0004", "YAML syntax error")
    /// A tab where YAML needs spaces.
    public static let tabIndentation = DiagnosticCode("BV0005", "tab used for indentation")
    /// A line indented so that it belongs to no collection.
    public static let badIndentation = DiagnosticCode("BV0006", "bad indentation")
    /// A quoted string or flow collection (`[`, `{`) that is never closed.
    public static let unclosedConstruct = DiagnosticCode("BV0007", "unclosed quoted string or bracket")
    /// The same key twice in one mapping.
    public static let duplicateKey = DiagnosticCode("BV0010", "duplicate mapping key")
    /// An alias (`*name`) with no anchor (`&name`) before it.
    public static let unknownAlias = DiagnosticCode("BV0011", "unknown alias")
    /// An alias inside the node its anchor names, which would make an infinite tree.
    public static let recursiveAlias = DiagnosticCode("BV0012", "alias refers to an enclosing node")
    /// Aliases expand to more nodes than `YAMLLimits.maxAliasExpansion` ("billion laughs").
    public static let aliasExpansionLimit = DiagnosticCode("BV0013", "alias expansion exceeds the limit")
    /// A merge key (`<<`) whose value is not a mapping or a list of mappings.
    public static let invalidMerge = DiagnosticCode("BV0014", "merge key value is not a mapping")
    /// Collections nested deeper than `YAMLLimits.maxDepth`.
    public static let nestingTooDeep = DiagnosticCode("BV0015", "nesting deeper than the limit")
    /// A scalar whose text does not fit its explicit tag, such as `!!int abc`.
    public static let tagMismatch = DiagnosticCode("BV0016", "scalar does not match its tag")
    /// A tag bluevirt does not know; the value is read as if untagged.
    public static let unknownTag = DiagnosticCode("BV0017", "unknown tag ignored")
    /// A file holding more than one YAML document.
    public static let multipleDocuments = DiagnosticCode("BV0018", "more than one YAML document in a file")
    /// A plain scalar Cloudify's parser (YAML 1.1) reads as another value than bluevirt (YAML 1.2).
    public static let yaml11Reading = DiagnosticCode("BV0019", "plain scalar Cloudify reads as another value (YAML 1.1)")

    /// Every YAML and file code, for the catalog and docs/diagnostics.md.
    public static let yamlCodes: [DiagnosticCode] = [
        .unreadableFile, .fileTooLarge, .notText, .yamlSyntax, .tabIndentation, .badIndentation,
        .unclosedConstruct, .duplicateKey, .unknownAlias, .recursiveAlias, .aliasExpansionLimit,
        .invalidMerge, .nestingTooDeep, .tagMismatch, .unknownTag, .multipleDocuments, .yaml11Reading,
    ]
}
