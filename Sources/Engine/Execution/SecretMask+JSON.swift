import Blueprint
import StateStore

extension SecretMask {
    /// `json` with every string in it masked (keys too): outputs as they are kept and shown.
    public func callAsFunction(_ json: JSONValue) -> JSONValue {
        guard !isEmpty else { return json }
        switch json {
        case .string(let text): return .string(self(text))
        case .array(let items): return .array(items.map { self($0) })
        case .object(let object): return .object(Dictionary(object.map { (self($0.key), self($0.value)) }, uniquingKeysWith: { _, last in last }))
        case .null, .bool, .integer, .number: return json
        }
    }
}
