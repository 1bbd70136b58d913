import Platform
import Synchronization

/// Asks a running script to stop (the Swift task was cancelled); checked by its supervisor.
final class ScriptStopRequest: Sendable {
    private let requested = Mutex(false)
    func request() { requested.withLock { $0 = true } }
    var isRequested: Bool { requested.withLock { $0 } }
}

/// Watches one script process on a thread of its own: passes each output line and each
/// `ctx logger` line on as it arrives, collects runtime-property sets, and stops the process
/// group on timeout or request (SIGTERM, then SIGKILL after a grace period).
final class ScriptSupervisor {
    /// How long a stopped script may take to exit after SIGTERM before it gets SIGKILL.
    static let gracePeriod: Duration = .seconds(5)
    static let keptLines = 20
    /// A line longer than this is passed on in pieces, so a script without newlines cannot fill memory.
    private static let longestLine = 64 * 1024

    enum StopCause { case timeout, cancelled }

    struct Result {
        var ending: ScriptProcess.Ending
        var stopCause: StopCause?
        var lastLines: [String]
        var changes: [ScriptChange]
    }

    private let process: ScriptProcess
    private let changesPath: String
    private let log: @Sendable (String) -> Void
    private let logger: @Sendable (LoggerLine) -> Void
    private var pendingOutput: [UInt8] = []
    private var changesOffset: UInt64 = 0
    private var pendingChanges: [UInt8] = []
    private var lastLines: [String] = []
    private var changes: [ScriptChange] = []

    init(process: ScriptProcess, changesPath: String, log: @escaping @Sendable (String) -> Void,
         logger: @escaping @Sendable (LoggerLine) -> Void) {
        self.process = process
        self.changesPath = changesPath
        self.log = log
        self.logger = logger
    }

    /// Runs until the script's process has ended (and, when it was stopped, its group is gone or
    /// was killed). Background processes a script that succeeds leaves running keep running.
    func supervise(timeout: Duration?, stop: ScriptStopRequest) -> Result {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var stopCause: StopCause?
        var killAt: ContinuousClock.Instant?
        var killed: ContinuousClock.Instant?
        var ending: ScriptProcess.Ending?
        var outputOpen = true
        while true {
            var poller = pollfd(fd: outputOpen ? process.output : -1, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, 100)
            if outputOpen { outputOpen = readOutput() }
            readChanges()
            if ending == nil { ending = process.ending() }
            if ending != nil {
                // Stopped: wait for the rest of the group, within the grace period.
                guard stopCause != nil, process.signalGroup(0) else { break }
                if let killed, clock.now - killed > .seconds(1) { break }
            }
            if stopCause == nil {
                if stop.isRequested { stopCause = .cancelled } else if let deadline, clock.now >= deadline { stopCause = .timeout }
                if stopCause != nil {
                    process.signalGroup(SIGTERM)
                    killAt = clock.now + Self.gracePeriod
                }
            } else if killed == nil, let killAt, clock.now >= killAt {
                process.signalGroup(SIGKILL)
                killed = clock.now
            }
        }
        // What is already in the pipe; a background child may keep it open, so no waiting for EOF.
        if outputOpen { _ = readOutput() }
        close(process.output)
        readChanges()
        flushPartialLines()
        return Result(ending: ending ?? .signalled(SIGKILL), stopCause: stopCause, lastLines: lastLines, changes: changes)
    }

    /// Reads what the pipe holds now; false at end of file.
    private func readOutput() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(process.output, $0.baseAddress, $0.count) }
            if count > 0 {
                pendingOutput += buffer[..<count]
                emitOutputLines()
            } else if count == 0 {
                return false
            } else {
                // Nothing more for now (or interrupted): the next poll comes back to it.
                return errno == EAGAIN || errno == EINTR
            }
        }
    }

    private func emitOutputLines() {
        while let newline = pendingOutput.firstIndex(of: UInt8(ascii: "\n")) ?? (pendingOutput.count > Self.longestLine ? Self.longestLine : nil) {
            let line = String(decoding: pendingOutput[..<newline], as: UTF8.self)
            pendingOutput.removeFirst(min(newline + 1, pendingOutput.count))
            if let record = LoggerPipe.split(line) {
                if !record.before.isEmpty { emit(String(record.before)) }
                emit(record.logged)
            } else {
                emit(line)
            }
        }
    }

    /// Reads changes appended since the last read; complete lines only.
    private func readChanges() {
        let descriptor = open(changesPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard lseek(descriptor, off_t(changesOffset), SEEK_SET) >= 0 else { return }
        let data = readToEnd(descriptor: descriptor)
        guard !data.isEmpty else { return }
        changesOffset += UInt64(data.count)
        pendingChanges += data
        while let newline = pendingChanges.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pendingChanges[..<newline], as: UTF8.self)
            pendingChanges.removeFirst(newline + 1)
            guard let change = ScriptChange(jsonLine: line) else { continue }
            changes.append(change)
            if case .log(let level, let message) = change {
                emit(LoggerLine(level: level, message: message))
            }
        }
    }

    private func flushPartialLines() {
        if !pendingOutput.isEmpty {
            emit(String(decoding: pendingOutput, as: UTF8.self))
            pendingOutput.removeAll()
        }
    }

    private func emit(_ line: String) {
        let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
        log(text)
        keep(text)
    }

    private func emit(_ line: LoggerLine) {
        logger(line)
        keep(line.shown)
    }

    private func keep(_ text: String) {
        lastLines.append(text)
        if lastLines.count > Self.keptLines { lastLines.removeFirst(lastLines.count - Self.keptLines) }
    }
}
