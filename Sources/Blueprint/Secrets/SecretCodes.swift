import YAMLSource

/// Codes for the secrets a command is given (`--secret`, `--secrets`). A secret the blueprint
/// uses without a value is a function problem, BV0320.
extension DiagnosticCode {
    public static let malformedSecrets = DiagnosticCode("BV0840", "a --secret is not NAME=VALUE, or a --secrets file is not a mapping of names to values")
    public static let unmaskableSecret = DiagnosticCode("BV0841", "a secret's value is too short to be hidden in what bluevirt prints")

    /// Every code of given secrets, for the catalog.
    public static let secretCodes: [DiagnosticCode] = [.malformedSecrets, .unmaskableSecret]
}
