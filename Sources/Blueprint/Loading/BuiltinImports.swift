import YAMLSource

/// The imports bluevirt answers from its built-in definitions (grammar/, compiled in), so that
/// blueprints written for Cloudify load unchanged and nothing is ever downloaded.
public enum BuiltinImports {
    /// Cloudify's core types (cloudify.nodes.*, cloudify.relationships.*, workflows).
    static let cloudifyTypes = "cloudify/types.yaml"
    /// The libvirt plugin's types (cloudify.libvirt.*).
    static let libvirtPlugin = "libvirt/plugin.yaml"
    /// The utilities plugin's types (cloudify.nodes.CloudInit.CloudConfig, RSA keys, terminal).
    static let utilitiesPlugin = "utilities/plugin.yaml"
    /// The fabric plugin (its `fabric` plugin entry: no types).
    static let fabricPlugin = "fabric/plugin.yaml"
    /// The monitoring policy types and trigger of Cloudify's types.yaml up to 4.x.
    static let monitoringPolicies = "cloudify/monitoring-policies.yaml"

    /// The short native names.
    static let nativeCloudify = "bluevirt:cloudify"
    static let nativeLibvirt = "bluevirt:libvirt"
    /// What a user adds to import the libvirt types, for hints.
    static let libvirtImportHint = "plugin:cloudify-libvirt-plugin"
    static let utilitiesImportHint = "plugin:cloudify-utilities-plugin"
    static let fabricImportHint = "plugin:cloudify-fabric-plugin"
    static let cloudifyImportHint = "http://cloudify.co/spec/cloudify/6.4.0/types.yaml"

    /// The file name diagnostics use for a built-in definition.
    static func displayPath(forKey key: String) -> String { displayPrefix + key }

    /// How the file names of built-in definitions start, in ranges and diagnostics.
    public static let displayPrefix = "<built-in>/"

    /// The tree of the built-in file `key` (whose text is `text`), named `path` in its ranges:
    /// read from the archive made when bluevirt was built, or parsed where there is none.
    static func tree(forKey key: String, text: String, path: String, limits: YAMLLimits) -> YAMLLoadResult {
        if let archive = EmbeddedGrammar.trees[key], let root = NodeArchive.decode(archive, file: path) {
            return YAMLLoadResult(documents: [root], diagnostics: [])
        }
        return YAMLLoader.load(string: text, file: path, limits: limits)
    }

    /// The tree of the built-in file `key` with its types in outline (OutlinedDefinitions), read
    /// from the archive made when bluevirt was built; nil where there is none.
    static func outlinedTree(forKey key: String, path: String) -> (root: Node, definitions: OutlinedDefinitions)? {
        guard let archive = EmbeddedGrammar.trees[key],
              let tree = NodeArchive.decodeOutlined(archive, file: path, sections: OutlinedDefinitions.sections, keeping: OutlinedDefinitions.keptKey)
        else { return nil }
        return (tree.root, OutlinedDefinitions(archive: archive, file: path, offsets: tree.offsets))
    }

    /// `text` without the blanks (tabs and Unicode spaces, as Foundation's `.whitespaces`) at
    /// its ends. By hand: Foundation's trimming sets up its character sets on first use, 2% of
    /// a small blueprint's whole validate.
    private static func trimmingBlanks(_ text: String) -> String {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (!scalar.isASCII && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isBlank(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isBlank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return start == scalars.startIndex && end == scalars.endIndex ? text : String(scalars[start..<end])
    }

    /// The built-in key for an import, or nil when the import is not a well-known one.
    static func key(for reference: String) -> String? {
        let text = trimmingBlanks(reference)
        switch text {
        case nativeCloudify, "cloudify/types/types.yaml": return cloudifyTypes
        case nativeLibvirt: return libvirtPlugin
        default: break
        }
        if let plugin = pluginImports.first(where: { text == "plugin:" + $0.package || text.hasPrefix("plugin:" + $0.package + "?") }) {
            return plugin.key
        }
        guard let url = HTTPAddress(text) else { return nil }
        let host = url.host.hasPrefix("www.") ? String(url.host.dropFirst(4)) : url.host
        let parts = url.pathComponents
        // getcloudify.org/spec/cloudify/VERSION/types.yaml, cloudify.co/spec/cloudify/VERSION/types.yaml
        if (host == "getcloudify.org" || host == "cloudify.co"), parts.count == 4,
           parts[0] == "spec", parts[1] == "cloudify", parts[3] == "types.yaml" {
            return cloudifyTypes
        }
        // getcloudify.org/spec/fabric-plugin/VERSION/plugin.yaml (and utilities-plugin, libvirt-plugin)
        if (host == "getcloudify.org" || host == "cloudify.co"), parts.count == 4, parts[0] == "spec",
           let last = parts.last, pluginFileNames.contains(last),
           let plugin = pluginImports.first(where: { $0.specName == parts[1] }) {
            return plugin.key
        }
        // The types.yaml of Cloudify's manager sources, which some blueprints import directly:
        // raw.githubusercontent.com/cloudify-cosmo/cloudify-manager/REF/resources/rest-service/cloudify/types/types.yaml
        // (or github.com/cloudify-cosmo/cloudify-manager/(raw|blob)/REF/...).
        if host == "raw.githubusercontent.com" || host == "github.com",
           parts.count >= 8, parts[1] == "cloudify-manager", Array(parts.suffix(5)) == managerTypesPath {
            return cloudifyTypes
        }
        // raw.githubusercontent.com/cloudify-incubator/cloudify-libvirt-plugin/REF/plugin.yaml,
        // github.com/cloudify-incubator/cloudify-libvirt-plugin/(raw|blob|releases/download)/REF/plugin.yaml,
        // and the same for the utilities and fabric plugins' repositories.
        if host == "raw.githubusercontent.com" || host == "github.com",
           parts.count >= 4, let last = parts.last, pluginFileNames.contains(last),
           let plugin = pluginImports.first(where: { $0.package == parts[1] }) {
            return plugin.key
        }
        // The utilities plugin's per-module files (.../cloudify-utilities-plugin/REF/cloudify_suspend/types.yaml),
        // which its examples import beside plugin.yaml: each holds a part of what the plugin defines.
        if host == "raw.githubusercontent.com" || host == "github.com",
           parts.count >= 5, parts[1] == "cloudify-utilities-plugin", parts.last == "types.yaml",
           parts[parts.count - 2].hasPrefix("cloudify_") {
            return utilitiesPlugin
        }
        return nil
    }

    /// The built-in definitions that come with the import of `reference` (resolved to `key`)
    /// beside its own: a types.yaml of Cloudify 3.x or 4.x also declared the monitoring policy
    /// types, which later ones do not.
    static func companions(of key: String, reference: String) -> [String] {
        guard key == cloudifyTypes, let url = HTTPAddress(trimmingBlanks(reference)) else { return [] }
        let parts = url.pathComponents
        guard parts.count == 4, parts[0] == "spec", parts[1] == "cloudify",
              let major = parts[2].split(separator: ".").first.flatMap({ Int($0) }) else { return [] }
        return major < 5 ? [monitoringPolicies] : []
    }

    /// Where types.yaml lives in the cloudify-manager repository.
    private static let managerTypesPath = ["resources", "rest-service", "cloudify", "types", "types.yaml"]

    /// The plugins built in: their package (and repository) name, the folder of their
    /// plugin.yaml under getcloudify.org/spec/, and their built-in key.
    private static let pluginImports: [(package: String, specName: String, key: String)] = [
        ("cloudify-libvirt-plugin", "libvirt-plugin", libvirtPlugin),
        ("cloudify-utilities-plugin", "utilities-plugin", utilitiesPlugin),
        ("cloudify-fabric-plugin", "fabric-plugin", fabricPlugin),
    ]

    /// The names the plugins' repositories give their plugin definitions.
    private static let pluginFileNames: Set<String> = ["plugin.yaml", "plugin_1_4.yaml", "plugin_1_5.yaml", "v2_plugin.yaml"]

    /// The addresses a user can import instead, for the note on an unknown URL.
    static let knownAddresses = [
        "http(s)://www.getcloudify.org/spec/cloudify/VERSION/types.yaml",
        "http(s)://cloudify.co/spec/cloudify/VERSION/types.yaml",
        "plugin:cloudify-libvirt-plugin",
        "https://raw.githubusercontent.com/cloudify-incubator/cloudify-libvirt-plugin/REF/plugin.yaml",
        utilitiesImportHint,
        "https://raw.githubusercontent.com/cloudify-incubator/cloudify-utilities-plugin/REF/plugin.yaml",
        "http(s)://www.getcloudify.org/spec/utilities-plugin/VERSION/plugin.yaml",
        fabricImportHint,
        "http(s)://www.getcloudify.org/spec/fabric-plugin/VERSION/plugin.yaml",
        nativeCloudify,
        nativeLibvirt,
    ]
}
