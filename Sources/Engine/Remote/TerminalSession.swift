import Platform

/// An ssh process with a terminal on the remote side, fed through a pipe: what the terminal
/// plugin's connections (paramiko's `invoke_shell`, or one command with a pty) are to it.
/// Blocking: it runs on a thread of its own (``TerminalOperations``).
final class TerminalSession {
    private let process: ScriptProcess
    private let stop: ScriptStopRequest
    private let deadline: ContinuousClock.Instant?
    /// How long to wait for output before giving up on the device.
    private let idleLimit: Duration
    private var pending: [UInt8] = []
    private(set) var isClosed = false
    /// How ssh ended, once ``close()`` has run.
    private var ending: ScriptProcess.Ending?
    /// Everything received, for messages when ssh itself fails (at most the last few KB).
    private(set) var transcript = ""

    init(process: ScriptProcess, stop: ScriptStopRequest, deadline: ContinuousClock.Instant?, idleLimit: Duration) {
        self.process = process
        self.stop = stop
        self.deadline = deadline
        self.idleLimit = idleLimit
        // A device that hangs up while bluevirt writes must end this session, not bluevirt.
        signal(SIGPIPE, SIG_IGN)
    }

    /// The next piece of output (as text, `\b` already applied by the caller); nil once the
    /// remote side has closed.
    func receive(waitingFor what: @autoclosure () -> String) throws -> String? {
        let clock = ContinuousClock()
        let idleUntil = clock.now + idleLimit
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isClosed {
            if stop.isRequested { throw RemoteProblem("the terminal session was stopped because the run was cancelled") }
            if let deadline, clock.now >= deadline { throw RemoteProblem("the terminal session did not finish within the operation's timeout while waiting for \(what())") }
            if clock.now >= idleUntil {
                throw RemoteProblem("the device sent nothing for \(idleLimit.components.seconds)s while bluevirt waited for \(what()); its last output:\n\(Self.tail(transcript))")
            }
            var poller = pollfd(fd: process.output, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, 200)
            let count = buffer.withUnsafeMutableBytes { read(process.output, $0.baseAddress, $0.count) }
            if count > 0 {
                pending += buffer[..<count]
                let end = Self.completeLength(pending)
                let text = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end)
                transcript = String((transcript + text).suffix(4096))
                return text
            }
            if count == 0 { isClosed = true }
        }
        return nil
    }

    func send(_ text: String) {
        guard let input = process.input, ending == nil else { return }
        _ = Array(text.utf8).withUnsafeBytes { writeAll($0, to: input) }
    }

    /// Ends the session: closes its input, waits a moment for ssh to end, then stops it.
    /// Returns how ssh ended.
    @discardableResult
    func close() -> ScriptProcess.Ending {
        if let ending { return ending }
        if let input = process.input { Glibc.close(input) }
        let clock = ContinuousClock()
        let until = clock.now + .seconds(3)
        while clock.now < until {
            if let ending = process.ending() { return finish(ending) }
            usleep(50_000)
        }
        process.signalGroup(SIGTERM)
        usleep(200_000)
        if let ending = process.ending() { return finish(ending) }
        process.signalGroup(SIGKILL)
        var status: Int32 = 0
        while waitpid(process.pid, &status, 0) == -1 && errno == EINTR {}
        return finish(.signalled(SIGKILL))
    }

    private func finish(_ ending: ScriptProcess.Ending) -> ScriptProcess.Ending {
        self.ending = ending
        isClosed = true
        Glibc.close(process.output)
        return ending
    }

    /// How many bytes at the start of `bytes` are whole UTF-8 sequences: a sequence cut off at
    /// the end waits for the next read.
    static func completeLength(_ bytes: [UInt8]) -> Int {
        for back in 1...max(1, min(3, bytes.count)) where back <= bytes.count {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 == 0x80 { continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return length > back ? bytes.count - back : bytes.count
        }
        return bytes.count
    }

    static func tail(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).suffix(8)
            .map { "  | " + $0.filter { $0 != "\r" } }.joined(separator: "\n")
    }
}
