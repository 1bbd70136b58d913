import Blueprint
import StateStore

/// The secret values a deployment was applied with, kept with it in the state's `secret`
/// table (never in runtime properties, events or outputs): `destroy`, which runs without the
/// blueprint's secrets, masks them in what it prints and records.
public enum DeploymentSecrets {
    /// The row's instance: no node instance has an empty id.
    private static let instance = ""
    private static let name = "get_secret values"

    static func save(_ secrets: Secrets, deployment: String, store: StateStore) throws {
        guard !secrets.isEmpty else { return }
        let values = JSONValue.object(secrets.byName.mapValues { OutputResolver.json($0.value) })
        try store.saveSecret(deployment: deployment, instance: instance, name: name, value: values.jsonText())
    }

    /// What hides the secret values `deployment` was applied with; empty when it used none.
    public static func mask(deployment: String, store: StateStore) throws -> SecretMask {
        guard let text = try store.secret(deployment: deployment, instance: instance, name: name),
              case .object(let values)? = try? JSONValue(jsonText: text) else { return SecretMask() }
        let names = try store.nodeInstances(deployment: deployment).map(\.nodeName)
            + [deployment, try store.deployment(named: deployment)?.blueprintPath].compactMap { $0 }
        return Secrets(values.mapValues { Secrets.Secret(value: OutputResolver.value($0), source: .store) }).mask.keeping(names)
    }
}
