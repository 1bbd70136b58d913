import CLibvirt
import Platform

/// Filling a volume with bytes from this host through libvirt's stream API
/// (`virStorageVolUpload`), so it works the same for a remote libvirtd.
extension LibvirtStorageVolume {
    /// Bytes sent per `virStreamSend`: large enough that the per-chunk hop to a libvirt thread
    /// does not matter, small enough for frequent progress.
    public static let uploadChunkSize = 256 * 1024

    /// Replaces the volume's contents from offset 0 with the file at `file` (a local path).
    /// Size the volume to at least the file's length first: a dir pool does not refuse a longer
    /// upload, its file just grows past the volume's capacity. `progress` is called with the bytes
    /// sent so far and the file's size: once with 0 before the first chunk, then after every
    /// chunk. On any failure, or if the task is cancelled between chunks, the stream is aborted
    /// and the error names the file and how many bytes had been sent. An empty file sends
    /// nothing (libvirt reads a length of 0 as "up to the end of the volume").
    public func upload(
        from file: URL, chunkSize: Int = uploadChunkSize,
        progress: @escaping @Sendable (_ sent: UInt64, _ total: UInt64) -> Void = { _, _ in }
    ) async throws(VolumeUploadError) {
        switch UploadSource.openFile(atPath: file.path) {
        case .success(let source):
            try await upload(source, chunkSize: chunkSize, progress: progress)
        case .failure(let failure):
            throw VolumeUploadError(volume: name, source: file.path, sentBytes: 0, totalBytes: 0,
                                    reason: .unreadable(failure.message))
        }
    }

    /// Replaces the volume's contents from offset 0 with `bytes`, as
    /// ``upload(from:chunkSize:progress:)`` does with a file.
    public func upload(
        bytes: [UInt8], chunkSize: Int = uploadChunkSize,
        progress: @escaping @Sendable (_ sent: UInt64, _ total: UInt64) -> Void = { _, _ in }
    ) async throws(VolumeUploadError) {
        try await upload(UploadSource(bytes: bytes), chunkSize: chunkSize, progress: progress)
    }

    private func upload(
        _ source: UploadSource, chunkSize: Int,
        progress: @escaping @Sendable (_ sent: UInt64, _ total: UInt64) -> Void
    ) async throws(VolumeUploadError) {
        precondition(chunkSize > 0, "an upload's chunk size must be positive")
        let total = source.totalBytes
        var sent: UInt64 = 0
        func failure(_ reason: VolumeUploadError.Reason) -> VolumeUploadError {
            VolumeUploadError(volume: name, source: source.label, sentBytes: sent, totalBytes: total, reason: reason)
        }
        progress(0, total)
        guard total > 0 else { return }

        let stream: LibvirtStream
        do {
            stream = try await LibvirtStream.new(on: connection)
            try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
                try LibvirtCall.check(
                    virStorageVolUpload(self.pointer, stream.pointer, 0, total, 0), "virStorageVolUpload")
            }
        } catch {
            // A stream that never started a transfer has nothing to abort; releasing it frees it.
            throw failure(.libvirt(error))
        }

        do throws(VolumeUploadError) {
            while sent < total {
                if Task.isCancelled { throw failure(.cancelled) }
                let offset = sent
                let outcome: Result<Int, UploadReadFailure>
                do {
                    outcome = try await LibvirtWorker.run(watching: connection) { () throws(LibvirtError) in
                        switch source.chunk(at: offset, maximum: chunkSize) {
                        case .success(let bytes):
                            try stream.sendBlocking(bytes)
                            return .success(bytes.count)
                        case .failure(let readFailure):
                            return .failure(readFailure)
                        }
                    }
                } catch {
                    throw failure(.libvirt(error))
                }
                switch outcome {
                case .success(let count): sent += UInt64(count)
                case .failure(let readFailure): throw failure(.unreadable(readFailure.message))
                }
                progress(sent, total)
            }
            do { try await stream.finish() } catch { throw failure(.libvirt(error)) }
        } catch {
            // The transfer's own error is what the caller needs; an abort that fails adds nothing.
            try? await stream.abort()
            throw error
        }
    }
}
