import Crypto
import Platform

/// An Ed25519 key pair in the encodings OpenSSH reads and writes: the public key line of
/// `authorized_keys`, the unencrypted `openssh-key-v1` private key file, and the SHA256
/// fingerprint as `ssh-keygen -l` prints it.
public struct SSHKeyPair: Sendable {
    // Raw bytes rather than swift-crypto's key type, which is not Sendable.
    private let seed: Data
    private let publicKey: Data

    /// A new key pair from the system's secure random source.
    public init() {
        let key = Curve25519.Signing.PrivateKey()
        seed = key.rawRepresentation
        publicKey = key.publicKey.rawRepresentation
    }

    /// Reads a private key file as `openSSHPrivateKey(comment:)` writes it (and as
    /// `ssh-keygen -t ed25519 -N ''` does).
    public init(openSSHPrivateKey text: String) throws(SSHKeyError) {
        let body = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        guard body.first == Self.pemBegin, body.last == Self.pemEnd, body.count > 2 else {
            throw .malformedPrivateKey("it does not start with '\(Self.pemBegin)' and end with '\(Self.pemEnd)'")
        }
        guard let data = Data(base64Encoded: body.dropFirst().dropLast().joined()) else {
            throw .malformedPrivateKey("its body is not base64")
        }
        var reader = SSHWireReader(data)
        guard try reader.readRaw(count: Self.magic.count).elementsEqual(Self.magic) else {
            throw .malformedPrivateKey("it does not start with 'openssh-key-v1'")
        }
        let cipher = try reader.readText(), kdf = try reader.readText()
        _ = try reader.readString()
        guard cipher == "none", kdf == "none" else {
            throw .malformedPrivateKey("it is encrypted (cipher '\(cipher)')")
        }
        guard try reader.readUInt32() == 1 else { throw .malformedPrivateKey("it holds more than one key") }
        let publicBlob = try reader.readString()
        var secret = SSHWireReader(try reader.readString())
        guard try secret.readUInt32() == secret.readUInt32() else {
            throw .malformedPrivateKey("its check numbers differ")
        }
        let type = try secret.readText()
        guard type == Self.keyType else { throw .malformedPrivateKey("it is a '\(type)' key, not '\(Self.keyType)'") }
        let storedPublicKey = try secret.readString()
        let secretKey = try secret.readString()
        guard storedPublicKey.count == 32, secretKey.count == 64 else {
            throw .malformedPrivateKey("its Ed25519 key has the wrong length")
        }
        // OpenSSH's 64-byte secret key is the 32-byte seed followed by the public key.
        let key: Curve25519.Signing.PrivateKey
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: secretKey.prefix(32))
        } catch {
            throw .malformedPrivateKey("its Ed25519 seed is unusable: \(error)")
        }
        seed = key.rawRepresentation
        publicKey = key.publicKey.rawRepresentation
        guard publicKey.elementsEqual(storedPublicKey), publicKey.elementsEqual(secretKey.suffix(32)),
              publicKeyBlob.elementsEqual(publicBlob) else {
            throw .malformedPrivateKey("its public key does not belong to its private key")
        }
    }

    /// The public key in the SSH wire encoding: `string "ssh-ed25519"`, `string key`.
    public var publicKeyBlob: Data {
        var writer = SSHWireWriter()
        writer.appendString(Self.keyType)
        writer.appendString(publicKey)
        return writer.data
    }

    /// `ssh-ed25519 AAAA… comment`, one line for `authorized_keys` (cloud-init's `ssh_authorized_keys`).
    public func publicKeyLine(comment: String) -> String {
        let line = "\(Self.keyType) \(publicKeyBlob.base64EncodedString())"
        return comment.isEmpty ? line : "\(line) \(comment)"
    }

    /// `SHA256:` and the unpadded base64 of the SHA-256 of the public key blob, as
    /// `ssh-keygen -l` and ssh's host key prompts print it.
    public var fingerprint: String {
        let digest = Data(SHA256.hash(data: publicKeyBlob)).base64EncodedString()
        return "SHA256:" + digest.replacing("=", with: "")  // "=" is only the padding at the end
    }

    /// The unencrypted private key file (`-----BEGIN OPENSSH PRIVATE KEY-----`, the
    /// `openssh-key-v1` format of OpenSSH's PROTOCOL.key), which `ssh -i` reads.
    public func openSSHPrivateKey(comment: String) -> String {
        var secret = SSHWireWriter()
        // The two equal check numbers tell a decrypting reader that the passphrase was right.
        let check = UInt32.random(in: .min ... .max)
        secret.appendUInt32(check)
        secret.appendUInt32(check)
        secret.appendString(Self.keyType)
        secret.appendString(publicKey)
        secret.appendString(seed + publicKey)
        secret.appendString(comment)
        // Padding 1, 2, 3, … to the cipher's block size, 8 for "none".
        let padding = (8 - secret.data.count % 8) % 8
        secret.appendRaw((0..<padding).map { UInt8($0 + 1) })

        var file = SSHWireWriter()
        file.appendRaw(Self.magic)
        file.appendString("none")
        file.appendString("none")
        file.appendString("")
        file.appendUInt32(1)
        file.appendString(publicKeyBlob)
        file.appendString(secret.data)
        // ssh-keygen wraps the base64 body at 70 columns.
        let base64 = Array(file.data.base64EncodedString())
        let lines = stride(from: 0, to: base64.count, by: 70).map { String(base64[$0..<min($0 + 70, base64.count)]) }
        return ([Self.pemBegin] + lines + [Self.pemEnd]).joined(separator: "\n") + "\n"
    }

    static let keyType = "ssh-ed25519"
    private static let magic = Array("openssh-key-v1".utf8) + [0]
    private static let pemBegin = "-----BEGIN OPENSSH PRIVATE KEY-----"
    private static let pemEnd = "-----END OPENSSH PRIVATE KEY-----"
}
