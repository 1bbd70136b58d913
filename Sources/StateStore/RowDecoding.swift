import Foundation
import GRDB

extension DeploymentStatus: DatabaseValueConvertible {}
extension NodeInstanceState: DatabaseValueConvertible {}
extension Workflow: DatabaseValueConvertible {}
extension ExecutionStatus: DatabaseValueConvertible {}
extension EventKind: DatabaseValueConvertible {}

// Rows are decoded by hand, column by column: the schema is the contract, and a renamed
// Swift property must not silently change it.

extension Deployment {
    init(row: Row) {
        self.init(
            name: row["name"], blueprintPath: row["blueprint_path"],
            blueprintDigest: row["blueprint_digest"], inputsDigest: row["inputs_digest"],
            status: row["status"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}

extension NodeInstanceRecord {
    init(row: Row, uris: StateRelativeURI) throws {
        let propertiesText: String = row["runtime_properties"]
        guard case .object(let properties) = try JSONValue(jsonText: propertiesText) else {
            throw MalformedRuntimeProperties(instanceID: row["instance_id"])
        }
        let instanceID: String = row["instance_id"]
        let dependsText: String? = row["depends_on"]
        let stepsText: String? = row["uninstall_steps"]
        let dependsOn: [String]?
        let uninstallSteps: [UninstallStepRecord]?
        do {
            dependsOn = try dependsText.map(RecordedOrderJSON.names(from:))
            uninstallSteps = try stepsText.map(RecordedOrderJSON.steps(from:))
        } catch {
            throw MalformedRuntimeProperties(instanceID: instanceID, what: "recorded uninstall order")
        }
        self.init(
            deployment: row["deployment"], instanceID: instanceID, nodeName: row["node_name"],
            type: row["type"], connectionURI: uris.uri(row["connection_uri"]), objectKind: row["object_kind"],
            objectName: row["object_name"], state: row["state"], adopted: row["adopted"],
            runtimeProperties: properties, dependsOn: dependsOn, uninstallSteps: uninstallSteps,
            document: row["document"], definedDocument: row["defined_document"],
            updatedAt: row["updated_at"])
    }
}

extension Execution {
    init(row: Row) {
        let parametersText: String? = row["parameters"]
        self.init(
            id: row["id"], deployment: row["deployment"], workflow: row["workflow"],
            status: row["status"], startedAt: row["started_at"], endedAt: row["ended_at"],
            error: row["error"], parameters: parametersText.flatMap { try? JSONValue(jsonText: $0) })
    }
}

/// A node instance whose stored runtime properties are not a JSON object (the file was edited
/// by hand); the store reports it as a database failure naming the file.
struct MalformedRuntimeProperties: Error, CustomStringConvertible {
    var instanceID: String
    var what = "runtime properties"
    var description: String { "the \(what) of node instance '\(instanceID)' are not valid JSON of the expected form" }
}

extension ExecutionEvent {
    init(row: Row) {
        self.init(
            id: row["id"], execution: row["execution"], time: row["time"],
            instanceID: row["instance_id"], step: row["step"], kind: row["kind"],
            message: row["message"])
    }
}
