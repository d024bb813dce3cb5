import Analysis

/// Analysed answers as CSV: a header, then one row per file with every measure (RFC 4180 quoting).
public enum AnswerCSV {
    public static func encode(_ answers: [(file: String, analysis: AnswerAnalysis)]) -> String {
        var lines = [(["file", "sampleRate"] + FluencyMeasure.all.map(\.key)).joined(separator: ",")]
        for (file, analysis) in answers {
            let values = FluencyMeasure.all.map { measure -> String in
                guard let value = measure.value(in: analysis.metrics) else { return "" }
                return measure.isInteger ? String(Int(value)) : String((value * 1000).rounded() / 1000)
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
