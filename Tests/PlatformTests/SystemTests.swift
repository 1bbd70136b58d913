import Foundation
import Testing
@testable import Platform

@Suite("system interfaces")
struct SystemTests {
    @Test("a missing file's error is the system's words with its path")
    func missingFile() {
        do {
            _ = try FileManager.default.contentsOfDirectory(atPath: "/nonexistent-bluevirt")
            Issue.record("listing a missing directory succeeded")
        } catch {
            #expect(SystemErrorText.of(error) == "No such file or directory")
        }
        #expect(SystemErrorText.of(POSIXError(.ENOSPC)) == "No space left on device")
    }

    @Test("standard streams write whole texts to their descriptor")
    func streams() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let text = String(repeating: "bluevirt ", count: 5_000)
        StandardStream(descriptor: ends[1]).write(text)
        close(ends[1])
        let read = readToEnd(descriptor: ends[0])
        close(ends[0])
        #expect(String(decoding: read, as: UTF8.self) == text)
    }

    @Test("a limited read stops at its limit, across short reads of a pipe")
    func limitedRead() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        StandardStream(descriptor: ends[1]).write("#!/bin/sh\n" + String(repeating: "x", count: 1_000))
        close(ends[1])
        let head = readToEnd(descriptor: ends[0], limit: 256)
        let rest = readToEnd(descriptor: ends[0])
        close(ends[0])
        #expect(head.count == 256)
        #expect(head.starts(with: Array("#!/bin/sh\n".utf8)))
        #expect(head.count + rest.count == 1_010)
    }

    @Test("a detached thread runs, and a condition lock hands a value across")
    func threads() {
        final class Slot: @unchecked Sendable { var value = 0 }
        let lock = ConditionLock()
        let slot = Slot()
        startDetachedThread {
            sleepThread(seconds: 0.01)
            lock.lock()
            slot.value = 42
            lock.signal()
            lock.unlock()
        }
        lock.lock()
        while slot.value == 0 { lock.wait() }
        lock.unlock()
        #expect(slot.value == 42)
    }
}
