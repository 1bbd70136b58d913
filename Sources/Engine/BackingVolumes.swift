import Rendering
import Diagnostics

/// Turns a volume's `backing_volume` (a volume's name, in `backing_pool` or the volume's own
/// pool) into the `backing_store` path its template writes: the pool's directory, from the
/// pool's node in this blueprint, and the volume's name. The base's format becomes
/// `backing_format` unless given.
struct BackingVolumes: Sendable {
    /// Pool name → directory, from the blueprint's pool nodes.
    private var poolPaths: [String: String] = [:]
    /// Pools whose path is known only once a value is (an input a bare validate was not given).
    private var poolsWithPendingPath: Set<String> = []
    /// `pool/volume` → format, from the blueprint's volume nodes.
    private var volumeFormats: [String: String] = [:]

    init(_ objects: [PendingObject]) {
        for object in objects where object.nameIsKnown {
            guard let params = object.params else { continue }
            switch object.kind {
            case .pool:
                if case .string(let path)? = params.values["path"], !path.isEmpty {
                    poolPaths[object.name] = path
                } else if case .pending? = params.values["path"] {
                    poolsWithPendingPath.insert(object.name)
                } else if params.values["path"].isAbsent {
                    poolPaths[object.name] = TemplateRenderer.defaultPoolPath(named: object.name)
                }
            case .volume:
                guard case .string(let pool)? = params.values["pool"] else { continue }
                let format = if case .string(let text)? = params.values["format"], !text.isEmpty { text } else { "qcow2" }
                volumeFormats["\(pool)/\(object.name)"] = format
            default:
                continue
            }
        }
    }

    /// Adds `backing_store` (and `backing_format`) to `params`, the parameters of `object`.
    func resolve(_ params: inout ParamsResolver.Resolved, of object: PendingObject, diagnostics: inout [Diagnostic]) {
        guard object.kind == .volume, case .string(let base)? = params.values["backing_volume"], !base.isEmpty else { return }
        let range = params.ranges["backing_volume"] ?? params.range
        if !params.values["backing_store"].isAbsent {
            diagnostics.append(.error(.conflictingBacking, "volume node '\(object.instance.node)' gives both backing_volume and backing_store",
                                      at: range, notes: [DiagnosticNote("keep backing_volume (a volume by name) or backing_store (a path), not both")]))
            return
        }
        var pool: String?
        for key in ["backing_pool", "pool"] {
            if case .pending? = params.values[key] { return }
            if case .string(let name)? = params.values[key], !name.isEmpty { pool = name; break }
        }
        // A pool or path known only later: the backing path is made then, and nothing is wrong yet.
        if let pool, poolsWithPendingPath.contains(pool) { return }
        guard let pool, let directory = poolPaths[pool] else {
            diagnostics.append(.error(
                .backingPathUnknown,
                "bluevirt cannot tell the path of backing volume '\(base)': its pool \(pool.map { "'\($0)'" } ?? "(none given)") is not a pool node of this blueprint with a path",
                at: range,
                notes: [DiagnosticNote("declare the pool as a cloudify.libvirt.pool node with params.path (use_external_resource: true for an existing pool), or give backing_store: /path/to/\(base)")]))
            return
        }
        params.values["backing_store"] = .string(directory.hasSuffix("/") ? directory + base : directory + "/" + base)
        params.ranges.assign(range, to: "backing_store")
        if params.values["backing_format"].isAbsent, let format = volumeFormats["\(pool)/\(base)"] {
            params.values["backing_format"] = .string(format)
        }
    }
}
