import Foundation
import Testing
@testable import Engine

/// The image cache against a real HTTP server on 127.0.0.1 (started and stopped by each test).
/// Expected digests come from `sha256sum`, independently of the cache's own hashing.
@Suite struct ImageCacheTests {
    let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-images-cache-\(UUID().uuidString.prefix(8))")

    private func removeCache() { try? FileManager.default.removeItem(at: cacheDirectory) }

    private func cacheContents() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory.path)) ?? []).sorted()
    }

    @Test func anImageIsDownloadedVerifiedAndStoredUnderTheHashOfItsURL() async throws {
        defer { removeCache() }
        try await ImageTestServer.with { server in
            let image = patternedImage(count: 3 * 1024 * 1024 + 17)
            try server.serve("base.qcow2", image)
            let source = try ImageSource(url: server.url("/files/base.qcow2"), sha256: try sha256sum(image))
            let cache = ImageCache(directory: cacheDirectory)
            let progress = ImageProgressLog()

            let file = try await cache.file(for: source, progress: progress.record)

            #expect(file == cache.cachedFileURL(forURL: source.url))
            #expect(try Data(contentsOf: file) == Data(image))
            #expect(cacheContents() == [file.lastPathComponent])
            #expect(file.lastPathComponent.count == 64)
            let total = UInt64(image.count)
            #expect(progress.recorded.first?.received == 0)
            #expect(progress.recorded.last.map { $0.received == total && $0.total == total } == true)
            #expect(progress.recorded.map(\.received) == progress.recorded.map(\.received).sorted())
            #expect(server.requests == ["/files/base.qcow2"])
        }
    }

    @Test func tenConcurrentRequestsAndLaterOnesShareOneDownload() async throws {
        defer { removeCache() }
        try await ImageTestServer.with { server in
            let image = patternedImage(count: 2 * 1024 * 1024)
            try server.serve("shared.img", image)
            let source = try ImageSource(url: server.url("/files/shared.img"), sha256: try sha256sum(image))
            let cache = ImageCache(directory: cacheDirectory)
            let progressLogs = (0..<10).map { _ in ImageProgressLog() }

            let files = try await withThrowingTaskGroup(of: URL.self) { group in
                for log in progressLogs {
                    group.addTask { try await cache.file(for: source, progress: log.record) }
                }
                return try await group.reduce(into: [URL]()) { $0.append($1) }
            }
            #expect(Set(files).count == 1)
            #expect(files.count == 10)
            #expect(server.requests == ["/files/shared.img"])
            // Every caller saw the download finish, whenever it joined.
            for log in progressLogs {
                #expect(log.recorded.last.map { $0.received == UInt64(image.count) } == true)
            }

            // Later: the same cache, and a new one on the same directory (as a new process
            // would), reuse the file; the new one verifies it without asking the server.
            #expect(try await cache.file(for: source) == files[0])
            let verifying = ImageProgressLog()
            #expect(try await ImageCache(directory: cacheDirectory).file(for: source, progress: verifying.record) == files[0])
            #expect(verifying.recorded.last.map { $0.received == UInt64(image.count) } == true)
            #expect(server.requests == ["/files/shared.img"])
        }
    }

    @Test func aSHA256MismatchNamesBothDigestsAndTheURLAndKeepsNothing() async throws {
        defer { removeCache() }
        try await ImageTestServer.with { server in
            let image = patternedImage(count: 100_000)
            try server.serve("tampered.img", image)
            let expected = String(repeating: "ab", count: 32)
            let source = try ImageSource(url: server.url("/files/tampered.img"), sha256: expected)
            let error = await #expect(throws: ImageCacheError.self) {
                _ = try await ImageCache(directory: cacheDirectory).file(for: source)
            }
            let actual = try sha256sum(image)
            #expect(error == .sha256Mismatch(url: source.url, expected: expected, actual: actual))
            #expect(error?.description == "image \(source.url) has SHA-256 \(actual), but the blueprint expects \(expected); check the url and the sha256")
            #expect(cacheContents().isEmpty)
        }
    }

    @Test func aCachedFileWithAnotherChecksumIsFetchedAgain() async throws {
        defer { removeCache() }
        try await ImageTestServer.with { server in
            let old = patternedImage(count: 50_000, seed: 3)
            let new = patternedImage(count: 60_000, seed: 5)
            try server.serve("rolling.img", old)
            let url = server.url("/files/rolling.img")
            _ = try await ImageCache(directory: cacheDirectory).file(for: try ImageSource(url: url))
            try server.serve("rolling.img", new)

            let file = try await ImageCache(directory: cacheDirectory)
                .file(for: try ImageSource(url: url, sha256: try sha256sum(new)))
            #expect(try Data(contentsOf: file) == Data(new))
            #expect(server.requests == ["/files/rolling.img", "/files/rolling.img"])
        }
    }

    @Test func aMissingImageIsAnHTTPStatusErrorWithTheURL() async throws {
        defer { removeCache() }
        try await ImageTestServer.with { server in
            let source = try ImageSource(url: server.url("/files/absent.qcow2"))
            let error = await #expect(throws: ImageCacheError.self) {
                _ = try await ImageCache(directory: cacheDirectory).file(for: source)
            }
            #expect(error == .httpStatus(url: source.url, status: 404))
            #expect(error?.description == "downloading image \(source.url) failed: the server answered HTTP 404; check the URL")
            #expect(cacheContents().isEmpty)
        }
    }

    @Test func aRefusedConnectionNamesTheURLAndWhatToCheck() async throws {
        defer { removeCache() }
        let source = try ImageSource(url: "http://127.0.0.1:\(try closedLoopbackPort())/base.qcow2")
        let error = await #expect(throws: ImageCacheError.self) {
            _ = try await ImageCache(directory: cacheDirectory).file(for: source)
        }
        #expect(error == .connectionRefused(url: source.url))
        #expect(error?.description.contains("check that the server is running") == true)
    }

    /// The server announces the whole image, sends half and closes: the half is never taken for
    /// the image, and the next request downloads again.
    @Test func aCutOffDownloadIsNeverUsed() async throws {
        defer { removeCache() }
        try await ImageTestServer.with { server in
            let image = patternedImage(count: 1_000_000)
            try server.serve("flaky.img", image)
            let source = try ImageSource(url: server.url("/truncated/flaky.img"))
            let cache = ImageCache(directory: cacheDirectory)
            for attempt in 1...2 {
                let error = await #expect(throws: ImageCacheError.self) { _ = try await cache.file(for: source) }
                #expect(error == .incomplete(url: source.url, received: 500_000, expected: 1_000_000))
                #expect(cacheContents().isEmpty)
                #expect(server.requests.count == attempt)
            }
        }
    }

    /// The server announces the whole image, sends half and then nothing for 60 s: the download
    /// fails as stalled once nothing has arrived for the stall limit (1 s here, 120 s by default;
    /// libcurl's speed window adds a few seconds), not as cut off when the server gives up.
    @Test func aStalledDownloadFailsAfterTheStallLimit() async throws {
        defer { removeCache() }
        try await ImageTestServer.with { server in
            try server.serve("stuck.img", patternedImage(count: 1_000_000))
            let source = try ImageSource(url: server.url("/stalled/stuck.img"))
            let error = await #expect(throws: ImageCacheError.self) {
                _ = try await ImageCache(directory: cacheDirectory, stallSeconds: 1).file(for: source)
            }
            #expect(error == .stalled(url: source.url, seconds: 1, received: 500_000))
            #expect(error?.description.contains("nothing arrived for 1 s (after 500000 bytes)") == true)
            #expect(cacheContents().isEmpty)
        }
    }

    @Test func aLeftoverPartialFileIsReplacedNotUsed() async throws {
        defer { removeCache() }
        try await ImageTestServer.with { server in
            let image = patternedImage(count: 200_000)
            try server.serve("resumed.img", image)
            let source = try ImageSource(url: server.url("/files/resumed.img"))
            let cache = ImageCache(directory: cacheDirectory)
            let cached = cache.cachedFileURL(forURL: source.url)
            try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
            // What an interrupted earlier run left: longer than the image and wrong.
            try Data(repeating: 0xEE, count: 300_000).write(to: cached.appendingPathExtension("partial"))

            let file = try await cache.file(for: source)
            #expect(try Data(contentsOf: file) == Data(image))
            #expect(cacheContents() == [cached.lastPathComponent])
        }
    }

    @Test func aFileImageIsUsedInPlaceAndVerified() async throws {
        defer { removeCache() }
        let image = patternedImage(count: 300_000)
        let local = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-images-local-\(UUID().uuidString.prefix(8)).img")
        try Data(image).write(to: local)
        defer { try? FileManager.default.removeItem(at: local) }
        let cache = ImageCache(directory: cacheDirectory)

        let verified = try ImageSource(url: local.absoluteString, sha256: try sha256sum(image).uppercased())
        #expect(try await cache.file(for: verified).path == local.path)
        #expect(try await cache.file(for: try ImageSource(url: local.absoluteString)).path == local.path)
        #expect(cacheContents().isEmpty)

        let wrong = try ImageSource(url: local.absoluteString, sha256: String(repeating: "0", count: 64))
        let mismatch = await #expect(throws: ImageCacheError.self) { _ = try await cache.file(for: wrong) }
        #expect(mismatch == .sha256Mismatch(url: local.absoluteString, expected: wrong.sha256!, actual: try sha256sum(image)))

        let missing = try ImageSource(url: "file:///nonexistent/bluevirt/base.qcow2")
        let unreadable = await #expect(throws: ImageCacheError.self) { _ = try await cache.file(for: missing) }
        #expect(unreadable == .unreadable(url: missing.url, path: "/nonexistent/bluevirt/base.qcow2", message: "no such file"))
        #expect(unreadable?.description.hasSuffix("a file:// url names a file on the host bluevirt runs on: give the path of one it can read") == true,
                "\(unreadable.map(String.init(describing:)) ?? "")")
    }

    /// A cache folder that cannot be made said only the system's reason.
    @Test func aCacheFolderThatCannotBeMadeSaysWhatToDo() async throws {
        let cache = ImageCache(directory: URL(fileURLWithPath: "/dev/null/images"))
        let source = try ImageSource(url: "http://127.0.0.1:\(try closedLoopbackPort())/base.qcow2")
        let failure = await #expect(throws: ImageCacheError.self) { _ = try await cache.file(for: source) }
        guard case .writeFailed? = failure else { Issue.record("not writeFailed: \(String(describing: failure))"); return }
        #expect(failure?.description.hasSuffix("make that folder of the state directory writable, or give another with --state-dir DIR") == true,
                "\(failure.map(String.init(describing:)) ?? "")")
    }

    /// /dev/full fails every write with ENOSPC, as a full cache directory would.
    @Test func aFullDiskIsReportedAsSuch() throws {
        let file = try PartialImageFile(path: "/dev/full", url: "http://127.0.0.1/base.qcow2")
        #expect(throws: ImageCacheError.diskFull(url: "http://127.0.0.1/base.qcow2", path: "/dev/full", written: 0)) {
            try file.append(Data(repeating: 1, count: 4096))
        }
    }
}

/// The SHA-256 of `bytes` as `sha256sum` prints it.
func sha256sum(_ bytes: [UInt8]) throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-images-sum-\(UUID().uuidString)")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [file.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(text.prefix(64))
}
