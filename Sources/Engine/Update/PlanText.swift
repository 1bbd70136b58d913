import Diagnostics
import Platform
import StateStore

/// How `bluevirt plan` prints the changes: one line per instance with its sign (`+ create`,
/// `- delete`, `~ redefine`, `-/+ replace`, `~ relink`, `~ install`), why, what drifted, the document's
/// difference indented below, and a summary line. `json` is the `--json` form.
extension DeploymentChanges {
    public func text(showDiffs: Bool = true) -> String {
        var lines: [String] = []
        let width = changes.map(\.instance.count).max() ?? 0
        for change in changes {
            let sign = switch change.action {
            case .create: "+ create  "
            case .delete: "- delete  "
            case .redefine: "~ redefine"
            case .replace: "-/+ replace"
            case .relink: "~ relink  "
            case .install: "~ install "
            }
            var line = "  \(sign) \(change.instance.padded(toLength: width))"
            if let kind = change.kind, let object = change.objectName { line += "  \(kind) \(object)" }
            var notes = change.reasons
            if change.restarts { notes.append("restarts: it runs") }
            if change.losesData { notes.append(change.action == .replace ? "its contents are lost: needs --allow-replace" : "its contents are lost") }
            if !notes.isEmpty { line += "  (\(notes.joined(separator: "; ")))" }
            lines.append(line)
            for target in change.establishes { lines.append("      + relationship to \(target)") }
            for target in change.unlinks { lines.append("      - relationship to \(target)") }
            for field in change.drift { lines.append("      drift: \(field)") }
            if let refusal = change.refusal { lines.append("      refused: \(refusal)") }
            if showDiffs, !change.documentDiff.isEmpty {
                lines += change.documentDiff.split(separator: "\n", omittingEmptySubsequences: false).map { "      \($0)" }
            }
        }
        for (entity, count) in scaledCounts.sorted(by: { $0.key < $1.key }) {
            lines.append("  scaled: '\(entity)' has \(count) instances (a scale set it; the blueprint declares another count)")
        }
        for entity in droppedScales {
            lines.append("  scale dropped: the blueprint now declares another count for '\(entity)', which wins")
        }
        for (instance, drift) in otherDrift.sorted(by: { $0.key < $1.key }) {
            lines.append("  drift not repaired by apply: \(instance): \(drift)")
        }
        lines += record.lines
        if changesNothing {
            lines.append("No changes: deployment '\(deployment)' matches the blueprint.")
        } else if changes.isEmpty {
            lines.append("No object changes: apply records the new \(record.changedNames) without running an operation.")
        }
        lines.append("Plan: \(summary).")
        return lines.joined(separator: "\n")
    }

    public var json: JSONValue {
        .object([
            "deployment": .string(deployment),
            "changes": .array(changes.map { change in
                .object([
                    "instance": .string(change.instance), "node": .string(change.node),
                    "kind": change.kind.map(JSONValue.string) ?? .null, "object": change.objectName.map(JSONValue.string) ?? .null,
                    "action": .string(change.action.rawValue), "restarts": .bool(change.restarts),
                    "reasons": .array(change.reasons.map(JSONValue.string)), "drift": .array(change.drift.map(JSONValue.string)),
                    "establishes": .array(change.establishes.map(JSONValue.string)), "unlinks": .array(change.unlinks.map(JSONValue.string)),
                    "loses_data": .bool(change.losesData), "refused": change.refusal.map(JSONValue.string) ?? .null,
                    "diff": change.documentDiff.isEmpty ? .null : .string(change.documentDiff),
                ])
            }),
            "unchanged": .array(unchanged.map(JSONValue.string)),
            "scaled_counts": .object(scaledCounts.mapValues { .integer(Int64($0)) }),
            "other_drift": .object(otherDrift.mapValues(JSONValue.string)),
            "outputs": .array(record.outputs.map { .object(["name": .string($0.name), "old": $0.old ?? .null, "new": $0.new ?? .null]) }),
            "inputs_changed": .bool(record.inputsChanged),
            "inputs": .array(record.inputs.map { input in
                .object(["name": .string(input.name), "hidden": .bool(input.hidden),
                         "old": input.hidden ? .null : input.applied ?? .null, "old_is_default": .bool(input.appliedIsDefault),
                         "new": input.hidden ? .null : input.given ?? .null, "new_is_default": .bool(input.givenIsDefault)])
            }),
            "blueprint_path": record.blueprintPath.map(JSONValue.string) ?? .null,
            "summary": .object([
                "create": .integer(Int64(count(.create))), "delete": .integer(Int64(count(.delete))),
                "redefine": .integer(Int64(count(.redefine))), "replace": .integer(Int64(count(.replace))),
                "relink": .integer(Int64(count(.relink))), "install": .integer(Int64(count(.install))), "restart": .integer(Int64(changes.filter(\.restarts).count)),
                "unchanged": .integer(Int64(unchanged.count)), "outputs": .integer(Int64(record.outputs.count)),
            ]),
        ])
    }
}

extension DeploymentRecordChanges {
    /// `  ~ output url: http://a → http://b`, `  + output id: 3`, `  - output old (was 2)`,
    /// `  ~ input memory: 524288 → 1048576`, `  + input count: its default → 3`,
    /// `  - input count: 3 → 1 (its default)`, `  ~ blueprint file: NEW (was OLD)`; values on one
    /// line, control characters escaped.
    var lines: [String] {
        func onOneLine(_ text: String) -> String { TerminalText.bounded(TerminalText.escapingControls(text, keepingLineBreaks: false)) }
        func shown(_ value: JSONValue) -> String {
            let text = if case .string(let string) = value { string } else { value.jsonText() }
            return onOneLine(text)
        }
        var lines: [String] = []
        for output in outputs {
            switch (output.old, output.new) {
            case (let old?, let new?): lines.append("  ~ output \(output.name): \(shown(old)) → \(shown(new))")
            case (nil, let new?): lines.append("  + output \(output.name): \(shown(new))")
            case (let old?, nil): lines.append("  - output \(output.name) (was \(shown(old)))")
            case (nil, nil): break
            }
        }
        for input in inputs {
            guard !input.hidden else {
                lines.append("  ~ input \(input.name): given otherwise than at the last apply (\(InputChange.hiddenNote))")
                continue
            }
            let sign = input.appliedIsDefault ? "+" : input.given == nil || input.givenIsDefault ? "-" : "~"
            lines.append("  \(sign) input \(input.name): \(onOneLine(input.appliedText)) → \(onOneLine(input.givenText))")
        }
        if inputsChanged, inputs.isEmpty {
            lines.append("  ~ inputs: given otherwise than at the last apply (an older bluevirt applied the deployment and kept no values to compare)")
        }
        if let blueprintPath { lines.append("  ~ blueprint file: \(blueprintPath) (was \(recordedBlueprintPath ?? "none"))") }
        return lines
    }

    /// `outputs`, `outputs and inputs`, `outputs, inputs and blueprint file`.
    var changedNames: String {
        let names = [(!outputs.isEmpty, "outputs"), (inputsChanged, "inputs"), (blueprintPath != nil, "blueprint file")].filter(\.0).map(\.1)
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
