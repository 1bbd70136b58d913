import Testing
@testable import Engine

@Suite struct ImageSourceTests {
    @Test func httpHttpsAndFileURLsAreAccepted() throws {
        #expect(try ImageSource(url: "http://127.0.0.1:8080/base.qcow2").isLocalFile == false)
        #expect(try ImageSource(url: "https://cloud.debian.org/images/debian-12.qcow2").sha256 == nil)
        #expect(try ImageSource(url: "file:///var/lib/images/base.qcow2").isLocalFile)
        #expect(try ImageSource(url: "file://localhost/var/lib/images/base.qcow2").isLocalFile)
    }

    @Test func aChecksumIsStoredLowercase() throws {
        let upper = String(repeating: "AB12", count: 16)
        #expect(try ImageSource(url: "http://host/x", sha256: upper).sha256 == upper.lowercased())
    }

    @Test(arguments: [
        ("ftp://host/base.qcow2", ImageSourceError.unsupportedScheme(url: "ftp://host/base.qcow2", scheme: "ftp"),
         "image url 'ftp://host/base.qcow2' uses 'ftp'; bluevirt fetches images from http, https and file URLs only"),
        ("/var/lib/base.qcow2", .notAURL(url: "/var/lib/base.qcow2"),
         "image url '/var/lib/base.qcow2' is not a URL; write http://HOST/PATH, https://HOST/PATH or file:///ABSOLUTE/PATH"),
        ("http:///base.qcow2", .missingHost(url: "http:///base.qcow2"),
         "image url 'http:///base.qcow2' names no host; write http://HOST/PATH or https://HOST/PATH"),
        ("file://server/base.qcow2", .remoteFileURL(url: "file://server/base.qcow2", host: "server"),
         "image url 'file://server/base.qcow2' names host 'server'; a file URL must name a file on this host: file:///ABSOLUTE/PATH"),
    ])
    func otherURLsAreRejectedWithAMessageThatSaysWhatToWrite(url: String, expected: ImageSourceError, message: String) {
        #expect(throws: expected) { _ = try ImageSource(url: url) }
        #expect(expected.description == message)
    }

    @Test(arguments: ["abc", String(repeating: "g", count: 64), String(repeating: "a", count: 65), "sha256:" + String(repeating: "a", count: 64)])
    func aChecksumMustBe64HexDigits(value: String) {
        #expect(throws: ImageSourceError.badSHA256(url: "http://host/x", value: value)) {
            _ = try ImageSource(url: "http://host/x", sha256: value)
        }
        #expect(ImageSourceError.badSHA256(url: "http://host/x", value: value).description
            == "sha256 '\(value)' of image 'http://host/x' is not 64 hex digits; give the image's SHA-256 as printed by sha256sum")
    }
}
