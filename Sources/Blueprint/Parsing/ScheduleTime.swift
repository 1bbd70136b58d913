import Platform

/// The time expressions of a deployment schedule's `since` and `until`, read as Cloudify reads
/// them when it parses the blueprint (`parse_time_expression`): either relative, `+` and time
/// deltas (`+1d`, `+2 weeks+3h`), or absolute, `YYYY-MM-DD HH:MM` or `HH:MM` (Python's
/// `strptime`, so one-digit fields pass and the date must exist), in `timezone` when one is given.
enum ScheduleTime {
    /// What is wrong with `text` as a time expression, or nil when Cloudify takes it.
    static func problem(_ text: String, timezone: String?) -> String? {
        if text.hasPrefix("+") {
            // Each `+N unit` piece is a time delta; Cloudify checks the pieces it finds, so a
            // piece's trailing space (`+1 day +2h`) fails there too.
            for piece in text.matches(of: /\+(\d+ ?[a-z]+ ?)/) where !DeploymentSettingsParser.isTimeDelta(String(piece.output.1)) {
                return "'\(piece.output.1)' is not a time delta"
            }
            return nil
        }
        guard isAbsoluteTime(text) else { return "'\(text)' is not a time: write 'YYYY-MM-DD HH:MM', 'HH:MM' or '+' and a time delta" }
        if let timezone, !timezone.isEmpty, !isZoneName(timezone) {
            return "'\(timezone)' is not a known time zone"
        }
        return nil
    }

    /// A name of the time zone database, as Cloudify's pytz knows them (Europe/Paris, EST,
    /// Etc/GMT+5); offsets such as GMT+5 and abbreviations such as PST are none there.
    static func isZoneName(_ name: String) -> Bool {
        TimeZoneNames.all.contains(name)
    }

    /// `%Y-%m-%d %H:%M` or `%H:%M` as Python's strptime matches them, and a date that exists.
    static func isAbsoluteTime(_ text: String) -> Bool {
        if text.wholeMatch(of: /(?:2[0-3]|[01]\d|\d):(?:[0-5]\d|\d)/) != nil { return true }
        guard let match = text.wholeMatch(of: /(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])\s+(?:2[0-3]|[01]\d|\d):(?:[0-5]\d|\d)/),
              let year = Int(match.output.1), let month = Int(match.output.2),
              let day = Int(match.output.3.trimmingWhitespace()) else { return false }
        // Python's dates start at year 1.
        return year >= 1 && day <= daysIn(month: month, year: year)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
