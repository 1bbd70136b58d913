import Foundation
import Testing
@testable import bluevirt

@Suite struct ProgressTimeTests {
    @Test func progressTimesAreUTCWithMilliseconds() {
        // 2026-12-03T11:57:05.855Z, and the first millisecond of a year.
        #expect(ProgressPrinter.isoTime(Date(timeIntervalSince1970: 1_796_299_025.855_4)) == "2026-12-03T11:57:05.855Z")
        #expect(ProgressPrinter.isoTime(Date(timeIntervalSince1970: 1_767_225_600.000_9)) == "2026-01-01T00:00:00.000Z")
    }
}
