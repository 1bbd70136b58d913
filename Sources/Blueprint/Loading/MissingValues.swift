import YAMLSource

/// The values a run may lack: `validate` given no input values, or no secrets, checks the
/// blueprint for itself (as Cloudify checks it on upload, before a deployment gives them). A
/// required input or a secret without a value is then a warning, not an error, and what uses
/// it stays unknown until the deployment gives it; the blueprint is still built, so the checks
/// of everything else (parameters, documents, names) still run. dry-run and apply, which need
/// every value, keep them errors.
public struct MissingValues: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Required inputs (BV0212).
    public static let inputs = MissingValues(rawValue: 1)
    /// Secrets get_secret reads (BV0320).
    public static let secrets = MissingValues(rawValue: 2)

    /// `diagnostics` with the missing values allowed here made warnings.
    func relaxed(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !isEmpty else { return diagnostics }
        return diagnostics.map { diagnostic in
            guard diagnostic.severity == .error else { return diagnostic }
            var relaxed = diagnostic
            switch diagnostic.code {
            case .missingRequiredInput where contains(.inputs):
                relaxed.notes.append(DiagnosticNote("validate was given no input values; dry-run and apply refuse the blueprint until this input has one"))
            case .missingSecret where contains(.secrets):
                relaxed.notes.append(DiagnosticNote("validate was given no secrets; dry-run and apply refuse the blueprint until this secret has a value"))
            default:
                return diagnostic
            }
            relaxed.severity = .warning
            return relaxed
        }
    }
}
