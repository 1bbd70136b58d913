import StateStore
import Synchronization

/// The domain documents configure defined during one run, with the params each was rendered
/// from. start makes the document again from the params as they are then (a resumed run must
/// start the domain as the blueprint says now); when they are the params configure used in this
/// same run, the document is the one libvirt holds already, and neither rendering nor defining
/// it again would change anything.
///
/// It also carries the document each start left defined to the commit that records the start
/// as finished (``started(_:of:)``, ``takeStarted(_:)``): one commit per step, not two.
final class DefinedDocuments: Sendable {
    private let documents = Mutex<[String: (params: [String: JSONValue], xml: String)]>([:])
    private let startedDocuments = Mutex<[String: String]>([:])

    func keep(_ xml: String, params: [String: JSONValue], of instance: String) {
        documents.withLock { $0[instance] = (params, xml) }
    }

    /// The document configure defined for `instance` from exactly `params`; nil otherwise.
    func document(of instance: String, params: [String: JSONValue]) -> String? {
        documents.withLock { documents in
            guard let kept = documents[instance], kept.params == params else { return nil }
            return kept.xml
        }
    }

    /// `instance`'s start finished with its domain defined by `xml`.
    func started(_ xml: String, of instance: String) {
        startedDocuments.withLock { $0[instance] = xml }
    }

    /// The document `instance`'s start left defined, once (nil when it recorded none).
    func takeStarted(_ instance: String) -> String? {
        startedDocuments.withLock { $0.removeValue(forKey: instance) }
    }
}
