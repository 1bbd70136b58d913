import Blueprint
import Diagnostics

/// Operations a blueprint writes that install and uninstall do not run: those of interfaces
/// other than the lifecycle (the plugin's examples give `cloudify.interfaces.snapshot` scripts
/// for backups and `cloudify.interfaces.freeze` commands), and lifecycle operations install and
/// uninstall do not reach (`reboot`, `update`), which other workflows run (execute_operation,
/// backup, configuration_update, …). They are accepted, as Cloudify accepts them, and dry-run
/// names them so that nobody expects install to run them. Operations the built-in types declare
/// are left out: only what the blueprint's own files write.
enum OperationsNotRun {
    /// `node: interface.operation (implementation)`, in the blueprint's order.
    static func of(_ blueprint: Blueprint) -> [String] {
        var found: [String] = []
        for template in blueprint.nodeTemplates.elements {
            for interface in template.interfaces.elements where interface.name != "cloudify.interfaces.relationship_lifecycle" {
                for operation in interface.operations.elements {
                    guard let implementation = operation.implementation, !implementation.isEmpty,
                          let range = operation.implementationRange, range.file == template.range.file else { continue }
                    if interface.name == "cloudify.interfaces.lifecycle", LibvirtTaskCheck.runOperations.contains(operation.name) { continue }
                    found.append("\(template.name): \(interface.name).\(operation.name) (\(implementation))")
                }
            }
        }
        return found
    }
}
