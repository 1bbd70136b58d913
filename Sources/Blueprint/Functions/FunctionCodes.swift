import YAMLSource

/// Codes for problems with intrinsic functions (get_input, get_property, concat, …).
/// Stable: a code never changes meaning.
extension DiagnosticCode {
    public static let malformedFunctionArguments = DiagnosticCode("BV0301", "an intrinsic function gets the wrong number or shape of arguments")
    public static let functionArgumentType = DiagnosticCode("BV0302", "an intrinsic function argument has the wrong type")
    public static let unknownFunctionInput = DiagnosticCode("BV0303", "get_input names an input the blueprint does not declare")
    public static let unknownFunctionNode = DiagnosticCode("BV0304", "a function names a node template that does not exist")
    public static let unknownFunctionProperty = DiagnosticCode("BV0305", "get_property names a property the node template does not have")
    public static let misplacedNodeReference = DiagnosticCode("BV0306", "SELF, SOURCE or TARGET is used where it has no meaning")
    public static let functionNotAllowedHere = DiagnosticCode("BV0307", "an intrinsic function is used where it cannot be evaluated")
    public static let misspeltFunction = DiagnosticCode("BV0308", "a one-key mapping whose key looks like a misspelt intrinsic function")
    public static let missingValuePath = DiagnosticCode("BV0309", "a nested path (key or index) does not exist in the value it walks")
    public static let propertyReferenceCycle = DiagnosticCode("BV0310", "get_property references lead back to themselves")
    public static let functionEvaluationFailed = DiagnosticCode("BV0311", "an intrinsic function cannot be evaluated with the values it gets")
    public static let functionKeyAmongOthers = DiagnosticCode("BV0312", "a function name is a key in a mapping with other keys, so it is not a call")
    public static let missingSecret = DiagnosticCode("BV0320", "get_secret names a secret that has no value")

    /// Every code of intrinsic functions, for the catalog.
    public static let functionCodes: [DiagnosticCode] = [
        .malformedFunctionArguments, .functionArgumentType, .unknownFunctionInput, .unknownFunctionNode,
        .unknownFunctionProperty, .misplacedNodeReference, .functionNotAllowedHere, .misspeltFunction,
        .missingValuePath, .propertyReferenceCycle, .functionEvaluationFailed, .functionKeyAmongOthers, .missingSecret,
    ]
}
