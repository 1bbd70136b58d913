import Rendering

/// How a libvirt object is named, by the same rule the templates apply: `name`, else
/// `resource_id`, else `DEPLOYMENT-INSTANCE` (volumes add their format: `.qcow2`). An ISO
/// image is the volume it is written to: `volume` first, as in the plugin, and `.iso`.
enum ObjectNaming {
    struct Naming {
        var name: String
        /// False when the name is a value known only at run time (the name is its placeholder).
        var isKnown: Bool
        /// The parameter the name came from; nil for a generated name.
        var parameter: String?
    }

    static func name(kind: LibvirtObjectKind, values: [String: RenderValue], identity: InstanceIdentity) -> Naming {
        let parameters = kind == .iso9660 ? ["volume", "name", "resource_id"] : ["name", "resource_id"]
        for parameter in parameters {
            switch values[parameter] {
            case .string(let text)? where !text.isEmpty: return Naming(name: text, isKnown: true, parameter: parameter)
            case .int(let number)?: return Naming(name: String(number), isKnown: true, parameter: parameter)
            case .pending(let source)?: return Naming(name: RenderValue.placeholder(for: source), isKnown: false, parameter: parameter)
            default: continue
            }
        }
        var name = identity.defaultObjectName
        if kind == .volume {
            let format = if case .string(let text)? = values["format"], !text.isEmpty { text } else { "qcow2" }
            name += ".\(format)"
        } else if kind == .iso9660 {
            name += ".iso"
        }
        return Naming(name: name, isKnown: true, parameter: nil)
    }
}
