import StateStore

/// What the executor asks of a hypervisor for each built-in libvirt node type. Every
/// operation is idempotent: re-running one that an interrupted run already did (the object
/// exists, is running, is gone) succeeds without doing it twice.
public protocol ObjectBackend: Sendable {
    /// Defines (and for networks starts) the object, or checks that an adopted one exists;
    /// volumes are filled from their image, ISO images written. `progress` hears of long work.
    /// Returns the runtime properties to merge into the instance's.
    func create(_ object: ManagedObject, progress: @escaping @Sendable (String) -> Void) async throws -> [String: JSONValue]
    /// Pools: build the storage. Other kinds: nothing.
    func configure(_ object: ManagedObject) async throws -> [String: JSONValue]
    /// Domains: start and wait for addresses. Pools: start. Others: nothing.
    func start(_ object: ManagedObject) async throws -> [String: JSONValue]
    /// Domains: graceful shutdown with a timeout, then destroy. Pools: destroy. Never touches
    /// an adopted object. An object already gone is fine.
    func stop(_ object: ManagedObject) async throws
    /// Removes the object (domains: undefine; networks: destroy and undefine). Never touches
    /// an adopted object. An object already gone is fine.
    func delete(_ object: ManagedObject) async throws
}
