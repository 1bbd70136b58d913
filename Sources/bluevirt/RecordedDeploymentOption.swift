import ArgumentParser

/// `-d NAME` of the commands that work on a deployment the state records (history, outputs,
/// run, ssh, backups), checked before the command runs.
struct RecordedDeploymentOption: ParsableArguments {
    @Option(name: [.customShort("d"), .customLong("deployment")], help: ArgumentHelp("The deployment.", valueName: "name"), completion: .deploymentName)
    var name: String

    func validate() throws {
        try DeploymentNameOption.check(name)
    }
}
