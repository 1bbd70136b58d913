import Foundation
import Testing
@testable import Engine

/// A machine that does not answer ssh yet (a guest whose address just appeared, its ssh server
/// still starting) is tried again for a while before the operation fails; nothing has run on it.
@Suite struct RemoteShellAnswerTests {
    @Test(.enabled(if: SSHClient.locate() != nil, "needs the OpenSSH client (openssh-client, installed by scripts/setup.sh)"))
    func aMachineThatRefusesIsTriedAgainThenReported() async throws {
        let bench = try ScriptTestBench()
        let port = try #require(Self.closedLoopbackPort())
        var shell = try RemoteShell(endpoint: SSHEndpoint(host: "127.0.0.1", port: port, user: "root", credential: .keyText("not a key")),
                                    context: bench.context())
        // From the first refusal: one more try after the 2 s pause, then the report.
        shell.answerWindow = .seconds(3)
        let lines = LoggedLines()
        let started = ContinuousClock().now
        await #expect(throws: RemoteProblem.self) {
            _ = try await shell.run("true", name: "command 1 of 1", timeout: .seconds(30)) { lines.append($0) }
        }
        let tries = lines.all.filter { $0.contains("does not answer ssh yet") }.count
        #expect(tries >= 1, "\(lines.all)")
        #expect(ContinuousClock().now - started >= .seconds(2), "it waited before trying again")
    }

    /// A loopback port nothing listens on: one the kernel just gave out and that is closed again.
    static func closedLoopbackPort() -> Int? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }

    @Test func onlyFailuresBeforeTheServerSpokeAreTriedAgain() {
        func result(_ lines: [String], status: Int32 = 255) -> ScriptSupervisor.Result {
            ScriptSupervisor.Result(ending: .exited(status), stopCause: nil, lastLines: lines, changes: [])
        }
        #expect(RemoteShell.notAnsweringYet(result(["ssh: connect to host 10.0.0.5 port 22: No route to host"])))
        #expect(RemoteShell.notAnsweringYet(result(["ssh: connect to host 10.0.0.5 port 22: Connection refused"])))
        #expect(RemoteShell.notAnsweringYet(result(["kex_exchange_identification: read: Connection reset by peer"])))
        #expect(!RemoteShell.notAnsweringYet(result(["root@10.0.0.5: Permission denied (publickey)."])))
        #expect(!RemoteShell.notAnsweringYet(result(["Connection to 10.0.0.5 closed by remote host."])), "the command may have run")
        #expect(!RemoteShell.notAnsweringYet(result(["ssh: connect to host 10.0.0.5 port 22: Connection refused"], status: 1)))
    }
}

/// Lines a test collects from a log callback.
private final class LoggedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
