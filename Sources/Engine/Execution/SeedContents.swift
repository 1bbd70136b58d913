import Blueprint
// Before FoundationEssentials' Expression (the #Expression macro's type).
import struct Blueprint.Expression
import Platform
import YAMLSource
import SeedImage
import StateStore

/// The bytes of an ISO image node at the moment its create step runs: a
/// `bluevirt.nodes.CloudInitSeed` from its `user_data`, `meta_data` and `network_config`; the
/// plugin's `cloudify.libvirt.ISO9660` from `params.files`, `params.files_raw` (and `params.vol_ident`). Values
/// are evaluated then, so they may read what earlier steps recorded (a generated public key).
struct SeedContents {
    static let seedType = "bluevirt.nodes.CloudInitSeed"

    let template: NodeTemplate
    let instance: String
    /// The domain that attaches the image, which names the machine in meta-data.
    let attachedTo: String?
    let evaluator: RuntimeEvaluator
    let runtime: RuntimeSnapshot
    /// For dry-run: values known only at run time become placeholders instead of errors.
    var previewing = false

    /// The image's volume label and files.
    func contents() throws -> (label: String, files: [ISO9660Image.File]) {
        let params = try evaluatedParams()
        let extraFiles = try files(params["files"]) + rawFiles(params["files_raw"])
        let label = label(params) ?? CloudInitSeed.volumeLabel
        guard template.typeHierarchy.contains(Self.seedType) else { return (label, extraFiles) }
        let networkConfig = try mapping("network_config").map { SeedValue.map($0.map(Self.seedEntry)) }.flatMap(Self.nonEmpty)
        let seed = CloudInitSeed(userData: try userData(), metaData: try metaData(), networkConfig: networkConfig)
        var all = seed.files()
        all.append(contentsOf: extraFiles.filter { extra in !all.contains { $0.path == extra.path } })
        return (label, all)
    }

    func bytes() throws -> [UInt8] {
        let (label, files) = try contents()
        return try ISO9660Image(volumeLabel: label, files: files).bytes()
    }

    // MARK: cloud-init seed

    private func userData() throws -> CloudInitSeed.UserData? {
        guard let value = try propertyValue("user_data") else { return nil }
        switch CloudInitSeedValues.userData(value) {
        case .success(nil): return nil
        case .success(.text(let text)?): return .text(text)
        case .success(.cloudConfig(let config)?): return .cloudConfig(Self.seedValue(config))
        case .failure(let problem): throw refusal(problem, property: "user_data")
        }
    }

    /// The entries of `property` (meta_data or network_config): a mapping, or YAML text of one.
    /// A preview shows none for a value it cannot read yet (validate reports the written ones).
    private func mapping(_ property: String) throws -> [Value.Entry]? {
        guard let value = try propertyValue(property) else { return nil }
        switch CloudInitSeedValues.mapping(value, property: property) {
        case .success(let entries): return entries
        case .failure where previewing: return nil
        case .failure(let problem): throw refusal(problem, property: property)
        }
    }

    private func refusal(_ problem: CloudInitSeedValues.Problem, property: String) -> BackendProblem {
        BackendProblem("\(property) of node template '\(template.name)' \(problem.message): \(problem.fix)")
    }

    /// The given meta-data, with `instance-id` and `local-hostname` filled in when left out.
    private func metaData() throws -> SeedValue {
        var entries = try mapping("meta_data")?.map(Self.seedEntry) ?? []
        let machine = attachedTo ?? "\(evaluator.deployment)-\(instance)"
        if !entries.contains(where: { $0.key == "instance-id" }) {
            entries.insert(SeedValue.Entry(key: "instance-id", value: .string(machine)), at: 0)
        }
        if !entries.contains(where: { $0.key == "local-hostname" }) {
            entries.append(SeedValue.Entry(key: "local-hostname", value: .string(Self.hostname(machine))))
        }
        return .map(entries)
    }

    /// A host name made of what DNS allows: letters, digits and dashes, at most 63.
    static func hostname(_ name: String) -> String {
        let mapped = name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        guard let first = mapped.firstIndex(where: { $0 != "-" }), let last = mapped.lastIndex(where: { $0 != "-" }) else { return "" }
        return String(mapped[first...last].prefix(63))
    }

    // MARK: plugin ISO9660

    /// `files`: file name → content; text as it is, anything else as YAML (a `user-data`
    /// mapping as `#cloud-config`).
    private func files(_ value: SeedValue?) throws -> [ISO9660Image.File] {
        guard case .map(let entries)? = value else { return [] }
        return entries.map { entry in
            let text: String
            switch entry.value {
            case .string(let content): text = content
            case let structured where entry.key == "user-data": text = "#cloud-config\n" + SeedYAML.emit(structured)
            case let structured: text = SeedYAML.emit(structured)
            }
            return ISO9660Image.File(path: entry.key, contents: Array(text.utf8))
        }
    }

    /// `files_raw`: file name → a file of the blueprint (the plugin reads it with
    /// `ctx.get_resource`), copied byte for byte. A preview names the file instead.
    private func rawFiles(_ value: SeedValue?) throws -> [ISO9660Image.File] {
        guard case .map(let entries)? = value else { return [] }
        let base = URL(fileURLWithPath: evaluator.blueprint.mainFile).deletingLastPathComponent().path
        return try entries.map { entry in
            guard case .string(let path) = entry.value else {
                throw BackendProblem("files_raw of node template '\(template.name)': '\(entry.key)' must name a file of the blueprint")
            }
            if previewing { return ISO9660Image.File(path: entry.key, contents: Array("(the bytes of \(path))".utf8)) }
            switch ResourcePath.resolve(path, inside: base) {
            case .success(let resolved):
                guard let data = FileManager.default.contents(atPath: resolved) else {
                    throw BackendProblem("files_raw of node template '\(template.name)': cannot read '\(path)' (as \(resolved))")
                }
                return ISO9660Image.File(path: entry.key, contents: Array(data))
            case .failure(let problem):
                throw BackendProblem("files_raw of node template '\(template.name)': the file \(ResourcePath.explain(problem, path: path, base: base))")
            }
        }
    }

    private func label(_ params: [String: SeedValue]) -> String? {
        if case .string(let text)? = params["vol_ident"], !text.isEmpty { return text }
        return nil
    }

    // MARK: evaluation

    private func propertyValue(_ name: String) throws -> Value? {
        guard let expression = template.properties[name] else { return nil }
        return try evaluate(expression, in: .nodeProperty(node: template.name), what: "property '\(name)' of node template '\(template.name)'")
    }

    private func evaluate(_ expression: Expression, in context: ExpressionContext, what: String) throws -> Value {
        if previewing { return evaluator.preview(expression, in: context, instance: instance) }
        return try evaluator.evaluate(expression, in: context, instance: instance, runtime: runtime, what: what)
    }

    /// `params` merged as the plugin merges them: the node property, then the operations' inputs.
    private func evaluatedParams() throws -> [String: SeedValue] {
        guard let params = template.libvirtParams else { return [:] }
        var sources: [(Expression, ExpressionContext)] = []
        if let property = params.property { sources.append((property, .nodeProperty(node: template.name))) }
        sources += params.operationInputs.map { ($0.value, .operationInput(node: template.name)) }
        var merged: [String: SeedValue] = [:]
        for (expression, context) in sources {
            let value = try evaluate(expression, in: context, what: "params of node template '\(template.name)'")
            if case .map(let entries) = Self.seedValue(value) {
                for entry in entries { merged[entry.key] = entry.value }
            }
        }
        return merged
    }

    private static func nonEmpty(_ value: SeedValue) -> SeedValue? {
        switch value {
        case .null, .map([]), .list([]), .string(""): nil
        default: value
        }
    }

    private static func seedEntry(_ entry: Value.Entry) -> SeedValue.Entry {
        SeedValue.Entry(key: entry.key, value: seedValue(entry.value))
    }

    static func seedValue(_ value: Value) -> SeedValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .integer(Int64(number))
        case .float(let number): .number(number)
        case .string(let text): .string(text)
        case .list(let items): .list(items.map(seedValue))
        case .map(let entries): .map(entries.map { SeedValue.Entry(key: $0.key, value: seedValue($0.value)) })
        }
    }
}
