/// Text cells of every CSV rehearse writes, following RFC 4180: a field holding a comma, a quote,
/// a line feed or a carriage return is quoted, with quotes doubled.
///
/// Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
/// formula, so a note or a prompt could run code in the spreadsheet that opens the export (CSV
/// injection). Such text cells get a leading `'`, which spreadsheets show as plain text. Numbers
/// are never text cells, so negative numbers stay numbers. `raw` keeps the text as it is, for
/// tools that are not spreadsheets.
public enum CSVField {
    public static func text(_ field: String, raw: Bool = false) -> String {
        var value = field
        if !raw, let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
