import YAMLSource

/// Checks every get_secret of the blueprint against the secrets given for this run, as Cloudify
/// does when it creates a deployment ("required secrets are missing"):
///
/// - a secret without a value is one error at its first use, naming it and where it is used,
///   with every other use as a note and how to give it (BV0320);
/// - a path into a secret (`get_secret: [NAME, key]`) that its value does not have is an error
///   (BV0309, without quoting the value);
/// - a secret too short to be masked in what bluevirt prints is a warning (BV0841).
///
/// A name computed from a value known only during a run is not checked here, nor the default of
/// an input that was given a value (`givenInputs`): that default is never read.
enum SecretChecker {
    static func check(_ sites: [ExpressionSite], secrets: Secrets, inputValues: [String: Value], givenInputs: Set<String>) -> [Diagnostic] {
        let evaluator = Evaluator(inputs: inputValues, secrets: secrets)
        var missing: [String: [(range: SourceRange, site: ExpressionSite)]] = [:]
        var used: [String: SourceRange] = [:]
        var diagnostics: [Diagnostic] = []
        var reported: Set<SourceRange> = []
        // A type's default is checked where a node template uses it, as a property of that template.
        for site in sites where site.context != .typeDefault && site.expression.functions.contains(.getSecret)
            && !(site.context == .inputDefault && givenInputs.contains(site.path)) {
            site.expression.forEachCall { call in
                guard call.function == .getSecret, !call.isMalformed, let first = call.arguments.first,
                      let name = evaluator.evaluate(first, in: site.context).value?.string else { return }
                guard secrets.value(named: name) != nil else {
                    missing[name, default: []].append((call.range, site))
                    return
                }
                if used[name] == nil { used[name] = call.range }
                guard call.arguments.count > 1 else { return }
                var found: [Diagnostic] = []
                _ = evaluator.evaluate(Expression(.call(call), range: call.range), in: site.context, diagnostics: &found)
                for problem in found where reported.insert(problem.range).inserted {
                    diagnostics.append(problem)
                }
            }
        }
        for (name, uses) in missing {
            let ordered = uses.sorted { ($0.range.file, $0.range.start) < ($1.range.file, $1.range.start) }
            let first = ordered[0]
            var notes = ordered.dropFirst().map { DiagnosticNote("'\(name)' is also used here, in \(describe($0.site))", at: $0.range) }
            notes.append(DiagnosticNote("give it with --secret \(name)=VALUE, in a --secrets file (\(name): VALUE), or keep it with 'bluevirt secret set \(name)'"))
            diagnostics.append(.error(.missingSecret, "secret '\(name)' has no value; get_secret uses it in \(describe(first.site))",
                                      at: first.range, notes: notes))
        }
        for (name, range) in used {
            guard let secret = secrets.byName[name] else { continue }
            let short = SecretMask.leaves(of: secret.value, path: []).filter { !$0.text.isEmpty && $0.text.count < SecretMask.minimumLength }
            guard !short.isEmpty else { continue }
            diagnostics.append(.warning(.unmaskableSecret,
                                        "secret '\(name)' has a value shorter than \(SecretMask.minimumLength) characters, which bluevirt cannot hide in what it prints",
                                        at: range, notes: [DiagnosticNote("its value comes from \(secret.source); a secret this short is easy to guess: give it a longer value")]))
        }
        return diagnostics
    }

    private static func describe(_ site: ExpressionSite) -> String {
        "'\(site.path)', \(site.context.description)"
    }
}
