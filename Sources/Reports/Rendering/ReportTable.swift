import Foundation

/// One table of a report as data: columns that know their JSON/CSV key, their headings and how to
/// show a number, and rows of typed cells. Text, CSV and JSON are rendered from it, so a view lists
/// its columns once.
public struct ReportTable: Sendable {
    public enum Kind: Sendable {
        case text
        /// Shown as `yyyy-MM-dd HH:mm` (or `MM-dd HH:mm` when narrow) in text, ISO 8601 elsewhere.
        case date
        case integer
        /// `decimals` places in text, after multiplying by `scale` (100 for a share shown in %);
        /// `signed` shows a plus sign on positive values (a change).
        case number(decimals: Int, scale: Double = 1, signed: Bool = false)
    }

    public enum Cell: Sendable {
        /// nil: nothing to show (an empty CSV cell, JSON `null`).
        case text(String?)
        case date(Date)
        case integer(Int)
        case number(Double?)

        /// True for a cell with nothing to show.
        var isEmpty: Bool {
            switch self {
            case .text(let text): text == nil
            case .number(let number): number == nil
            case .date, .integer: false
            }
        }
    }

    public struct Column: Sendable {
        /// The JSON and CSV name.
        public let key: String
        /// Text heading, unit included ("start s").
        public let heading: String
        /// Heading for a narrow terminal.
        public let shortHeading: String
        public let kind: Kind
        /// Left out of the text table when the terminal is too narrow for every column.
        public let optional: Bool
        /// False for columns only machines need (an id beside a date).
        public let showsInText: Bool

        public init(
            _ key: String, _ heading: String, short: String? = nil, _ kind: Kind, optional: Bool = false,
            showsInText: Bool = true
        ) {
            self.key = key
            self.heading = heading
            self.shortHeading = short ?? heading
            self.kind = kind
            self.optional = optional
            self.showsInText = showsInText
        }
    }

    public let columns: [Column]
    public let rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }

    // MARK: Text

    /// Lines of a text table no wider than `width` where possible. Tried in turn: wide headings;
    /// short headings; then optional columns left out; then dates without the year. Numbers are
    /// right-aligned, text left-aligned; columns hidden from text are never shown, nor optional
    /// columns with nothing in them.
    public func textLines(width: Int, timeZone: TimeZone) -> [String] {
        // Every cell is formatted once per date style; layouts are then chosen by arithmetic on
        // column widths, and only the chosen one is built (reports have thousands of rows).
        let long = cellTexts(dateFormat: "yyyy-MM-dd HH:mm", timeZone: timeZone)
        func total(_ shown: [Int], _ cells: [[String]], narrow: Bool) -> Int {
            shown.reduce(2 * (shown.count - 1)) { $0 + columnWidth($1, cells, narrow: narrow) }
        }
        var shown = columns.indices.filter { column in
            columns[column].showsInText && !(columns[column].optional && rows.allSatisfy { $0[column].isEmpty })
        }
        if total(shown, long, narrow: false) <= width { return layout(shown, long, narrow: false) }
        if total(shown, long, narrow: true) <= width { return layout(shown, long, narrow: true) }
        while let drop = shown.lastIndex(where: { columns[$0].optional }) {
            shown.remove(at: drop)
            if total(shown, long, narrow: true) <= width { return layout(shown, long, narrow: true) }
        }
        return layout(shown, cellTexts(dateFormat: "MM-dd HH:mm", timeZone: timeZone), narrow: true)
    }

    /// The text of every cell, row by row, column by column.
    private func cellTexts(dateFormat: String, timeZone: TimeZone) -> [[String]] {
        let dates = DateFormatter()
        dates.locale = Locale(identifier: "en_US_POSIX")
        dates.timeZone = timeZone
        dates.dateFormat = dateFormat
        return rows.map { row in
            columns.indices.map { columns[$0].showsInText ? Self.text(row[$0], columns[$0].kind, dates) : "" }
        }
    }

    private func columnWidth(_ column: Int, _ cells: [[String]], narrow: Bool) -> Int {
        cells.reduce((narrow ? columns[column].shortHeading : columns[column].heading).count) {
            max($0, $1[column].count)
        }
    }

    private func layout(_ shown: [Int], _ cells: [[String]], narrow: Bool) -> [String] {
        let widths = shown.map { columnWidth($0, cells, narrow: narrow) }
        func line(_ values: [String]) -> String {
            var text = ""
            for (index, column) in shown.enumerated() {
                let value = values[index]
                let padding = String(repeating: " ", count: widths[index] - value.count)
                if index > 0 { text += "  " }
                text += Self.isNumeric(columns[column].kind) ? padding + value : value + padding
            }
            while text.last == " " { text.removeLast() }
            return text
        }
        let headings = shown.map { narrow ? columns[$0].shortHeading : columns[$0].heading }
        return [line(headings)] + cells.map { row in line(shown.map { row[$0] }) }
    }

    private static func isNumeric(_ kind: Kind) -> Bool {
        switch kind {
        case .integer, .number: true
        case .text, .date: false
        }
    }

    private static func text(_ cell: Cell, _ kind: Kind, _ dates: DateFormatter) -> String {
        switch cell {
        case .text(let text): text ?? "–"
        case .date(let date): dates.string(from: date)
        case .integer(let value): String(value)
        case .number(let value):
            value.map { number in
                guard case .number(let decimals, let scale, let signed) = kind else { return String(number) }
                return String(format: signed ? "%+.\(decimals)f" : "%.\(decimals)f", number * scale)
            } ?? "–"
        }
    }

    // MARK: HTML

    /// An HTML table of the columns shown in text, with their full headings; every cell escaped.
    public func html(timeZone: TimeZone) -> String {
        let dates = DateFormatter()
        dates.locale = Locale(identifier: "en_US_POSIX")
        dates.timeZone = timeZone
        dates.dateFormat = "yyyy-MM-dd HH:mm"
        let shown = columns.indices.filter { columns[$0].showsInText }
        var html =
            "<table><thead><tr>"
            + shown.map { "<th>\(HTMLReport.escape(columns[$0].heading))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows {
            html +=
                "<tr>"
                + shown.map { "<td>\(HTMLReport.escape(Self.text(row[$0], columns[$0].kind, dates)))</td>" }.joined()
                + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    // MARK: CSV and JSON

    /// The header line, then one line per row (RFC 4180; see `CSVField` for `rawText`).
    public func csvLines(rawText: Bool = false) -> [String] {
        return [columns.map(\.key).joined(separator: ",")]
            + rows.map { row in
                row.map { cell in
                    switch cell {
                    case .text(let text): text.map { CSVField.text($0, raw: rawText) } ?? ""
                    case .date(let date): Self.iso8601(date)
                    case .integer(let value): String(value)
                    case .number(let value): value.map { String(Self.rounded($0)) } ?? ""
                    }
                }.joined(separator: ",")
            }
    }

    /// One object per row, keyed by column; a number that does not apply is `null`, never missing.
    public func jsonRows() -> [[String: JSONValue]] {
        rows.map { row in
            var object: [String: JSONValue] = [:]
            for (column, cell) in zip(columns, row) {
                switch cell {
                case .text(let text): object[column.key] = text.map(JSONValue.string) ?? .null
                case .date(let date): object[column.key] = .string(Self.iso8601(date))
                case .integer(let value): object[column.key] = .integer(value)
                case .number(let value): object[column.key] = value.map { .number(Self.rounded($0)) } ?? .null
                }
            }
            return object
        }
    }

    /// `jsonRows()` as one JSON array.
    public var json: JSONValue { .array(jsonRows().map(JSONValue.object)) }

    /// `2026-11-05T09:00:00Z`: the instant in UTC to the second, as `ISO8601DateFormatter` writes it
    /// by default, several times faster (reports print thousands).
    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Numbers in CSV and JSON: to the thousandth.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
