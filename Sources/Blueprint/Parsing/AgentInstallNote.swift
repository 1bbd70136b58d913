import YAMLSource

/// Cloudify installs an agent on a host whose `agent_config.install_method` is not `none`
/// (the vm_agent example of the libvirt plugin asks for `remote`). bluevirt installs no agents:
/// a method other than none, given in a node template, gets a warning and is treated as none.
enum AgentInstallNote {
    static func check(properties: Node?, owner: @autoclosure () -> String, diagnostics: inout [Diagnostic]) {
        guard let agentConfig = properties?["agent_config"], let method = agentConfig["install_method"],
              let text = method.string, text != "none" else { return }
        diagnostics.append(.warning(
            .agentNotInstalled,
            "\(owner()) asks for a Cloudify agent (agent_config.install_method: \(text)); bluevirt installs no agents and treats it as 'none'",
            at: method.range,
            notes: [DiagnosticNote("operations still run: scripts on this host, fabric and terminal tasks over ssh; "
                                   + "write `install_method: none` to say so and silence this warning")]))
    }
}
