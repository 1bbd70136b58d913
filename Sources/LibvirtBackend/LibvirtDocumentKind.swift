/// The kinds of libvirt XML documents bluevirt sends; the raw values are the names dry-run uses
/// for them (`domain-web-1.xml`, `pool-images.xml`, …).
public enum LibvirtDocumentKind: String, Sendable, CaseIterable {
    case domain
    case network
    case pool
    case volume
}
