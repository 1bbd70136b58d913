import Blueprint
import Diagnostics
import YAMLSource

/// What validate and dry-run can tell before a run about the utilities plugin's nodes: the
/// configurations their operations would refuse (a CloudConfig whose resource_config is no
/// mapping, an RSA key the plugin cannot make or would keep nowhere, a node loading from a
/// configuration loader without the properties it reads), reported where they are written. Values known only during a run (get_attribute, get_secret) are left to the run.
enum UtilitiesChecks {
    static let cloudConfigType = "cloudify.nodes.CloudInit.CloudConfig"
    static let rsaKeyType = "cloudify.nodes.keys.RSAKey"
    static let loadFromConfig = "cloudify.relationships.load_from_config"
    private static let lifecycle = "cloudify.interfaces.lifecycle"

    static func diagnostics(_ blueprint: Blueprint) -> [Diagnostic] {
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(blueprint: blueprint, secrets: Secrets())
        var diagnostics: [Diagnostic] = []
        // By index: only a template of the utilities' types is copied into a check.
        let elements = templates.elements
        // Only a blueprint whose templates use load_from_config has the type among its
        // relationship types (UsedTypes): the others skip a look at every relationship.
        let usesLoaders = blueprint.relationshipTypes[loadFromConfig] != nil
        for index in elements.indices {
            if usesLoaders { diagnostics += loadsFromConfig(elements[index]) }
            let isCloudConfig = elements[index].isA(cloudConfigType), isKey = elements[index].isA(rsaKeyType)
            guard isCloudConfig || isKey else { continue }
            let check = Check(template: elements[index], evaluator: evaluator)
            if isCloudConfig { diagnostics += check.cloudConfig() }
            if isKey { diagnostics += check.rsaKey() }
        }
        return diagnostics
    }

    /// load_from_config's preconfigure reads the source's properties params_list and params
    /// (`properties['params_list']`): without them the plugin fails with a KeyError at install.
    private static func loadsFromConfig(_ template: NodeTemplate) -> [Diagnostic] {
        guard let relationship = template.relationships.first(where: { $0.isA(loadFromConfig) }) else { return [] }
        let missing = [ConfigurationOperations.paramsListProperty, ConfigurationOperations.paramsProperty].filter { template.properties[$0] == nil }
        guard !missing.isEmpty else { return [] }
        return [.error(.unusableUtilitiesConfiguration,
                       "node template '\(template.name)' loads from configuration loader '\(relationship.target)' but has no property \(missing.joined(separator: " or ")), which load_from_config reads",
                       at: relationship.typeRange,
                       notes: [DiagnosticNote("declare them in the node's type, as the plugin's examples do: `params_list: {default: []}` (the parameters it takes from the loader) and `params: {default: {}}` (those it fixes)")])]
    }

    private struct Check {
        let template: NodeTemplate
        let evaluator: Evaluator

        var what: String { "node template '\(template.name)'" }

        func property(_ name: String) -> (expression: Expression, value: Value?)? {
            template.properties[name].map { ($0, evaluator.evaluate($0, in: .nodeProperty(node: template.name)).value) }
        }

        func input(_ name: String, of operation: String) -> (expression: Expression, value: Value?)? {
            template.interfaces.withOperation(operation, of: lifecycle) { $0.inputs[name] }.map {
                ($0, evaluator.evaluate($0, in: .operationInput(node: template.name)).value)
            }
        }

        func cloudConfig() -> [Diagnostic] {
            var found: [Diagnostic] = []
            let places = [("the property resource_config", property("resource_config"))]
                + ["create", "configure", "start", "stop"].map { ("the input resource_config of \($0)", input("resource_config", of: $0)) }
            for case let (place, (expression, value?)?) in places {
                if case .map = value { continue }
                found.append(.error(.unusableUtilitiesConfiguration, "\(place) of \(what) is \(value.kindDescription), but the cloud-init configuration is a mapping",
                                    at: expression.range,
                                    notes: [DiagnosticNote("give cloud-init's keys under it, e.g. `users:`, `packages:`, `write_files:`")]))
            }
            if case let (expression, value?)? = property("header") {
                switch value {
                case .string, .null, .bool(false): break
                default:
                    found.append(.error(.unusableUtilitiesConfiguration, "the property header of \(what) is \(value.kindDescription), but it is the text of cloud_config's first line",
                                        at: expression.range, notes: [DiagnosticNote("write it as text, e.g. '#cloud-config', or '' for none")]))
                }
            }
            return found
        }

        func rsaKey() -> [Diagnostic] {
            var found: [Diagnostic] = []
            // The plugin reads the whole resource_config from the create input when it gives one.
            var config = property("resource_config")
            var context = ExpressionContext.nodeProperty(node: template.name)
            if let fromInput = input("resource_config", of: "create"), fromInput.value.map(PythonTruth.of) ?? true {
                config = fromInput
                context = .operationInput(node: template.name)
            }
            var entries: [Expression.Entry] = []
            if let config, case .map(let given) = config.expression.kind { entries = given }
            func field(_ name: String) -> (expression: Expression, value: Value?)? {
                entries.first { $0.key == name }.map { ($0.value, evaluator.evaluate($0.value, in: context).value) }
            }
            func refuse(_ message: String, at expression: Expression, _ fix: String) {
                found.append(.error(.unusableUtilitiesConfiguration, "\(what): \(message)", at: expression.range, notes: [DiagnosticNote(fix)]))
            }
            if case let (expression, value?)? = field("algorithm"), value != .string("RSA") {
                refuse("resource_config.algorithm is \(value), but the utilities plugin makes only RSA keys", at: expression, "set it to RSA, or leave it out")
            }
            if case let (expression, value?)? = field("openssh_format"), value == .bool(false) {
                refuse("resource_config.openssh_format is false, but the utilities plugin makes only the OpenSSH format", at: expression, "leave it out, or set it to true")
            }
            if case let (expression, value?)? = field("bits") {
                if case .int(let bits) = value, RSAKeyPair.sizes.contains(bits) {} else {
                    refuse("resource_config.bits is \(value), not a key size bluevirt makes", at: expression,
                           "give a size from \(RSAKeyPair.sizes.lowerBound) to \(RSAKeyPair.sizes.upperBound) bits, such as 2048 or 4096")
                }
            }
            // Whether the private key is kept anywhere, when every part is known.
            let secretStore = field("use_secret_store") ?? property("use_secret_store")
            let ifExist = field("use_secrets_if_exist") ?? property("use_secrets_if_exist")
            let storePrivate = input("store_private_key_material", of: "create")
            let privatePath = field("private_key_path")
            guard let useStore = secretStore.map({ $0.value.map(PythonTruth.of) }) ?? false else { return found }
            if !useStore, let ifExist, ifExist.value.map(PythonTruth.of) == true {
                refuse("use_secrets_if_exist is true but use_secret_store is false", at: ifExist.expression, "set use_secret_store to true too, as the utilities plugin requires")
            }
            let keepsFile = privatePath.map { $0.value.map(PythonTruth.of) ?? true } ?? false
            let keepsMaterial = storePrivate.map { $0.value.map(PythonTruth.of) ?? true } ?? false
            if !useStore && !keepsFile && !keepsMaterial {
                found.append(.error(.unusableUtilitiesConfiguration, "the private key of \(what) would be kept nowhere: use_secret_store is false",
                                    at: secretStore?.expression.range ?? template.nameRange,
                                    notes: [DiagnosticNote("give resource_config.private_key_path, set use_secret_store to true, "
                                                           + "or give the create operation the input store_private_key_material: true (the utilities plugin requires one)")]))
            }
            return found
        }
    }
}

private extension Value {
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .float: "a number"
        case .string: "text"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}
