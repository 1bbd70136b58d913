import Foundation
import Testing
import YAMLSource
import Blueprint
import Planner

/// Paths of the planner fixtures and of the example blueprints.
enum PlannerFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("blueprints").path

    static func fixture(_ name: String) -> String { directory + "/" + name }
    static func example(_ name: String) -> String { examples + "/" + name }
}

/// Loads a blueprint (which must load without errors), with `--input KEY=VALUE` assignments.
func loadBlueprint(_ path: String, inputs assignments: [String] = []) throws -> Blueprint {
    let inputs = assignments.compactMap { ProvidedInput.parse(assignment: $0).0 }
    let loaded = BlueprintLoader.load(path: path, inputs: inputs)
    for error in loaded.diagnostics where error.severity == .error {
        Issue.record("\(error.code) \(error.range.file):\(error.range.start.line): \(error.message)")
    }
    return try #require(loaded.blueprint)
}

/// Loads and plans a blueprint that must plan without errors.
func planBlueprint(_ path: String, inputs: [String] = []) throws -> DeploymentPlan {
    let result = Planner.plan(try loadBlueprint(path, inputs: inputs))
    for diagnostic in result.diagnostics { Issue.record("\(diagnostic.code) \(diagnostic.message)") }
    return try #require(result.plan)
}

extension OperationGraph {
    /// The step with this description (`create web-1`), which must exist.
    func step(_ description: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> PlanStep {
        try #require(steps.first { $0.description == description }, "no step '\(description)'", sourceLocation: sourceLocation)
    }

    /// The descriptions of the steps `description` waits for.
    func waits(_ description: String) throws -> [String] {
        try dependencies(of: step(description).id).map { self[$0].description }
    }

    /// The level `description` is in.
    func level(of description: String) throws -> Int {
        let id = try step(description).id
        return try #require(levels.firstIndex { $0.contains(id) })
    }

    /// The descriptions of one instance's steps, in order.
    func descriptions(ofInstance instance: String) -> [String] {
        steps(ofInstance: instance).map(\.description)
    }
}
