/// Breaks prose into lines for a terminal: at spaces, never inside a word, the first line after
/// `prefix` and the others indented to line up under it.
public enum TextWrap {
    public static func lines(_ text: String, width: Int, prefix: String = "") -> [String] {
        let indent = String(repeating: " ", count: prefix.count)
        var lines: [String] = []
        var current = prefix
        var lineIsEmpty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !lineIsEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = indent
                lineIsEmpty = true
            }
            current += (lineIsEmpty ? "" : " ") + word
            lineIsEmpty = false
        }
        lines.append(current)
        return lines
    }
}
