import Blueprint
import Engine
import Platform
import StateStore
import YAMLSource

/// Prints progress: with --json one JSON object per line on standard output; else on a
/// terminal a live block of one line per node instance (see `LiveProgressDisplay`), and
/// otherwise plain timestamped lines on standard error.
struct ProgressPrinter: Sendable {
    let json: Bool
    private let live: LiveProgressDisplay?
    /// Hides secret values in everything printed (the engine masks what it records; this
    /// also covers messages that never pass through it).
    var mask = SecretMask()

    init(json: Bool) {
        self.json = json
        live = json ? nil : LiveProgressDisplay.forStandardError()
    }

    @Sendable func print(_ event: ProgressEvent) {
        var event = event
        event.message = mask(event.message)
        if json {
            var object: [String: JSONValue] = [
                "event": .string(event.kind.rawValue), "time": .string(Self.isoTime(event.time)), "message": .string(event.message),
            ]
            if let instance = event.instance { object["instance"] = .string(instance) }
            if let step = event.step { object["step"] = .string(step) }
            if let host = event.host { object["host"] = .string(host) }
            if let level = event.level { object["level"] = .string(level) }
            StandardStream.output.write(JSONValue.object(object).jsonText() + "\n")
        } else {
            // Objects on this machine say nothing; those on other hosts name theirs.
            let host = event.host.map { $0 == "localhost" ? "" : " [\($0)]" } ?? ""
            let kind = event.kind.rawValue
            let line = "\(Self.isoTime(event.time)) \(kind)\(String(repeating: " ", count: max(0, 8 - kind.count))) \(TerminalText.escapingControls(event.message + host))\n"
            if let live { live.show(event, line: line) } else { StandardStream.error.write(line) }
        }
    }

    /// The closing result: a summary and the outputs.
    func finish(_ report: RunReport) {
        live?.finish()
        var report = report
        report.outputs = report.outputs.map { mask($0) }
        report.failures = report.failures.map { failure in failure.mappingMessage { mask($0) } }
        if json {
            var object: [String: JSONValue] = [
                "event": .string("result"), "deployment": .string(report.deployment), "result": .string(report.result.rawValue),
                "ran": .integer(Int64(report.ran)), "skipped": .integer(Int64(report.skipped)),
                "failures": .array(report.failures.map { .object(["instance": $0.instance.map(JSONValue.string) ?? .null, "step": $0.step.map(JSONValue.string) ?? .null,
                                                                   "object": $0.object.map(JSONValue.string) ?? .null, "message": .string($0.message)]) }),
            ]
            if let outputs = report.outputs { object["outputs"] = outputs }
            if !report.outputProblems.isEmpty { object["output_problems"] = .array(report.outputProblems.map { .string(mask($0)) }) }
            if let workflow = report.workflow { object["workflow"] = .string(workflow) }
            StandardStream.output.write(JSONValue.object(object).jsonText() + "\n")
            return
        }
        let summary = switch report.result {
        case .applied: "deployment '\(report.deployment)' applied: \(report.ran) operation\(report.ran == 1 ? "" : "s") run, \(report.skipped) already done"
        case .unchanged: "deployment '\(report.deployment)' is unchanged: nothing to do"
        case .destroyed: "deployment '\(report.deployment)' destroyed: \(report.ran) operation\(report.ran == 1 ? "" : "s") run, \(report.skipped) already done"
        case .completed: "workflow '\(report.workflow ?? "")' of deployment '\(report.deployment)' completed: \(report.ran) operation\(report.ran == 1 ? "" : "s") run"
        case .failed where report.workflow != nil:
            "workflow '\(report.workflow ?? "")' of deployment '\(report.deployment)' failed after \(report.ran) operation\(report.ran == 1 ? "" : "s"); bluevirt history -d \(report.deployment) shows its steps"
                + (report.resumedBy.map { ", \($0) resumes it" } ?? "")
        case .failed: "deployment '\(report.deployment)' failed after \(report.ran) operation\(report.ran == 1 ? "" : "s"); run the same command again to resume"
        case .interrupted: "deployment '\(report.deployment)' stopped after \(report.ran) operation\(report.ran == 1 ? "" : "s"); "
            + (report.resumedBy.map { "\($0) resumes it" } ?? "run the same command again to resume")
        }
        var text = ""
        for failure in report.failures { text += "error: \(TerminalText.escapingControls("\(failure)"))\n" }
        for problem in report.outputProblems { text += "error: \(TerminalText.escapingControls(mask(problem)))\n" }
        if !text.isEmpty { StandardStream.error.write(text) }
        Swift.print(summary)
        if let outputs = report.outputs { Swift.print(Self.outputsText(outputs), terminator: "") }
    }

    /// Reports a problem that stops the command before anything ran, and exits 1.
    func fail(_ message: String) -> Never {
        live?.finish()
        let message = mask(message)
        if json {
            StandardStream.output.write(JSONValue.object(["event": .string("error"), "message": .string(message)]).jsonText() + "\n")
        } else {
            StandardStream.error.write("error: \(TerminalText.escapingControls(message))\n")
        }
        Glibc.exit(ExitStatus.invalid.rawValue)
    }

    /// Outputs as `name: value` lines, strings without quotes; a string of several lines (a
    /// cloud-config) as an indented block under `name: |`, as YAML writes it. Other control
    /// characters a value holds are shown escaped, never sent to the terminal.
    static func outputsText(_ outputs: JSONValue) -> String {
        guard case .object(let entries) = outputs, !entries.isEmpty else { return "" }
        var text = "outputs:\n"
        for key in entries.keys.sorted() {
            let name = TerminalText.escapingControls(key, keepingLineBreaks: false)
            let value = entries[key]!
            if case .string(let string) = value, string.utf8.contains(UInt8(ascii: "\n")) {
                let lines = (string.hasSuffix("\n") ? string.dropLast() : string[...]).split(separator: "\n", omittingEmptySubsequences: false)
                text += "  \(name): |\n" + lines.map { "    \(TerminalText.escapingControls(String($0), keepingLineBreaks: false))\n" }.joined()
                continue
            }
            let shown = if case .string(let string) = value { string } else { value.jsonText() }
            text += "  \(name): \(TerminalText.escapingControls(shown, keepingLineBreaks: false))\n"
        }
        return text
    }

    /// `2026-12-03T11:57:05.855Z`. Written by hand: Foundation's ISO 8601 format style was the
    /// larger part of printing a progress line, and apply prints four per domain.
    static func isoTime(_ date: Date) -> String {
        let since = date.timeIntervalSince1970
        var seconds = time_t(since.rounded(.down))
        let milliseconds = min(999, Int((since - Double(seconds)) * 1000))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        var text: [UInt8] = []
        text.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(Int(fields.tm_year) + 1900, 4)
        text.append(UInt8(ascii: "-"))
        digits(Int(fields.tm_mon) + 1, 2)
        text.append(UInt8(ascii: "-"))
        digits(Int(fields.tm_mday), 2)
        text.append(UInt8(ascii: "T"))
        digits(Int(fields.tm_hour), 2)
        text.append(UInt8(ascii: ":"))
        digits(Int(fields.tm_min), 2)
        text.append(UInt8(ascii: ":"))
        digits(Int(fields.tm_sec), 2)
        text.append(UInt8(ascii: "."))
        digits(milliseconds, 3)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }
}
