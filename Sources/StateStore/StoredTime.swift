import Foundation
import GRDB

/// A moment as the state stores it: the text GRDB writes for a `Date` (`2026-12-03 17:44:26.023`,
/// UTC, to the nearest millisecond), made without Foundation's `DateFormatter`, which goes
/// through ICU and was 2% of an apply's time with several stamps per recorded step.
/// StoredTimeTests checks it against GRDB's own text for the same dates.
struct StoredTime: DatabaseValueConvertible, Sendable {
    let text: String

    static func now() -> StoredTime { StoredTime(Date()) }

    init(_ date: Date) {
        // As ICU computes it from CFDateFormatter's milliseconds since 1970: rounded to the nearest.
        let milliseconds = Int64(((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000).rounded())
        let millisecondsPerDay: Int64 = 86_400_000
        let days = milliseconds >= 0 ? milliseconds / millisecondsPerDay : (milliseconds - millisecondsPerDay + 1) / millisecondsPerDay
        let ofDay = milliseconds - days * millisecondsPerDay
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        text = Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-" + Self.digits(day, 2) + " "
            + Self.digits(ofDay / 3_600_000, 2) + ":" + Self.digits(ofDay / 60_000 % 60, 2) + ":"
            + Self.digits(ofDay / 1000 % 60, 2) + "." + Self.digits(ofDay % 1000, 3)
    }

    private init(text: String) { self.text = text }

    var databaseValue: DatabaseValue { text.databaseValue }

    static func fromDatabaseValue(_ value: DatabaseValue) -> StoredTime? {
        String.fromDatabaseValue(value).map(StoredTime.init(text:))
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
