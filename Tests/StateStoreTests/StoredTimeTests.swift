import Foundation
import GRDB
@testable import StateStore
import Testing
import TestSupport

/// StoredTime writes the text GRDB writes for a `Date`, so times stored before and after read
/// and sort the same. GRDB's own text (through Foundation's DateFormatter) is the oracle.
@Suite struct StoredTimeTests {
    static func grdbText(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test("the same text as GRDB for edge moments and 20,000 random ones from 1900 to 2200")
    func sameTextAsGRDB() {
        var moments: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 0.0009), Date(timeIntervalSince1970: 0.001),
            Date(timeIntervalSince1970: 1_764_782_666.023), Date(timeIntervalSince1970: 1_764_782_666.9999),
            Date(timeIntervalSince1970: 951_782_400), // 2000-02-29
            Date(timeIntervalSince1970: 978_307_199.999), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: -0.0005),
            Date(timeIntervalSince1970: -2_208_988_800), // 1900-01-01
            Date(timeIntervalSince1970: 4_102_444_800), // 2100-01-01
            Date(),
        ]
        var random = SeededGenerator(state: 14)
        for _ in 0..<20_000 {
            // Whole milliseconds from 1900 to 2200, plus a fraction of one.
            let milliseconds = Double(Int64.random(in: 0..<9_467_280_000_000, using: &random))
            let fraction = Double.random(in: 0..<1, using: &random)
            moments.append(Date(timeIntervalSince1970: -2_208_988_800 + (milliseconds + fraction) / 1000))
        }
        var mismatches: [String] = []
        for moment in moments where StoredTime(moment).text != Self.grdbText(moment) {
            mismatches.append("\(moment.timeIntervalSince1970): \(StoredTime(moment).text) against \(Self.grdbText(moment) ?? "nil")")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("a stored time reads back as the Date GRDB would give for its own text")
    func readsBackAsADate() throws {
        let moment = Date(timeIntervalSince1970: 1_764_782_666.023)
        let stored = StoredTime(moment).databaseValue
        let read = try #require(Date.fromDatabaseValue(stored))
        #expect(abs(read.timeIntervalSince1970 - 1_764_782_666.023) < 0.0005)
    }
}
