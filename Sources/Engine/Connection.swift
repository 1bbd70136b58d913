import Blueprint
import Rendering
import Diagnostics

/// The libvirt connection a node's objects live on and the driver it fixes: the node's own
/// `libvirt_auth` (unless it is `qemu:///system`, the default), else `connect` (`--connect`,
/// else $LIBVIRT_DEFAULT_URI), else its type's default (the plugin's `qemu:///system`). The driver chooses a domain's template and the
/// `domain_type` values it may have, wherever the URI came from, since that URI is the one
/// `apply` defines the domain on.
struct Connection {
    var uri: String
    /// The driver of `uri`; nil when the URI is known only at run time or names no driver
    /// bluevirt knows, and then `domain_type` chooses the template.
    var driver: Driver?

    static func of(_ template: NodeTemplate, connect: String?, evaluator: Evaluator, diagnostics: inout [Diagnostic]) -> Connection {
        let (connection, range) = chosen(for: template, connect: connect, evaluator: evaluator, diagnostics: &diagnostics)
        if ProcessLocalConnection.isProcessLocal(connection.uri) {
            diagnostics.append(ProcessLocalConnection.warning(node: template.name, uri: connection.uri, at: range))
        }
        return connection
    }

    /// The connection of `template` and where it was given: its `libvirt_auth`, or its name for
    /// a connection it takes from `connect` or its type.
    private static func chosen(for template: NodeTemplate, connect: String?, evaluator: Evaluator,
                               diagnostics: inout [Diagnostic]) -> (Connection, SourceRange) {
        var typeDefault = DeploymentDocuments.defaultConnection
        if let expression = template.properties["libvirt_auth"] {
            let value = ParameterConversion.renderValue(evaluator.evaluate(expression, in: .nodeProperty(node: template.name), diagnostics: &diagnostics))
            // A value not written in the template's own file is its type's default.
            let isGivenByTemplate = expression.range.file == template.range.file
            switch value {
            case .pending(let source)? where isGivenByTemplate:
                return (Connection(uri: RenderValue.placeholder(for: source), driver: nil), expression.range)
            case .string(let uri)? where !uri.isEmpty:
                // qemu:///system, the plugin's default, is what blueprints write for "this
                // host's default" (the examples' libvirt_uri input defaults to it): --connect and
                // $LIBVIRT_DEFAULT_URI replace it as they replace a connection left out.
                let meansTheDefault = uri == DeploymentDocuments.defaultConnection && !(connect ?? "").isEmpty
                if isGivenByTemplate, !meansTheDefault {
                    return (named(uri, described: "the connection URI '\(uri)' of node template '\(template.name)'", at: expression.range,
                                  diagnostics: &diagnostics), expression.range)
                }
                typeDefault = uri
            default: break
            }
        }
        if let connect, !connect.isEmpty {
            return (named(connect, described: "the connection URI '\(connect)' that node template '\(template.name)' takes from --connect or $LIBVIRT_DEFAULT_URI",
                          at: template.nameRange, diagnostics: &diagnostics), template.nameRange)
        }
        return (Connection(uri: typeDefault, driver: Driver(connectionURI: typeDefault)), template.nameRange)
    }

    /// The connection `uri` (`described` so in a message), with a warning at `range` when its
    /// driver is unknown. `described` is made only for that warning: every object asks, and
    /// few have a URI of an unknown driver.
    private static func named(_ uri: String, described: @autoclosure () -> String, at range: SourceRange,
                              diagnostics: inout [Diagnostic]) -> Connection {
        let driver = Driver(connectionURI: uri)
        if driver == nil {
            diagnostics.append(.warning(
                .unknownConnectionDriver, "\(described()) names no libvirt driver bluevirt knows",
                at: range,
                notes: [DiagnosticNote("write a URI of a known scheme: qemu, lxc, xen, libxl, esx, vpx, gsx, bhyve, test (e.g. qemu:///system); "
                                       + "if this URI is right, set params.domain_type, which then chooses the domain template")]))
        }
        return Connection(uri: uri, driver: driver)
    }
}
