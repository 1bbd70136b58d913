import Platform

extension DeploymentStatus: SQLiteStoredText {}
extension NodeInstanceState: SQLiteStoredText {}
extension Workflow: SQLiteStoredText {}
extension ExecutionStatus: SQLiteStoredText {}
extension EventKind: SQLiteStoredText {}

// Rows are decoded by hand, column by column: the schema is the contract, and a renamed
// Swift property must not silently change it. Most are read by column name; node instances,
// read by the thousand, by position from a query that names its columns.

extension Deployment {
    init(row: SQLiteRow) throws {
        self.init(
            name: try row.value("name"), blueprintPath: try row.value("blueprint_path"),
            blueprintDigest: try row.value("blueprint_digest"), inputsDigest: try row.value("inputs_digest"),
            appliedInputs: try Self.appliedInputs(row.value("applied_inputs")),
            status: try row.value("status"), createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }

    private static func appliedInputs(_ text: String?) throws -> [String: JSONValue]? {
        guard let text else { return nil }
        guard case .object(let values) = try JSONValue(jsonText: text) else { return [:] }
        return values
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

    init(row: SQLiteRow, uris: StateRelativeURI) throws {
        let instanceID: String = try row.value(at: 1)
        let propertiesText: String = try row.value(at: 9)
        guard case .object(let properties) = try JSONValue(jsonText: propertiesText) else {
            throw MalformedRuntimeProperties(instanceID: instanceID)
        }
        let dependsText: String? = try row.value(at: 10)
        let stepsText: String? = try row.value(at: 11)
        let dependsOn: [String]?
        let uninstallSteps: [UninstallStepRecord]?
        do {
            dependsOn = try dependsText.map(RecordedOrderJSON.names(from:))
            uninstallSteps = try stepsText.map(RecordedOrderJSON.steps(from:))
        } catch {
            throw MalformedRuntimeProperties(instanceID: instanceID, what: "recorded uninstall order")
        }
        self.init(
            deployment: try row.value(at: 0), instanceID: instanceID, nodeName: try row.value(at: 2),
            type: try row.value(at: 3), connectionURI: uris.uri(try row.value(at: 4)), objectKind: try row.value(at: 5),
            objectName: try row.value(at: 6), state: try row.value(at: 7), adopted: try row.value(at: 8),
            runtimeProperties: properties, dependsOn: dependsOn, uninstallSteps: uninstallSteps,
            document: try row.value(at: 12), definedDocument: try row.value(at: 13),
            updatedAt: try row.value(at: 14))
    }
}

extension Execution {
    init(row: SQLiteRow) throws {
        let parametersText: String? = try row.value("parameters")
        self.init(
            id: try row.value("id"), deployment: try row.value("deployment"), workflow: try row.value("workflow"),
            status: try row.value("status"), startedAt: try row.value("started_at"), endedAt: try row.value("ended_at"),
            error: try row.value("error"), parameters: parametersText.flatMap { try? JSONValue(jsonText: $0) })
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
    init(row: SQLiteRow) throws {
        self.init(
            id: try row.value("id"), execution: try row.value("execution"), time: try row.value("time"),
            instanceID: try row.value("instance_id"), step: try row.value("step"), kind: try row.value("kind"),
            message: try row.value("message"))
    }
}
