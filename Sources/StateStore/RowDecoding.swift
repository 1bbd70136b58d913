import Foundation
import GRDB

extension DeploymentStatus: DatabaseValueConvertible {}
extension NodeInstanceState: DatabaseValueConvertible {}
extension Workflow: DatabaseValueConvertible {}
extension ExecutionStatus: DatabaseValueConvertible {}
extension EventKind: DatabaseValueConvertible {}

// Rows are decoded by hand, column by column: the schema is the contract, and a renamed
// Swift property must not silently change it. Most are read by column name; node instances,
// read by the thousand, by position from a query that names its columns.

extension Deployment {
    init(row: Row) {
        self.init(
            name: row["name"], blueprintPath: row["blueprint_path"],
            blueprintDigest: row["blueprint_digest"], inputsDigest: row["inputs_digest"],
            status: row["status"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}

extension NodeInstanceRecord {
    /// The columns ``init(row:uris:)`` reads, in the order it reads them, from ``tables``: a
    /// query selects them by name, and the row is read by position (looking a column up by name
    /// lowercases and compares names; that was half of reading a deployment's instances).
    /// Without `recordedPlans`, NULL stands for the recorded order and the documents.
    static func columns(recordedPlans: Bool) -> String {
        let plans = recordedPlans ? "i.depends_on, i.uninstall_steps, d.document, d.defined_document" : "NULL, NULL, NULL, NULL"
        return """
            i.deployment, i.instance_id, i.node_name, i.type, i.connection_uri, i.object_kind, i.object_name, i.state, \
            i.adopted, i.runtime_properties, \(plans), i.updated_at
            """
    }

    /// An instance's row with its documents (schema v8 keeps them apart), as `i` and `d`.
    static let tables = """
        node_instance i LEFT JOIN node_instance_document d ON d.deployment = i.deployment AND d.instance_id = i.instance_id
        """

    init(row: Row, uris: StateRelativeURI) throws {
        let instanceID: String = row[1]
        let propertiesText: String = row[9]
        guard case .object(let properties) = try JSONValue(jsonText: propertiesText) else {
            throw MalformedRuntimeProperties(instanceID: instanceID)
        }
        let dependsText: String? = row[10]
        let stepsText: String? = row[11]
        let dependsOn: [String]?
        let uninstallSteps: [UninstallStepRecord]?
        do {
            dependsOn = try dependsText.map(RecordedOrderJSON.names(from:))
            uninstallSteps = try stepsText.map(RecordedOrderJSON.steps(from:))
        } catch {
            throw MalformedRuntimeProperties(instanceID: instanceID, what: "recorded uninstall order")
        }
        self.init(
            deployment: row[0], instanceID: instanceID, nodeName: row[2],
            type: row[3], connectionURI: uris.uri(row[4]), objectKind: row[5],
            objectName: row[6], state: row[7], adopted: row[8],
            runtimeProperties: properties, dependsOn: dependsOn, uninstallSteps: uninstallSteps,
            document: row[12], definedDocument: row[13],
            updatedAt: row[14])
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
