import CLibvirt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libvirt's auth callback (`virConnectOpenAuth`): answers the credential requests of a remote
/// transport (ssh key passphrase or password over libssh/libssh2, SASL user name and password)
/// from ``ConnectionCredentials``. A request it cannot answer fails the open with libvirt's
/// own "authentication failed" rather than prompting: bluevirt never reads a terminal here.
enum ConnectionAuth {
    /// The kinds of request answered; libvirt asks only for kinds listed here.
    private static let answered: [Int32] = [Int32(VIR_CRED_AUTHNAME.rawValue), Int32(VIR_CRED_PASSPHRASE.rawValue)]

    /// Calls `body` with a `virConnectAuth` that answers from `credentials`; the structure and
    /// the credentials live only for the call.
    static func withAuth<Result>(_ credentials: ConnectionCredentials, _ body: (UnsafeMutablePointer<virConnectAuth>) -> Result) -> Result {
        let box = Unmanaged.passRetained(CredentialBox(credentials))
        defer { box.release() }
        var types = answered
        return types.withUnsafeMutableBufferPointer { typeBuffer in
            var auth = virConnectAuth(
                credtype: typeBuffer.baseAddress, ncredtype: UInt32(typeBuffer.count),
                cb: { credentials, count, data in
                    guard let credentials, let data else { return -1 }
                    let given = Unmanaged<CredentialBox>.fromOpaque(data).takeUnretainedValue().credentials
                    for index in 0..<Int(count) {
                        let answer: String? = switch UInt32(bitPattern: credentials[index].type) {
                        case VIR_CRED_AUTHNAME.rawValue: given.username
                        case VIR_CRED_PASSPHRASE.rawValue: given.passphrase
                        default: nil
                        }
                        guard let answer else { return -1 }
                        // libvirt frees the result with free(): strdup allocates with malloc.
                        credentials[index].result = strdup(answer)
                        credentials[index].resultlen = UInt32(answer.utf8.count)
                    }
                    return 0
                },
                cbdata: box.toOpaque())
            return withUnsafeMutablePointer(to: &auth) { body($0) }
        }
    }

    /// Holds the credentials behind the callback's untyped data pointer.
    private final class CredentialBox {
        let credentials: ConnectionCredentials
        init(_ credentials: ConnectionCredentials) { self.credentials = credentials }
    }
}
