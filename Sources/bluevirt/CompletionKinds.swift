import ArgumentParser
import StateStore

/// What shell completion offers for bluevirt's arguments: blueprint and input files, folders,
/// and the deployments of the state directory. Without a kind an argument completes to nothing.
extension CompletionKind {
    static let blueprintFile = CompletionKind.file(extensions: ["yaml", "yml"])
    static let valuesFile = CompletionKind.file(extensions: ["yaml", "yml", "json"])
    /// The deployments in the state directory the command line names with --state-dir, else
    /// the default one ($BLUEVIRT_STATE_DIR, …); none where there is no state.
    static let deploymentName = CompletionKind.custom { words, _, _ in
        var option: String?
        for (index, word) in words.enumerated() {
            if word == "--state-dir", index + 1 < words.count { option = words[index + 1] }
            if word.hasPrefix("--state-dir=") { option = String(word.dropFirst("--state-dir=".count)) }
        }
        let location = StateLocation.resolve(stateDirOption: option)
        guard location.exists, let store = try? StateStore(location: location, access: .look) else { return [] }
        return (try? store.deployments().map(\.name)) ?? []
    }
}
