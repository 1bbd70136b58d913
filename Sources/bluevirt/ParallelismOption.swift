import ArgumentParser

/// `--parallelism`, shared by the commands that run operations (apply, destroy, run).
struct ParallelismOption: ParsableArguments {
    // `.unconditional`: the word after `--parallelism` is its value even when it starts with a
    // dash, so that `--parallelism -1` is refused as a count, not as a missing value.
    @Option(name: .customLong("parallelism"), parsing: .unconditional,
            help: ArgumentHelp("The most operations that run at the same time (a positive number).", valueName: "n"))
    var limit = 8

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--parallelism must be a positive number (1 or more), not \(limit)") }
    }
}
