import Foundation

/// A date or date and time from the command line, ISO 8601, parsed once and strictly:
/// `2026-11-20` (the whole day, local time), `2026-11-20T18:30` or `2026-11-20T18:30:00` (local
/// time), or with a zone: `2026-11-20T18:30:00Z`, `2026-11-20T18:30:00+02:00`.
struct DateArgument: Sendable {
    /// The moment named; midnight (local) for a date alone.
    let start: Date
    /// True when only a day was given.
    let isWholeDay: Bool

    /// The last second of the day for a date alone, else the moment itself (for `--until`).
    var end: Date {
        isWholeDay ? Calendar.current.date(byAdding: DateComponents(day: 1, second: -1), to: start) ?? start : start
    }

    static let expected = "an ISO 8601 date such as 2026-11-20 or 2026-11-20T18:30 (local time) or 2026-11-20T18:30:00Z"

    init?(argument: String) {
        if let day = Self.parse(argument, formats: ["yyyy-MM-dd"]) {
            start = day
            isWholeDay = true
        } else if let moment = Self.parse(
            argument,
            formats: [
                "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
                "yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX",
            ])
        {
            start = moment
            isWholeDay = false
        } else {
            return nil
        }
    }

    /// Parses the value of `option`, if given.
    /// - Throws: `CommandFailure` naming the option and the value when it is not such a date.
    static func parse(_ value: String?, option: String) throws -> DateArgument? {
        guard let value else { return nil }
        guard let date = DateArgument(argument: value) else {
            throw CommandFailure("\(option) '\(value)' is not \(expected)")
        }
        return date
    }

    private static func parse(_ text: String, formats: [String]) -> Date? {
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = .current
            formatter.isLenient = false
            formatter.dateFormat = format
            // Round trip, so trailing text or out-of-range fields ("2026-02-30") are refused.
            if let date = formatter.date(from: text),
                formatter.string(from: date) == text
                    || (format.hasSuffix("XXXXX") && text.hasSuffix("Z")
                        && formatter.date(from: formatter.string(from: date)) == date)
            {
                return date
            }
        }
        return nil
    }
}
