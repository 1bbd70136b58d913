import Blueprint
import Diagnostics
import Rendering

/// What validate and dry-run can tell before a run about each `bluevirt.nodes.CloudInitSeed`:
/// a `user_data`, `meta_data` or `network_config` its create would refuse
/// (``CloudInitSeedValues``), reported where it is written. Values known only during a run are
/// left to the run.
enum CloudInitSeedCheck {
    static func diagnostics(_ blueprint: Blueprint) -> [Diagnostic] {
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(blueprint: blueprint, secrets: Secrets())
        var diagnostics: [Diagnostic] = []
        for template in templates.elements where template.typeHierarchy.contains(SeedContents.seedType) {
            for property in ["user_data", "meta_data", "network_config"] {
                guard let expression = template.properties[property],
                      let value = evaluator.evaluate(expression, in: .nodeProperty(node: template.name)).value else { continue }
                let checked = property == "user_data"
                    ? CloudInitSeedValues.userData(value).map { _ in () }
                    : CloudInitSeedValues.mapping(value, property: property).map { _ in () }
                guard case .failure(let problem) = checked else { continue }
                diagnostics.append(.error(.unusableSeedFile, "\(property) of node template '\(template.name)' \(problem.message)",
                                          at: expression.range, notes: [DiagnosticNote(problem.fix)]))
            }
        }
        return diagnostics
    }
}
