extension ISO9660Image {
    /// The date and time (UTC) recorded for every file, directory and volume descriptor.
    ///
    /// Images carry no clock reading of their own, so the same files always give the same bytes.
    public struct Timestamp: Sendable, Hashable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int

        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
            self.year = year
            self.month = month
            self.day = day
            self.hour = hour
            self.minute = minute
            self.second = second
        }

        /// 2000-01-01 00:00:00 UTC, the default: a fixed date keeps images reproducible.
        public static let fixed = Timestamp(year: 2000, month: 1, day: 1)

        func validated() throws(ISO9660Error) -> Timestamp {
            // Directory records store the year as an offset from 1900 in one byte.
            guard (1900...2155).contains(year) else {
                throw .invalidTimestamp(reason: "has year \(year); use a year from 1900 to 2155")
            }
            let fields = [("month", month, 1...12), ("day", day, 1...31), ("hour", hour, 0...23),
                          ("minute", minute, 0...59), ("second", second, 0...59)]
            for (name, value, range) in fields where !range.contains(value) {
                throw .invalidTimestamp(reason: "has \(name) \(value); use \(range.lowerBound) to \(range.upperBound)")
            }
            return self
        }

        /// ECMA-119 9.1.5: seven bytes (years since 1900, month, day, hour, minute, second, UTC offset).
        var directoryRecordBytes: [UInt8] {
            [UInt8(year - 1900), UInt8(month), UInt8(day), UInt8(hour), UInt8(minute), UInt8(second), 0]
        }

        /// ECMA-119 8.4.26.1: "YYYYMMDDHHMMSScc" in ASCII digits and a UTC offset byte.
        var volumeDescriptorBytes: [UInt8] {
            let digits = [(year, 4), (month, 2), (day, 2), (hour, 2), (minute, 2), (second, 2), (0, 2)]
                .map { value, width in zeroPadded(value, width: width) }
                .joined()
            return Array(digits.utf8) + [0]
        }

        /// The "not specified" date of ECMA-119 8.4.26.1: sixteen '0' digits and a zero offset.
        static let unspecifiedVolumeDescriptorBytes: [UInt8] = Array(repeating: UInt8(ascii: "0"), count: 16) + [0]

        private func zeroPadded(_ value: Int, width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
    }
}
