import StateStore

/// Reading the remote operations' inputs (lists of texts, optional lists).
enum RemoteInputs {
    /// The texts of a list value; nil when it is not a list of texts.
    static func texts(_ value: JSONValue?) -> [String]? {
        guard case .array(let items)? = value else { return nil }
        let texts = items.compactMap { item -> String? in
            if case .string(let text) = item { return text }
            return nil
        }
        return texts.count == items.count ? texts : nil
    }

    /// True for a missing value, null or an empty list.
    static func isEmptyList(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: true
        case .array(let items)?: items.isEmpty
        default: false
        }
    }
}
