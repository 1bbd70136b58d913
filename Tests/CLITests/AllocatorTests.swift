import Foundation
import Testing
import TestSupport

/// bluevirt links mimalloc so that its malloc replaces glibc's in the whole process
/// (Sources/bluevirt/Allocator.swift). That holds only while libmimalloc comes before libc in the
/// binary's libraries; glibc's loader names the library every symbol binds to when
/// LD_DEBUG=bindings is set.
@Suite struct AllocatorTests {
    #if os(Linux)
    @Test func everyMallocAndFreeBindToMimalloc() throws {
        let result = try BluevirtProcess.run(["validate", "blueprints/two-vms-one-network.yaml"], environment: ["LD_DEBUG": "bindings"])
        #expect(result.status == 0, "\(result.standardError.suffix(2000))")
        let bindings = result.standardError.split(separator: "\n").filter {
            $0.contains("symbol `malloc'") || $0.contains("symbol `free'") || $0.contains("symbol `realloc'")
        }
        #expect(bindings.count >= 3, "LD_DEBUG reported no binding of malloc, free or realloc")
        let elsewhere = bindings.filter { !$0.contains("libmimalloc.so") }
        #expect(elsewhere.isEmpty, "bound to another allocator: \(elsewhere.prefix(3).joined(separator: "\n"))")
    }
    #endif
}
