import Analysis

/// Analysed answers as CSV: a header, then one row per file with every measure (RFC 4180 quoting).
public enum AnswerCSV {
    /// - Parameter rawText: keep text cells exactly as they are (see `CSVField`).
    public static func encode(_ answers: [(file: String, analysis: AnswerAnalysis)], rawText: Bool = false) -> String {
        var lines = [(["file", "sampleRate"] + FluencyMeasure.all.map(\.key)).joined(separator: ",")]
        for (file, analysis) in answers {
            let values = FluencyMeasure.all.map { measure -> String in
                guard let value = measure.value(in: analysis.metrics) else { return "" }
                return measure.isInteger ? String(Int(value)) : String((value * 1000).rounded() / 1000)
            }
            lines.append(
                ([CSVField.text(file, raw: rawText), String(analysis.sampleRate)] + values).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
