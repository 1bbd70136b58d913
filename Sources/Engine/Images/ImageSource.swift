import Platform

/// Where an image comes from (a volume's `params.url`) and, optionally, the SHA-256 its bytes
/// must have.
public struct ImageSource: Sendable, Hashable {
    /// An http, https or file URL, as written in the blueprint.
    public let url: String
    /// 64 lowercase hex digits, or nil when the blueprint gives no checksum.
    public let sha256: String?

    /// Checks `url` (http, https or file; a file URL names an absolute path on this host) and
    /// `sha256` (64 hex digits, either case; stored lowercase).
    public init(url: String, sha256: String? = nil) throws(ImageSourceError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased() else {
            throw .notAURL(url: url)
        }
        switch scheme {
        case "http", "https":
            guard let host = parsed.host, !host.isEmpty else { throw .missingHost(url: url) }
        case "file":
            if let host = parsed.host, !host.isEmpty, host != "localhost" {
                throw .remoteFileURL(url: url, host: host)
            }
            guard parsed.path.hasPrefix("/") else { throw .notAURL(url: url) }
        default:
            throw .unsupportedScheme(url: url, scheme: scheme)
        }
        if let sha256 {
            let lowercased = sha256.lowercased()
            guard lowercased.utf8.count == 64, lowercased.utf8.allSatisfy(Self.isHexDigit) else {
                throw .badSHA256(url: url, value: sha256)
            }
            self.sha256 = lowercased
        } else {
            self.sha256 = nil
        }
        self.url = url
    }

    /// The parsed URL; valid by construction.
    var parsedURL: URL { URL(string: url)! }

    /// A file on this host, read in place rather than downloaded.
    var isLocalFile: Bool { parsedURL.scheme?.lowercased() == "file" }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

/// Why an image's url or sha256 was rejected.
public enum ImageSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAURL(url: String)
    case missingHost(url: String)
    case unsupportedScheme(url: String, scheme: String)
    case remoteFileURL(url: String, host: String)
    case badSHA256(url: String, value: String)

    public var description: String {
        switch self {
        case .notAURL(let url):
            return "image url '\(url)' is not a URL; write http://HOST/PATH, https://HOST/PATH or file:///ABSOLUTE/PATH"
        case .missingHost(let url):
            return "image url '\(url)' names no host; write http://HOST/PATH or https://HOST/PATH"
        case .unsupportedScheme(let url, let scheme):
            return "image url '\(url)' uses '\(scheme)'; bluevirt fetches images from http, https and file URLs only"
        case .remoteFileURL(let url, let host):
            return "image url '\(url)' names host '\(host)'; a file URL must name a file on this host: file:///ABSOLUTE/PATH"
        case .badSHA256(let url, let value):
            return "sha256 '\(value)' of image '\(url)' is not 64 hex digits; give the image's SHA-256 as printed by sha256sum"
        }
    }
}
