import Foundation
import Testing

/// The image tests' HTTP server (Fixtures/images/loopback_http_server.py) on 127.0.0.1, serving
/// a temporary directory; started by the test and stopped by its process id in all paths.
final class ImageTestServer: @unchecked Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/images/loopback_http_server.py")

    /// The files served under /files/NAME, /truncated/NAME and /stalled/NAME.
    let servedDirectory: URL
    let port: Int
    private let logFile: URL
    private let process: Process

    private init(servedDirectory: URL, logFile: URL, process: Process, port: Int) {
        self.servedDirectory = servedDirectory
        self.logFile = logFile
        self.process = process
        self.port = port
    }

    /// Starts a server, runs `body`, and stops the server and removes its files however `body` ends.
    static func with<Result>(_ body: (ImageTestServer) async throws -> Result) async throws -> Result {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-images-http-\(UUID().uuidString.prefix(8))")
        let served = root.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let server: ImageTestServer
        do {
            server = try start(servedDirectory: served, logFile: root.appendingPathComponent("requests.log"))
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: root)
        }
        return try await body(server)
    }

    private static func start(servedDirectory: URL, logFile: URL) throws -> ImageTestServer {
        try Data().write(to: logFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, servedDirectory.path, logFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first line is the port the server bound; reading it also waits until it listens.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ServerFailure(message: "the loopback server printed no port (python3 missing?)")
        }
        return ImageTestServer(servedDirectory: servedDirectory, logFile: logFile, process: process, port: port)
    }

    /// Sends SIGKILL to the server's own process id and waits for it to end. Not SIGTERM: the
    /// child inherits the test process's signal mask, in which SIGTERM is blocked.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Puts `bytes` into the served directory as `name`.
    func serve(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: servedDirectory.appendingPathComponent(name))
    }

    /// Every request path the server has received so far, in order.
    var requests: [String] {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    struct ServerFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// A loopback TCP port that nothing listens on: bound once by the system's choice, then closed.
func closedLoopbackPort() throws -> Int {
    let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketDescriptor >= 0 else { throw ImageTestServer.ServerFailure(message: "socket() failed") }
    defer { close(socketDescriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(socketDescriptor, raw, length) == 0 && getsockname(socketDescriptor, raw, &length) == 0
        }
    }
    guard bound else { throw ImageTestServer.ServerFailure(message: "bind() on 127.0.0.1 failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Bytes that differ along the file, so a piece written twice or out of order shows.
func patternedImage(count: Int, seed: Int = 7) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* seed &+ $0 / 1021) }
}

/// Collects progress calls from any thread.
final class ImageProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(received: UInt64, total: UInt64?)] = []

    func record(_ received: UInt64, _ total: UInt64?) {
        lock.lock()
        calls.append((received, total))
        lock.unlock()
    }

    var recorded: [(received: UInt64, total: UInt64?)] {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }
}
