import Engine
import Foundation
import Testing
@testable import bluevirt

/// The frame of the live progress display, built from a sequence of events.
@Suite struct ProgressOutputTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func event(_ kind: ProgressEvent.Kind, _ step: String, at seconds: Double, message: String = "",
                      address: String? = nil) -> ProgressEvent {
        let instance = String(step.prefix { $0 != "/" })
        return ProgressEvent(time: start.addingTimeInterval(seconds), kind: kind, instance: instance, step: step, message: message,
                             address: address)
    }

    @Test func oneLinePerInstanceWithStateAndElapsedSeconds() {
        var board = ProgressBoard()
        for event in [
            Self.event(.started, "lan-1/create", at: 0), Self.event(.finished, "lan-1/create", at: 1),
            Self.event(.started, "web-1/create", at: 1), Self.event(.finished, "web-1/create", at: 2),
            Self.event(.started, "web-1/start", at: 2),
            Self.event(.started, "db-1/create", at: 1.5),
        ] { board.record(event) }
        let frame = board.frame(now: Self.start.addingTimeInterval(5.2), width: 120)
        #expect(frame == [
            "  lan-1  created   1s",
            "  web-1  starting  4s",
            "  db-1   creating  3s",
        ])
    }

    @Test func relationshipStepsKeepTheLifecycleStateAndFailuresShow() {
        var board = ProgressBoard()
        for event in [
            Self.event(.started, "web-1/start", at: 0), Self.event(.finished, "web-1/start", at: 3, address: "192.168.150.31"),
            Self.event(.started, "web-1/establish/target/0", at: 3), Self.event(.finished, "web-1/establish/target/0", at: 4),
            Self.event(.started, "db-1/configure", at: 0), Self.event(.failed, "db-1/configure", at: 2, message: "no such pool"),
        ] { board.record(event) }
        #expect(board.frame(now: Self.start.addingTimeInterval(60), width: 120) == [
            "  web-1  started 192.168.150.31  4s",
            "  db-1   failed                  2s",
        ])
        var running = board
        running.record(Self.event(.started, "web-1/establish/target/1", at: 5))
        #expect(running.frame(now: Self.start.addingTimeInterval(9), width: 120).first == "  web-1  establishing  9s")
    }

    @Test func linesAreCutToTheTerminalWidthAndColouredOnlyWhenAsked() {
        var board = ProgressBoard()
        board.record(Self.event(.started, "web-1/create", at: 0))
        #expect(board.frame(now: Self.start, width: 17) == ["  web-1  cr…  0s"])
        #expect(board.frame(now: Self.start, width: 120, colour: true) == ["  web-1  \u{1B}[33mcreating\u{1B}[0m  0s"])
        board.record(ProgressEvent(time: Self.start, kind: .note, message: "a note without an instance"))
        #expect(board.rows.map(\.instance) == ["web-1"])
    }
}
