import Platform

/// A script's process, started in a process group of its own so that stopping it (timeout,
/// Ctrl-C) reaches everything it started and nothing else. Its stdout and stderr share one pipe,
/// so lines keep their order; stdin is /dev/null unless said otherwise.
struct ScriptProcess {
    let pid: pid_t
    /// The read end of the output pipe, non-blocking.
    let output: Int32
    /// The write end of the input pipe, for ``StandardInput/pipe``; the owner closes it.
    let input: Int32?

    /// Where the process reads its standard input from.
    enum StandardInput {
        case nullDevice
        /// A file (ssh sends a remote script's files and commands this way).
        case file(String)
        /// A pipe the caller writes to (an interactive terminal session).
        case pipe
    }

    /// How the process ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Starts `command` (program path first) in `directory` with exactly `environment`.
    init(command: [String], environment: [String: String], directory: String, standardInput: StandardInput = .nullDevice) throws {
        var pipeEnds: [Int32] = [-1, -1]
        // Close-on-exec from the start: a script started at the same time by another thread must
        // not inherit this pipe (it would hold it open).
        guard let pipe2 = GNUFunctions.pipe2 else { throw ScriptContextProblem("this C library lacks pipe2") }
        guard pipe2(&pipeEnds, O_CLOEXEC) == 0 else { throw Self.systemError("cannot create a pipe") }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var inputEnds: [Int32] = [-1, -1]
        switch standardInput {
        case .nullDevice: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        case .pipe:
            guard pipe2(&inputEnds, O_CLOEXEC) == 0 else {
                close(readEnd); close(writeEnd)
                throw Self.systemError("cannot create a pipe")
            }
            posix_spawn_file_actions_adddup2(&actions, inputEnds[0], 0)
        }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        guard let addChdir = GNUFunctions.spawnAddChdir else {
            for end in [readEnd, writeEnd] + inputEnds where end >= 0 { close(end) }
            throw ScriptContextProblem("this C library lacks posix_spawn_file_actions_addchdir_np (glibc 2.29 or later has it)")
        }
        _ = addChdir(&actions, directory)
        // No descriptor of bluevirt's (libvirt connections, the state store) reaches the script or
        // what it leaves running in the background (glibc 2.34 or later; older ones rely on close-on-exec).
        if let closeFrom = GNUFunctions.spawnAddCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // bluevirt ignores SIGINT and SIGTERM while it runs (it stops gracefully instead), and
        // ignored signals are inherited: give the script the default handling and no blocked signals.
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = command.map { strdup($0) } + [nil]
        var environment = environment
        // Lets ctx logger write its lines into this pipe, in order with the output (LoggerPipe).
        environment[LoggerPipe.environmentName] = LoggerPipe.identity(ofDescriptor: writeEnd)
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in variables { free(pointer) }
        }
        var child: pid_t = 0
        let status = posix_spawnp(&child, command[0], &actions, &attributes, arguments, variables)
        close(writeEnd)
        if inputEnds[0] >= 0 { close(inputEnds[0]) }
        guard status == 0 else {
            close(readEnd)
            if inputEnds[1] >= 0 { close(inputEnds[1]) }
            throw ScriptContextProblem("cannot run '\(command[0])': \(String(cString: strerror(status)))")
        }
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)
        pid = child
        output = readEnd
        input = inputEnds[1] >= 0 ? inputEnds[1] : nil
    }

    /// The ending, when the process has ended (and is now reaped); nil while it runs.
    func ending() -> Ending? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Sends `signal` to the process group; false when no process of the group is left.
    @discardableResult
    func signalGroup(_ signal: Int32) -> Bool {
        kill(-pid, signal) == 0
    }

    private static func systemError(_ what: String) -> ScriptContextProblem {
        ScriptContextProblem("\(what): \(String(cString: strerror(errno)))")
    }
}

/// glibc functions that Swift's Glibc module does not import (they are declared only with
/// _GNU_SOURCE), looked up at run time.
private enum GNUFunctions {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias SpawnAddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias SpawnAddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let pipe2: Pipe2? = lookUp("pipe2")
    static let spawnAddChdir: SpawnAddChdir? = lookUp("posix_spawn_file_actions_addchdir_np")
    static let spawnAddCloseFrom: SpawnAddCloseFrom? = lookUp("posix_spawn_file_actions_addclosefrom_np")

    private static func lookUp<Function>(_ name: String) -> Function? {
        // RTLD_DEFAULT (a null handle on glibc): the process's global symbols.
        guard let symbol = dlsym(nil, name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }
}
