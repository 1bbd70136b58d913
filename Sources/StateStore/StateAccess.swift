/// How a command uses the state.
public enum StateAccess: Sendable {
    /// Records changes (apply, destroy, ssh): the state directory must be writable.
    case change
    /// Only reads (status, list, outputs). These work on a read-only state directory or a full
    /// disk too, from a private copy of the database, and never create anything.
    case look
}
