/// bluevirt's `<metadata>` element, added to a domain or network that a user's template
/// rendered without it: the plugin's templates (and most users') know nothing of it, and
/// without it `status` and `apply` cannot tell the object is the deployment's own (it would
/// show as changed outside bluevirt). A template that writes the element itself is left alone.
enum OwnershipMetadata {
    static func added(to xml: String, kind: DocumentKind, identity: InstanceIdentity?) -> String {
        guard let identity, kind == .domain || kind == .network,
              !xml.contains(InstanceIdentity.metadataNamespace),
              let root = xml.range(of: "<\(kind == .domain ? "domain" : "network")"),
              let rootEnd = xml[root.upperBound...].firstIndex(of: ">") else { return xml }
        let element = "<bluevirt:instance xmlns:bluevirt=\"\(InstanceIdentity.metadataNamespace)\""
            + " deployment=\"\(escaped(identity.deployment))\" node=\"\(escaped(identity.node))\""
            + " instance=\"\(escaped(identity.instance))\"/>"
        var result = xml
        if let metadata = xml.range(of: "<metadata>") {
            result.insert(contentsOf: "\n    " + element, at: metadata.upperBound)
        } else {
            result.insert(contentsOf: "\n  <metadata>\n    \(element)\n  </metadata>", at: xml.index(after: rootEnd))
        }
        return result
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
