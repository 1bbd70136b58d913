import StateStore

/// An input bound otherwise than at the deployment's last apply: a note of `run`'s refusal
/// (BV0879) and a line of `plan`. Both show it alike: values as JSON, a default said to be one,
/// an input the blueprint declares `hidden` with neither value; a secret's value is masked where
/// it is printed (the run's `SecretMask`), as every value of theirs is.
public struct InputChange: Sendable, Hashable {
    public var name: String
    /// The value at the last apply; nil with `appliedIsDefault` when the state kept no value (an
    /// input left to its default is not recorded).
    public var applied: JSONValue?
    public var appliedIsDefault: Bool
    /// The value now; nil when the blueprint no longer declares the input.
    public var given: JSONValue?
    public var givenIsDefault: Bool
    /// Declared `hidden`: neither value is shown.
    public var hidden: Bool

    public init(name: String, applied: JSONValue?, appliedIsDefault: Bool, given: JSONValue?, givenIsDefault: Bool, hidden: Bool) {
        self.name = name
        self.applied = applied
        self.appliedIsDefault = appliedIsDefault
        self.given = given
        self.givenIsDefault = givenIsDefault
        self.hidden = hidden
    }

    /// The changes from the inputs `recorded` at the last apply to those given now
    /// (`provided`, as apply records them), which bind to `values` in a blueprint that declares
    /// `declared` (name → hidden): each input given then or now whose value differs, by name.
    static func between(recorded: [String: JSONValue], provided: [String: JSONValue], values: [String: JSONValue],
                        declared: [String: Bool]) -> [InputChange] {
        Set(recorded.keys).union(provided.keys).sorted().compactMap { name in
            guard recorded[name] != provided[name] else { return nil }
            return InputChange(name: name, applied: recorded[name], appliedIsDefault: recorded[name] == nil,
                               given: provided[name] ?? values[name], givenIsDefault: provided[name] == nil && declared[name] != nil,
                               hidden: declared[name] ?? false)
        }
    }

    /// Why a hidden input's values are not shown.
    static let hiddenNote = "the blueprint declares it hidden: neither is shown"

    /// The value at the last apply as shown: `524288`, `1 (its default)`, `its default`.
    var appliedText: String { Self.shown(applied, isDefault: appliedIsDefault) }
    /// The value now as shown; `no longer declared` for an input the blueprint dropped.
    var givenText: String { given == nil && !givenIsDefault ? "no longer declared" : Self.shown(given, isDefault: givenIsDefault) }

    private static func shown(_ value: JSONValue?, isDefault: Bool) -> String {
        switch (value, isDefault) {
        case (let value?, false): value.jsonText()
        case (let value?, true): value.jsonText() + " (its default)"
        case (nil, true): "its default"
        case (nil, false): "no value"
        }
    }
}
