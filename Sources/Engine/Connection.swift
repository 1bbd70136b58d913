import Blueprint
import Rendering
import Diagnostics

/// The libvirt connection a node's objects live on (`libvirt_auth`) and the driver it fixes.
struct Connection {
    var uri: String
    /// The driver of a connection URI the node template gives itself. When the URI is only the
    /// type's default (`qemu:///system`), the driver is nil and `domain_type` chooses, as in the
    /// plugin: an LXC domain that relies on the default URI still gets the LXC template.
    var driver: Driver?

    static func of(_ template: NodeTemplate, evaluator: Evaluator, diagnostics: inout [Diagnostic]) -> Connection {
        guard let expression = template.properties["libvirt_auth"] else {
            return Connection(uri: DeploymentDocuments.defaultConnection, driver: nil)
        }
        let value = ParameterConversion.renderValue(evaluator.evaluate(expression, in: .nodeProperty(node: template.name), diagnostics: &diagnostics))
        let uri: String
        switch value {
        case .string(let text)? where !text.isEmpty: uri = text
        case .pending(let source)?: return Connection(uri: RenderValue.placeholder(for: source), driver: nil)
        default: return Connection(uri: DeploymentDocuments.defaultConnection, driver: nil)
        }
        let isGivenByTemplate = expression.range.file == template.range.file
        guard isGivenByTemplate else { return Connection(uri: uri, driver: nil) }
        let driver = Driver(connectionURI: uri)
        if driver == nil {
            diagnostics.append(.warning(
                .unknownConnectionDriver, "the connection URI '\(uri)' of node template '\(template.name)' names no libvirt driver bluevirt knows",
                at: expression.range,
                notes: [DiagnosticNote("known schemes: qemu, lxc, xen, libxl, esx, vpx, gsx, bhyve, test (e.g. qemu:///system); 'domain_type' chooses the domain template instead")]))
        }
        return Connection(uri: uri, driver: driver)
    }
}
