import Platform
import _CryptoExtras

/// An RSA key pair in the encodings the utilities plugin's keys produce (Python cryptography's
/// `TraditionalOpenSSL` PEM private key and `OpenSSH` public key): a private key file
/// `ssh -i` reads, and the `ssh-rsa AAAA…` line of `authorized_keys`.
public struct RSAKeyPair: Sendable {
    /// `-----BEGIN RSA PRIVATE KEY-----` (PKCS #1), unencrypted.
    public let privateKeyPEM: String
    /// `ssh-rsa AAAA…`, without a comment.
    public let publicKeyLine: String

    /// The sizes made: cryptography refuses smaller keys too; larger ones take minutes to find.
    public static let sizes = 1024...8192

    /// A new key pair of `bits` bits from the system's secure random source.
    public init(bits: Int) throws {
        let size = _RSA.Signing.KeySize(bitCount: bits)
        let key = bits >= 2048 ? try _RSA.Signing.PrivateKey(keySize: size) : try _RSA.Signing.PrivateKey(unsafeKeySize: size)
        var pem = key.pemRepresentation
        if !pem.hasSuffix("\n") { pem += "\n" }
        privateKeyPEM = pem
        let primitives = try key.publicKey.getKeyPrimitives()
        var blob = SSHWireWriter()
        blob.appendString("ssh-rsa")
        blob.appendString(Self.mpint(primitives.publicExponent))
        blob.appendString(Self.mpint(primitives.modulus))
        publicKeyLine = "ssh-rsa " + blob.data.base64EncodedString()
    }

    /// An unsigned big-endian number as an SSH `mpint`: no leading zero bytes, except one
    /// that keeps a set high bit from reading as a sign.
    private static func mpint(_ bytes: Data) -> [UInt8] {
        var digits = Array(bytes.drop { $0 == 0 })
        if let first = digits.first, first & 0x80 != 0 { digits.insert(0, at: 0) }
        return digits
    }
}
