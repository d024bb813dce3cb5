import Analysis

/// Analysed answers as CSV: a header, then one row per file with every measure (RFC 4180 quoting).
public enum AnswerCSV {
    public static func encode(_ answers: [(file: String, analysis: AnswerAnalysis)]) -> String {
        let names = MetricTable.rows(FluencyMetrics(duration: 0, runs: [], pauses: [], syllables: [], minimumPause: 0)).map(\.name)
        var lines = [(["file", "sampleRate"] + names).joined(separator: ",")]
        for (file, analysis) in answers {
            let values = MetricTable.rows(analysis.metrics).map { row -> String in
                switch row.value {
                case .seconds(let number), .ratio(let number), .rate(let number):
                    return number.map { String(($0 * 1000).rounded() / 1000) } ?? ""
                case .count(let count):
                    return String(count)
                }
            }
            lines.append(([quote(file), String(analysis.sampleRate)] + values).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
