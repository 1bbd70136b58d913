import LibvirtBackend

/// The pool a volume or ISO image is made in, looked up on its host. libvirt says only "Storage
/// pool not found: no storage pool with matching name 'x'", naming no step: this says which
/// parameter names the pool and how to make it exist first.
enum VolumePoolLookup {
    static func pool(of object: ManagedObject, on connection: LibvirtConnection) async throws -> LibvirtStoragePool {
        let name = object.pool ?? "default"
        guard let pool = try await LibvirtObjectBackend.missingIsNil({ try await connection.storagePool(named: name) }) else {
            throw BackendProblem("""
                pool '\(name)' not found on \(ConnectionHost.name(of: object.connection)), where the volume is to be made \
                (params.pool, default 'default'); name a pool the host has (virsh pool-list --all), or make one in the deployment: \
                a cloudify.libvirt.pool node, named in 'pool' as { get_attribute: [NODE, resource_id] }, that the volume's node \
                depends on (cloudify.relationships.depends_on)
                """)
        }
        return pool
    }
}
