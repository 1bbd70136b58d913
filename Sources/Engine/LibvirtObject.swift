import Rendering
import Diagnostics

/// One libvirt object a deployment would create: which node instance it belongs to, its kind,
/// name and connection, and the exact XML `apply` would send.
public struct LibvirtObject: Sendable, Hashable {
    public var kind: LibvirtObjectKind
    /// The object's name in libvirt, e.g. `demo-web-1`.
    public var name: String
    /// The libvirt connection URI the object lives on (`libvirt_auth`, else `--connect`, else
    /// $LIBVIRT_DEFAULT_URI, else `qemu:///system`).
    public var connection: String
    /// For domains: the driver of `connection`, which chose the built-in template; nil when the
    /// URI is known only at run time or names no known driver (`domain_type` chose).
    public var driver: Driver?
    /// For volumes: the pool they live in, part of what makes their name unique.
    public var pool: String?
    /// The node template and node instance the object comes from.
    public var node: String
    public var instance: String
    /// The document; nil for ISO images (no XML of their own), external resources (not
    /// created) and documents whose parameters have errors.
    public var xml: String?
    /// True when `use_external_resource` names an object that already exists.
    public var isExternal: Bool
    /// For ISO images (seed disks): the domain that attaches this volume in its `disks`, when
    /// exactly one does; a seed's meta-data names the machine after it.
    public var attachedTo: String?
    /// For ISO images: what dry-run shows instead of a document, the volume label and each
    /// file's text (values known only at run time as placeholders).
    public var imagePreview: ImagePreview?

    /// The files of an ISO image as the plan knows them.
    public struct ImagePreview: Sendable, Hashable {
        public var label: String
        public var files: [File]

        public struct File: Sendable, Hashable {
            public var path: String
            public var text: String
        }
    }
    /// For domains: how the document `apply` defines may differ from this one (configure renders
    /// it from the params runtime property, after scripts that may change them).
    public var runtimeNote: String?
    /// For domains: the parameter values the document was rendered from. Configure renders the
    /// document again from the params as they are then; when those are these values, the text
    /// would be this one (rendering is a function of the values), so it is reused.
    public var renderedFrom: [String: RenderValue]?
    /// Where the node template is named in the blueprint: diagnostics about the whole document
    /// (libvirt rejecting it) point here.
    public var origin: SourceRange

    public init(kind: LibvirtObjectKind, name: String, connection: String, pool: String? = nil, node: String, instance: String,
                xml: String?, isExternal: Bool = false, origin: SourceRange) {
        self.kind = kind
        self.name = name
        self.connection = connection
        self.pool = pool
        self.node = node
        self.instance = instance
        self.xml = xml
        self.isExternal = isExternal
        self.origin = origin
    }

    /// The file `--output-dir` writes the document to: `<kind>-<name>.xml`, e.g. `domain-web-1.xml`.
    public var fileName: String { "\(kind.rawValue)-\(name).xml" }
}
