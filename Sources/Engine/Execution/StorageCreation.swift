import Platform
import LibvirtBackend
import StateStore

/// Creating volumes and ISO images: a volume may be a copy-on-write clone (its document names
/// the backing store), filled from an image (`url`), or wiped with zeros; an ISO image is
/// uploaded into a raw volume of its size. Uploads go through libvirt's stream API, so they
/// work against a remote libvirtd as well.
extension LibvirtObjectBackend {
    func createVolume(_ object: ManagedObject, xml: String, on connection: LibvirtConnection,
                      progress: @escaping @Sendable (String) -> Void) async throws {
        let pool = try await VolumePoolLookup.pool(of: object, on: connection)
        if object.kind == .iso9660, object.writesIntoDeploymentVolume, let bytes = object.imageBytes {
            // As the plugin's iso9660 task: the image goes into the volume another node of the
            // deployment made (its create ran first, by the relationship the blueprint declares).
            guard let volume = try await Self.missingIsNil({ try await pool.volume(named: object.name) }) else {
                throw BackendProblem("""
                    \(object.label) is written into volume '\(object.name)' of pool '\(object.pool ?? "default")', which does not \
                    exist yet; make the image's node depend on the volume's node (cloudify.relationships.depends_on)
                    """)
            }
            try await Self.uploading(object, progress: progress) { () async throws(VolumeUploadError) in try await volume.upload(bytes: bytes) }
            return
        }
        if let existing = try await Self.missingIsNil({ try await pool.volume(named: object.name) }) {
            // A volume without contents of its own is taken as it is; one to be filled must be
            // this instance's own, half-made by an interrupted run, and is made again.
            guard object.imageURL != nil || object.imageBytes != nil else { return }
            guard object.resumedCreate else {
                throw BackendProblem("""
                    \(object.label) already exists in pool '\(object.pool ?? "default")' and was not made by this deployment; \
                    remove it (virsh vol-delete \(object.name) --pool \(object.pool ?? "default")), name the volume differently, \
                    or adopt it with use_external_resource: true
                    """)
            }
            try await existing.delete()
        }
        let volume: LibvirtStorageVolume
        if let bytes = object.imageBytes {
            volume = try await pool.createVolume(xml: Self.imageVolumeXML(name: object.name, size: bytes.count))
            try await Self.uploading(object, progress: progress) { () async throws(VolumeUploadError) in try await volume.upload(bytes: bytes) }
        } else {
            volume = try await pool.createVolume(xml: xml)
            if let url = object.imageURL, object.connection.hasPrefix("test:") {
                // The test driver keeps no contents: a simulated run downloads nothing.
                progress("the test driver keeps no volume contents: \(object.name) stays empty, \(url) is not downloaded")
            } else if let url = object.imageURL {
                try await fill(volume, from: try ImageSource(url: url, sha256: object.imageSHA256), object: object, progress: progress)
            } else if object.zeroWipe {
                try await volume.wipe()
            }
        }
        // The pool learns the uploaded image's real size. Only a nicety: libvirt refuses a
        // refresh while other uploads into the pool run, and the next refresh catches up.
        if object.imageURL != nil { try? await pool.refresh() }
    }

    /// Downloads the image once into the host's cache (or reads a file:// image in place), then
    /// streams it into the volume, reporting progress now and then.
    private func fill(_ volume: LibvirtStorageVolume, from source: ImageSource, object: ManagedObject,
                      progress: @escaping @Sendable (String) -> Void) async throws {
        guard let images else {
            throw BackendProblem("\(object.label) is filled from \(source.url), but this run has no image cache (a bug: apply sets one)")
        }
        let reporter = ProgressThrottle(report: progress)
        let verb = source.url.hasPrefix("file:") ? "reading" : "downloading"
        let file = try await images.file(for: source) { received, total in
            reporter.update("\(verb) \(source.url)", done: received, total: total)
        }
        try await Self.uploading(object, progress: progress) { () async throws(VolumeUploadError) in
            try await volume.upload(from: file) { sent, total in
                reporter.update("uploading \(URL(string: source.url)?.lastPathComponent ?? source.url) into \(object.name)", done: sent, total: total)
            }
        }
    }

    /// Runs an upload. libvirt's test driver (`--simulate`) keeps no volume contents and has no
    /// upload: there the volume stays empty, with a note, so simulated runs go through.
    private static func uploading(_ object: ManagedObject, progress: @Sendable (String) -> Void,
                                  _ upload: () async throws(VolumeUploadError) -> Void) async throws {
        do {
            try await upload()
        } catch {
            guard object.connection.hasPrefix("test:"), case .libvirt(let cause) = error.reason, cause.code == .noSupport else { throw error }
            progress("the test driver keeps no volume contents: \(object.name) stays empty")
        }
    }

    /// A raw volume exactly the size of an ISO image.
    static func imageVolumeXML(name: String, size: Int) -> String {
        let escaped = name.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
            .replacing(">", with: "&gt;")
        return """
            <volume>
              <name>\(escaped)</name>
              <capacity unit="bytes">\(size)</capacity>
              <target><format type="raw"/></target>
            </volume>
            """
    }
}
