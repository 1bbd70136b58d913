import Platform

/// A moment as the state stores it: the text GRDB wrote for a `Date` (`2026-12-03 17:44:26.023`,
/// UTC, to the nearest millisecond; every state before this store spoke to SQLite itself was
/// written by GRDB), made without Foundation's `DateFormatter`, which goes through ICU and was 2%
/// of an apply's time with several stamps per recorded step. StoredTimeTests checks it against
/// GRDB's own text and dates.
struct StoredTime: SQLiteBindable, SQLiteReadable, Sendable {
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

    var sqliteValue: SQLiteValue { .text(text) }

    init?(sqliteValue: SQLiteValue) {
        guard case .text(let text) = sqliteValue else { return nil }
        self.text = text
    }

    static var sqliteKind: String { "a time" }

    /// The moment the text names: `YYYY-MM-DD`, then optionally ` HH:MM`, `:SS` and a fraction
    /// of a second (a `T` may stand for the space, a `Z` may end it), UTC; nil for other text.
    /// What GRDB read as a date, less the time zone offsets it never wrote.
    var date: Date? {
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ width: Int) -> Int64? {
            guard position + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[position..<position + width] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            position += width
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard position < bytes.count, bytes[position] == character.asciiValue else { return false }
            position += 1
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Self.daysSince1970(year: year, month: month, day: day) * 86_400
        var fraction = 0.0
        if skip(" ") || skip("T") {
            guard let hour = number(2), skip(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
            seconds += hour * 3600 + minute * 60
            if skip(":") {
                guard let second = number(2), second < 60 else { return nil }
                seconds += second
                if skip(".") {
                    var scale = 0.1
                    while position < bytes.count, let digit = number(1) {
                        fraction += Double(digit) * scale
                        scale /= 10
                    }
                }
            }
        }
        _ = skip("Z")
        guard position == bytes.count else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
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

/// A stored moment read as a `Date`: the text of a `StoredTime`, or a number of seconds since
/// 1970 (as GRDB read a number).
extension Date: SQLiteReadable {
    init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .text:
            guard let date = StoredTime(sqliteValue: sqliteValue)?.date else { return nil }
            self = date
        case .integer(let seconds): self.init(timeIntervalSince1970: Double(seconds))
        case .real(let seconds): self.init(timeIntervalSince1970: seconds)
        case .null: return nil
        }
    }

    static var sqliteKind: String { "a time (YYYY-MM-DD HH:MM:SS.SSS)" }
}
