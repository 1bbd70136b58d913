import Platform
import Synchronization

/// The exclusive right to change one deployment, held from `StateStore.acquireWriterLock` until
/// `release()` or until the process ends, however it ends.
///
/// It is an advisory `flock(2)` on `locks/<deployment>.lock` in the state directory: the kernel
/// drops it when the holder dies, even by SIGKILL, so a crashed apply never blocks the next
/// one. The holder's pid, command line and start time are written into the file for the
/// refusal message; the file is emptied on release, so holder details found in the file by
/// the next acquirer belong to a process that died while holding it.
public final class WriterLock: Sendable {
    public let deployment: String
    public let lockFile: URL
    public let holder: WriterLockHolder
    /// Set when the previous holder died while holding the lock (its details were still in the
    /// file): a note for the user that an earlier run was interrupted.
    public let tookOverFrom: WriterLockHolder?
    private let descriptor: Mutex<Int32?>

    /// A message about the takeover, if there was one.
    public var takeoverNote: String? {
        guard let previous = tookOverFrom else { return nil }
        let fate = previous.isAlive && previous.pid != holder.pid
            ? "no longer holds it" : "is no longer running"
        return "took over the writer lock of deployment '\(deployment)' from pid \(previous.pid) (`\(previous.command)`, since \(previous.sinceDescription)), which \(fate); its run was interrupted"
    }

    /// Takes the lock or refuses at once, without waiting.
    static func acquire(deployment: String, lockFile: URL, command: String) throws(StateStoreError) -> WriterLock {
        do {
            try FileManager.default.createDirectory(
                at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotOpenLockFile(path: lockFile.path, reason: SystemErrorText.of(error))
        }
        // O_CLOEXEC: a child process (virsh, an ssh tunnel) must not inherit the lock and keep
        // the deployment locked after bluevirt exits.
        let descriptor = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .cannotOpenLockFile(path: lockFile.path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let lockError = errno
            defer { close(descriptor) }
            guard lockError == EWOULDBLOCK else {
                throw .cannotOpenLockFile(path: lockFile.path, reason: String(cString: strerror(lockError)))
            }
            throw .writerLockHeld(deployment: deployment, holder: readHolder(descriptor), lockFile: lockFile.path)
        }
        let previous = readHolder(descriptor)
        let holder = WriterLockHolder(pid: getpid(), command: command, since: Date())
        let data = holder.encoded()
        let written = data.withUnsafeBytes { bytes in
            ftruncate(descriptor, 0) == 0 ? pwrite(descriptor, bytes.baseAddress, bytes.count, 0) : -1
        }
        guard written == data.count else {
            // A short write without an error is the file system running out of room too.
            let code = written >= 0 ? ENOSPC : errno
            close(descriptor)
            if code == ENOSPC || code == EDQUOT {
                // Not the permissions the general message points at: say that the disk is full.
                throw .diskFull(directory: lockFile.deletingLastPathComponent().deletingLastPathComponent().path,
                                operation: "taking the writer lock of deployment '\(deployment)'")
            }
            throw .cannotOpenLockFile(path: lockFile.path, reason: "cannot write the holder: \(String(cString: strerror(code)))")
        }
        return WriterLock(deployment: deployment, lockFile: lockFile, holder: holder, tookOverFrom: previous, descriptor: descriptor)
    }

    private init(deployment: String, lockFile: URL, holder: WriterLockHolder, tookOverFrom: WriterLockHolder?, descriptor: Int32) {
        self.deployment = deployment
        self.lockFile = lockFile
        self.holder = holder
        self.tookOverFrom = tookOverFrom
        self.descriptor = Mutex(descriptor)
    }

    /// Empties the holder details and unlocks. Calling it again does nothing.
    public func release() {
        descriptor.withLock { descriptor in
            guard let open = descriptor else { return }
            _ = ftruncate(open, 0)
            flock(open, LOCK_UN)
            close(open)
            descriptor = nil
        }
    }

    /// For a run the user stopped that exits with operations still running: empties the holder
    /// details, so the next run does not take this one for a run that died, but keeps the lock
    /// until the process exits (moments later), so no later run can take it while an operation
    /// abandoned here might still record its end.
    public func leaveAtExit() {
        descriptor.withLock { descriptor in
            guard let open = descriptor else { return }
            _ = ftruncate(open, 0)
        }
    }

    deinit {
        release()
    }

    private static func readHolder(_ descriptor: Int32) -> WriterLockHolder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return WriterLockHolder.decoded(from: Data(buffer[0..<count]))
    }
}
