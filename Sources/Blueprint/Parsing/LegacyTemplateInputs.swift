import YAMLSource

/// The libvirt plugin before 0.7 took a node's own XML template as the operation input
/// `domain_file` or `network_file` (a file of the blueprint) or `domain_template` or
/// `network_template` (the template itself); later versions, and bluevirt, call them
/// `template_resource` and `template_content`. Blueprints written for the old plugin keep their
/// template: the old input is read under the new name, with a warning that says so.
enum LegacyTemplateInputs {
    /// Old input name → the input bluevirt reads.
    static let renamed: [(old: String, new: String)] = [
        ("domain_file", "template_resource"), ("domain_template", "template_content"),
        ("network_file", "template_resource"), ("network_template", "template_content"),
    ]

    /// `interfaces` with each old template input of the lifecycle operations that build the
    /// object also given under its new name (unless that is given too).
    static func aliased(_ interfaces: NameTable<Interface>, diagnostics: inout [Diagnostic]) -> NameTable<Interface> {
        let lifecycle = NodeTemplateParser.lifecycle
        guard var interface = interfaces[lifecycle] else { return interfaces }
        for operationName in LibvirtParams.operations {
            guard var operation = interface.operations[operationName] else { continue }
            for (old, new) in renamed {
                guard let value = operation.inputs[old] else { continue }
                if operation.inputs[new] != nil {
                    diagnostics.append(.warning(.legacyTemplateInput, "'\(old)' is ignored: operation '\(lifecycle).\(operationName)' also gives '\(new)'",
                                                at: value.range, notes: [DiagnosticNote("remove '\(old)', the name the libvirt plugin used before 0.7")]))
                    continue
                }
                operation.inputs[new] = value
                diagnostics.append(.warning(.legacyTemplateInput, "'\(old)' is the libvirt plugin's name for '\(new)' before 0.7; bluevirt reads it as '\(new)'",
                                            at: value.range, notes: [DiagnosticNote("rename the input to '\(new)'")]))
            }
            interface.operations[operationName] = operation
        }
        var result = interfaces
        result[lifecycle] = interface
        return result
    }
}
