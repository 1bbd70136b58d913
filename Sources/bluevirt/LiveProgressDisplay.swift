import Engine
import Platform
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the live display shows: one row per node instance, in the order instances first
/// appear, with its current state and how long it has been worked on. A value type, so a
/// frame can be rendered and tested without a terminal.
struct ProgressBoard: Sendable, Equatable {
    struct Row: Sendable, Equatable {
        var instance: String
        /// The host of the instance's object when it is not this machine.
        var host: String?
        var firstEvent: Date
        var lastEvent: Date
        /// The last lifecycle step that finished, in the past tense (`created`,
        /// `started 192.168.150.31`).
        var settled: String?
        /// Steps running now, by step id, as `creating`, `starting`.
        var running: [String: String] = [:]
        var failed = false
    }

    private(set) var rows: [Row] = []

    /// Takes in one event.
    mutating func record(_ event: ProgressEvent) {
        guard let instance = event.instance else { return }
        let index = rows.firstIndex { $0.instance == instance } ?? {
            rows.append(Row(instance: instance, firstEvent: event.time, lastEvent: event.time))
            return rows.count - 1
        }()
        rows[index].lastEvent = max(rows[index].lastEvent, event.time)
        if let host = event.host, host != "localhost" { rows[index].host = host }
        let verb = Self.verb(of: event)
        let key = event.step ?? event.message
        switch event.kind {
        case .started:
            rows[index].running[key] = Self.presentParticiple(verb)
        case .finished:
            rows[index].running[key] = nil
            if let past = Self.lifecycle[verb] { rows[index].settled = event.address.map { "\(past) \($0)" } ?? past }
        case .failed:
            rows[index].running[key] = nil
            rows[index].failed = true
        case .note:
            break
        }
    }

    /// The frame at `now`: one line per instance, each cut to `width` columns; with `colour`,
    /// the state is green when settled, yellow while running and red when failed.
    func frame(now: Date, width: Int, colour: Bool = false) -> [String] {
        let idWidth = rows.map(\.instance.count).max() ?? 0
        let states: [(text: String, code: String)] = rows.map { row in
            if row.failed { return ("failed", "31") }
            if !row.running.isEmpty { return (row.running.keys.sorted().compactMap { row.running[$0] }.joined(separator: ", "), "33") }
            return (row.settled ?? "done", "32")
        }
        return zip(rows, states).map { row, state in
            let end = row.running.isEmpty || row.failed ? row.lastEvent : max(now, row.lastEvent)
            let seconds = Int(end.timeIntervalSince(row.firstEvent).rounded(.down))
            let prefix = "  " + row.instance.padded(toLength: idWidth) + "  "
            let suffix = "  \(seconds)s" + (row.host.map { "  on \($0)" } ?? "")
            // The state column is as wide as the longest state, cut where the terminal ends.
            let room = min(states.map(\.text.count).max() ?? 0, max(1, width - 1 - prefix.count - suffix.count))
            let shown = state.text.count > room ? String(state.text.prefix(room - 1)) + "…" : state.text
            let padded = shown.padded(toLength: room)
            return colour ? "\(prefix)\u{1B}[\(state.code)m\(padded)\u{1B}[0m\(suffix)" : prefix + padded + suffix
        }
    }

    /// The verb of a step id: `web-1/start` → `start`, `web-1/establish/target/0/lan-1` → `establish`.
    private static func verb(of event: ProgressEvent) -> String {
        guard let step = event.step, let instance = event.instance, step.hasPrefix(instance + "/") else {
            return event.message.split(separator: " ").first.map(String.init) ?? event.message
        }
        return step.dropFirst(instance.count + 1).split(separator: "/").first.map(String.init) ?? step
    }

    /// Lifecycle verbs and the state an instance is in after them; relationship steps leave it as is.
    private static let lifecycle = [
        "create": "created", "configure": "configured", "start": "started", "stop": "stopped", "delete": "deleted",
    ]

    private static func presentParticiple(_ verb: String) -> String {
        verb.hasSuffix("e") && !verb.hasSuffix("ee") ? verb.dropLast() + "ing" : verb + "ing"
    }
}

/// The live progress display on a terminal: the board drawn as a block at the bottom of
/// standard error, redrawn in place at most ten times a second; failures and notes are
/// printed above the block so they stay in the scrollback, and the last frame stays on screen.
/// All drawing happens under one lock, so events from any task and the redraw timer never
/// interleave their output.
final class LiveProgressDisplay: Sendable {
    private struct State {
        var board = ProgressBoard()
        var linesOnScreen = 0
        var changed = false
        var finished = false
        var ticker: Task<Void, Never>?
    }

    private let state = Mutex(State())
    private let colour: Bool

    /// A display when standard error is a terminal that understands cursor movement
    /// (`TERM` set and not `dumb`); nil otherwise. `NO_COLOR` only turns off colour.
    static func forStandardError() -> LiveProgressDisplay? {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDERR_FILENO) == 1, let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return nil }
        return LiveProgressDisplay(colour: (environment["NO_COLOR"] ?? "").isEmpty)
    }

    private init(colour: Bool) {
        self.colour = colour
    }

    /// Takes in one event; failures and notes go above the block at once.
    func show(_ event: ProgressEvent, line: String) {
        state.withLock { state in
            guard !state.finished else { return Self.write(line) }
            state.board.record(event)
            state.changed = true
            if event.kind == .failed || event.kind == .note || event.instance == nil {
                Self.write(erase(&state) + line)
            }
            if state.ticker == nil, event.instance != nil { state.ticker = startTicker() }
        }
    }

    /// Draws the last frame and stops redrawing; the frame stays on screen.
    func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            state.ticker?.cancel()
            if state.changed || state.linesOnScreen > 0 { Self.write(redraw(&state)) }
        }
    }

    private func startTicker() -> Task<Void, Never> {
        Task.detached { [weak self] in
            var lastSecond = -1
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                guard let self else { return }
                // Elapsed times change once a second; other changes show within a tenth.
                let second = Int(Date().timeIntervalSince1970)
                self.state.withLock { state in
                    guard !state.finished, state.changed || second != lastSecond else { return }
                    Self.write(self.redraw(&state))
                }
                lastSecond = second
            }
        }
    }

    /// Moves the cursor to the top of the block and clears it.
    private func erase(_ state: inout State) -> String {
        defer { state.linesOnScreen = 0 }
        return state.linesOnScreen > 0 ? "\u{1B}[\(state.linesOnScreen)A\r\u{1B}[J" : ""
    }

    private func redraw(_ state: inout State) -> String {
        let lines = state.board.frame(now: Date(), width: Self.terminalWidth(), colour: colour)
        let text = erase(&state) + lines.map { $0 + "\n" }.joined()
        state.linesOnScreen = lines.count
        state.changed = false
        return text
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    private static func write(_ text: String) {
        guard !text.isEmpty else { return }
        StandardStream.error.write(text)
    }
}
