/// bluevirt's `<metadata>` element, added to a domain or network that a user's template
/// rendered without it: the plugin's templates (and most users') know nothing of it, and
/// without it `status` and `apply` cannot tell the object is the deployment's own (it would
/// show as changed outside bluevirt). A template that writes the element itself is left alone.
///
/// The element goes into the root element's `<metadata>` child as an XML parser finds it
/// (``XMLDocumentReader``): a `<metadata>` written in a comment, a CDATA section or an
/// attribute value is text, not the child libvirt reads.
enum OwnershipMetadata {
    static func added(to xml: String, outline: XMLDocumentReader.Outline, kind: DocumentKind, identity: InstanceIdentity?) -> String {
        guard let identity, kind == .domain || kind == .network,
              outline.rootName == (kind == .domain ? "domain" : "network"),
              outline.metadata?.declaresNamespace != true else { return xml }
        let element = "<bluevirt:instance xmlns:bluevirt=\"\(InstanceIdentity.metadataNamespace)\""
            + " deployment=\"\(escaped(identity.deployment))\" node=\"\(escaped(identity.node))\""
            + " instance=\"\(escaped(identity.instance))\"/>"
        var bytes = Array(xml.utf8)
        if let metadata = outline.metadata {
            if metadata.isEmptyElement {
                // `<metadata/>` (or `<metadata attr="…"/>`) becomes `<metadata …>…</metadata>`.
                bytes.replaceSubrange(metadata.contentStart..<metadata.contentStart + 2,
                                      with: Array(">\n    \(element)\n  </metadata>".utf8))
            } else {
                bytes.insert(contentsOf: Array("\n    \(element)".utf8), at: metadata.contentStart)
            }
        } else {
            bytes.insert(contentsOf: Array("\n  <metadata>\n    \(element)\n  </metadata>".utf8), at: outline.rootContentStart)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func escaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
            .replacing("\"", with: "&quot;")
    }
}
