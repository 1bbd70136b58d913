import ArgumentParser

/// What shell completion offers for bluevirt's arguments: blueprint and input files, folders,
/// and the deployments of the state directory (`bluevirt list`, the default one or
/// $BLUEVIRT_STATE_DIR's). Without a kind an argument completes to nothing.
extension CompletionKind {
    static let blueprintFile = CompletionKind.file(extensions: ["yaml", "yml"])
    static let valuesFile = CompletionKind.file(extensions: ["yaml", "yml", "json"])
    static let deploymentName = CompletionKind.shellCommand("bluevirt list 2>/dev/null | cut -d ' ' -f 1")
}
