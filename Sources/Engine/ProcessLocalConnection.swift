import Diagnostics

/// `test:///default`: libvirt's test driver keeps that world in the memory of the process that
/// opened it, so what one bluevirt command makes there is gone when it exits. `apply` would
/// record objects no later `status`, `apply` or `destroy` finds. (`--simulate` and a
/// `test:///ABSOLUTE/PATH.xml` world are kept in files that bluevirt writes back after each run.)
enum ProcessLocalConnection {
    /// Whether `uri` is the per-process test world: `test:///default`, with or without a query.
    static func isProcessLocal(_ uri: String) -> Bool {
        guard uri.hasPrefix("test:///default") else { return false }
        let rest = uri.dropFirst("test:///default".count)
        return rest.isEmpty || rest.hasPrefix("?")
    }

    /// The warning for node template `node`, whose connection `uri` is given at `range`.
    static func warning(node: String, uri: String, at range: SourceRange) -> Diagnostic {
        .warning(.processLocalConnection,
                 "node template '\(node)' is on \(uri), libvirt's test driver world that lives only inside one bluevirt process: what apply makes there is gone when apply ends",
                 at: range,
                 notes: [DiagnosticNote("to rehearse a deployment that status, apply and destroy see afterwards, apply with --simulate (a test driver world kept in the state directory), or connect to a test:///ABSOLUTE/PATH.xml world file")])
    }
}

extension DryRun {
    /// The diagnostics as `apply` reports them: with `--simulate` every connection goes to a
    /// world kept in the state directory, so test:///default's warning does not apply; without
    /// it, apply refuses (BV0883 becomes an error), since the state would record objects that
    /// are gone when apply ends.
    public func diagnosticsForApply(simulate: Bool) -> [Diagnostic] {
        diagnostics.compactMap { diagnostic in
            guard diagnostic.code == .processLocalConnection else { return diagnostic }
            guard !simulate else { return nil }
            var refused = diagnostic
            refused.severity = .error
            refused.notes.insert(DiagnosticNote("apply refuses it: the state would record objects that no later command finds"), at: 0)
            return refused
        }
    }
}
