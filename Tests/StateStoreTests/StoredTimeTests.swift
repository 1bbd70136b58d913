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

    @Test("a stored time reads back as the Date GRDB gives for the same text, within a microsecond")
    func readsBackAsGRDBReadsIt() throws {
        var texts = ["2026-12-03 17:44:26.023", "1970-01-01 00:00:00.000", "1969-12-31 23:59:59.999", "2000-02-29 12:00:00.5",
                     "2026-12-03 17:44", "2026-12-03", "2026-12-03T17:44:26.023", "2026-12-03 17:44:26.023Z", "2026-12-03 17:44:26"]
        var random = SeededGenerator(state: 15)
        for _ in 0..<5_000 {
            let milliseconds = Double(Int64.random(in: 0..<9_467_280_000_000, using: &random))
            texts.append(StoredTime(Date(timeIntervalSince1970: -2_208_988_800 + milliseconds / 1000)).text)
        }
        var mismatches: [String] = []
        for text in texts {
            let ours = try #require(Date(sqliteValue: .text(text)), "\(text)")
            let grdbs = try #require(Date.fromDatabaseValue(text.databaseValue), "\(text)")
            if abs(ours.timeIntervalSince1970 - grdbs.timeIntervalSince1970) > 0.000_001 {
                mismatches.append("\(text): \(ours.timeIntervalSince1970) against \(grdbs.timeIntervalSince1970)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(Date(sqliteValue: .text("yesterday")) == nil)
        #expect(Date(sqliteValue: .text("2026-13-01 00:00:00.000")) == nil)
        #expect(Date(sqliteValue: .integer(86_400)) == Date(timeIntervalSince1970: 86_400))
    }
}
