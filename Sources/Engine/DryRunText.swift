import Planner
import Platform

/// `bluevirt dry-run` as text: the install and uninstall plans level by level, then every
/// libvirt object with its XML (or, with `--output-dir`, the file it went to).
public enum DryRunText {
    /// The plan: each workflow's levels, numbered; the steps of one level may run together.
    public static func plan(_ run: DryRun) -> String {
        guard let plan = run.plan else { return "" }
        let objects = run.documents.objects.count
        var text = "Deployment '\(run.deployment)': \(count(plan.instances.count, "node instance")), \(count(objects, "libvirt object"))\n"
        for graph in [plan.install, plan.uninstall] {
            text += "\n\(graph.workflow.rawValue.capitalized): \(count(graph.steps.count, "step")) in \(count(graph.levels.count, "level")) "
            text += "(the steps of one level may run together)\n"
            let width = String(graph.levels.count).count
            for (number, level) in graph.levels.enumerated() {
                let label = String(number + 1)
                let prefix = String(repeating: " ", count: width - label.count) + label
                for (position, id) in level.enumerated() {
                    text += position == 0 ? "  \(prefix). " : "  " + String(repeating: " ", count: width + 2)
                    text += graph[id].description + "\n"
                }
            }
        }
        if !run.operationsNotRun.isEmpty {
            text += "\nNot run by install or uninstall (accepted; other workflows run them: bluevirt run execute_operation -p operation=INTERFACE.OPERATION, backup, configuration_update, …):\n"
            text += run.operationsNotRun.map { "  \($0)\n" }.joined()
        }
        return text
    }

    /// One object's heading: `domain demo-web-1 (node web, instance web-1, qemu:///system)`.
    public static func heading(_ object: LibvirtObject) -> String {
        var location = "node \(object.node), instance \(object.instance), \(object.connection)"
        if let pool = object.pool { location += ", pool \(pool)" }
        return "\(object.kind.rawValue) \(object.name) (\(location))"
    }

    /// Every object with its document, or why it has none.
    public static func objects(_ run: DryRun) -> String {
        var text = ""
        for object in run.documents.objects {
            text += "\n" + heading(object) + "\n"
            if let note = object.runtimeNote, object.xml != nil { text += "  note: \(note)\n" }
            if let xml = object.xml {
                text += xml.hasSuffix("\n") ? xml : xml + "\n"
            } else if let preview = object.imagePreview {
                text += "  an ISO 9660 image labelled '\(preview.label)', written into the volume at run time:\n"
                for file in preview.files {
                    text += "  --- \(file.path)\n"
                    let body = file.text.hasSuffix("\n") ? String(file.text.dropLast()) : file.text
                    text += body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
                }
            } else {
                text += "  " + reasonWithoutDocument(object) + "\n"
            }
        }
        return text
    }

    /// Why an object has no document.
    public static func reasonWithoutDocument(_ object: LibvirtObject) -> String {
        if object.isExternal { return "no document: uses the existing \(object.kind.rawValue) '\(object.name)' (use_external_resource)" }
        if object.kind == .iso9660 { return "no document: an ISO 9660 image is written into its volume at run time" }
        return "no document: its parameters have errors (see the diagnostics)"
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
