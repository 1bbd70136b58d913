import Blueprint
import Diagnostics
import Rendering
import SeedImage

/// What validate and dry-run can tell before a run about each ISO image node (the plugin's
/// `cloudify.libvirt.ISO9660`, bluevirt's seed): a file name of `params.files` or
/// `params.files_raw`, or a `vol_ident`, that ISO 9660 cannot hold (`../x`, nine directories
/// deep, `a:b`), which the image's create step refused only once the steps before it had run.
/// Names written as functions are left to the run.
enum ImageNameCheck {
    static let imageType = "cloudify.libvirt.ISO9660"

    static func diagnostics(_ blueprint: Blueprint) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for template in blueprint.nodeTemplates.elements where template.typeHierarchy.contains(imageType) {
            guard let params = template.libvirtParams else { continue }
            for source in [params.property].compactMap({ $0 }) + params.operationInputs.map(\.value) {
                for entry in source.mapEntries ?? [] {
                    switch entry.key {
                    case "files", "files_raw":
                        for file in entry.value.mapEntries ?? [] {
                            report({ () throws(ISO9660Error) in try ISO9660Image.check(path: file.key) }, of: template, at: file.keyRange, into: &diagnostics)
                        }
                    case "vol_ident":
                        guard let label = entry.value.stringLiteral, !label.isEmpty else { continue }
                        report({ () throws(ISO9660Error) in try ISO9660Image.check(volumeLabel: label) }, of: template, at: entry.value.range, into: &diagnostics)
                    default:
                        continue
                    }
                }
            }
        }
        return diagnostics
    }

    private static func report(_ check: () throws(ISO9660Error) -> Void, of template: NodeTemplate, at range: SourceRange,
                               into diagnostics: inout [Diagnostic]) {
        do {
            try check()
        } catch {
            diagnostics.append(.error(.unusableImageName, "\(error.description) (ISO image of node template '\(template.name)')", at: range,
                                      notes: [DiagnosticNote("the image's create step would refuse it, once the steps before it had run")]))
        }
    }
}
