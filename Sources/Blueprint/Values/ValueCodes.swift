import YAMLSource

/// Codes for problems with values: values against their types, data types, constraints and the
/// binding of blueprint inputs. Stable: a code never changes meaning.
extension DiagnosticCode {
    public static let valueTypeMismatch = DiagnosticCode("BV0201", "a value does not match the type declared for it")
    public static let unknownValueType = DiagnosticCode("BV0202", "a property or input declares a type that does not exist")
    public static let constraintViolated = DiagnosticCode("BV0203", "a value breaks a constraint declared for it")
    public static let invalidConstraint = DiagnosticCode("BV0204", "a constraint is declared wrongly (unknown operator or bad argument)")
    public static let missingDataTypeProperty = DiagnosticCode("BV0205", "a value of a data type lacks a required property")
    public static let unknownDataTypeProperty = DiagnosticCode("BV0206", "a value of a data type has a property the data type does not declare")
    public static let yamlBooleanWord = DiagnosticCode("BV0207", "yes/no/on/off (strings under YAML 1.2) given where a boolean is expected")
    public static let invalidPropertyDeclaration = DiagnosticCode("BV0208", "a property or input declaration is malformed")
    public static let unknownDataTypeParent = DiagnosticCode("BV0209", "a data type derives from a data type that does not exist")
    public static let dataTypeCycle = DiagnosticCode("BV0210", "a data type derives from itself through derived_from")
    public static let invalidDataType = DiagnosticCode("BV0211", "a data type declaration is malformed")
    public static let missingRequiredInput = DiagnosticCode("BV0212", "a required input has no value and no default")
    public static let unknownInput = DiagnosticCode("BV0213", "a value is given for an input the blueprint does not declare")
    public static let invalidInputValue = DiagnosticCode("BV0214", "a value given for an input breaks its type or constraints")
    public static let malformedInputs = DiagnosticCode("BV0215", "an inputs file or a KEY=VALUE assignment is malformed")
    public static let functionInConstrainedInput = DiagnosticCode("BV0216", "an input with constraints gets an intrinsic function as its value")
    public static let dataTypeContainsItself = DiagnosticCode("BV0217", "a data type has a property of its own type (directly or through other data types)")
    public static let managerConstraint = DiagnosticCode("BV0218", "an input constraint asks a Cloudify manager (labels, tenants, filter_id, name_pattern, deployment_id) and is not checked")

    /// Every code of values, types, data types, constraints and inputs, for the catalog.
    public static let valueCodes: [DiagnosticCode] = [
        .valueTypeMismatch, .unknownValueType, .constraintViolated, .invalidConstraint,
        .missingDataTypeProperty, .unknownDataTypeProperty, .yamlBooleanWord, .invalidPropertyDeclaration,
        .unknownDataTypeParent, .dataTypeCycle, .invalidDataType, .missingRequiredInput, .unknownInput,
        .invalidInputValue, .malformedInputs, .functionInConstrainedInput, .dataTypeContainsItself, .managerConstraint,
    ]
}
