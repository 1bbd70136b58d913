/// How much a commit survives. Both survive a crash or kill of bluevirt itself (the commit is
/// in the operating system's hands when the call returns); only `.powerLoss` also survives a
/// crash of the operating system or a power cut, at the price of an fsync per commit.
public enum Durability: Sendable, Hashable {
    /// SQLite `synchronous = NORMAL` in WAL mode.
    case processCrash
    /// SQLite `synchronous = FULL`: the WAL is synced at every commit.
    case powerLoss

    var synchronousPragma: String {
        switch self {
        case .processCrash: "NORMAL"
        case .powerLoss: "FULL"
        }
    }
}
