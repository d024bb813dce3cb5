import Analysis
import Foundation

/// The stable JSON form of analysed answers, documented in the README. Seconds are numbers rounded
/// to the millisecond; a measure that does not apply is `null`, never missing.
public enum AnswerJSON {
    /// One object for a single answer, or an array when `asArray`.
    public static func encode(_ answers: [(file: String, analysis: AnswerAnalysis)], asArray: Bool) -> String {
        let objects = answers.map { object(file: $0.file, $0.analysis) }
        let value: Any = asArray ? objects : (objects.first ?? [:])
        return JSONText.encode(value)
    }

    static func object(file: String, _ analysis: AnswerAnalysis) -> [String: Any] {
        [
            "file": file,
            "duration": seconds(analysis.duration),
            "sampleRate": analysis.sampleRate,
            "latency": optional(analysis.latency),
            "speech": analysis.runs.map(span),
            "pauses": analysis.pauses.map(span),
            "filledPauses": analysis.filledPauses.map {
                ["start": seconds($0.span.start), "end": seconds($0.span.end), "confidence": confidence($0.confidence)]
            },
            "freezes": analysis.freezes.map(span),
            "metrics": metrics(analysis.metrics),
            "detectorVersion": analysis.detectorVersion,
            "reliability": reliability(analysis.reliability),
        ]
    }

    /// The verdict on an answer: signal-to-noise in dB (one decimal), background speech, cautions.
    static func reliability(_ reliability: Reliability) -> [String: Any] {
        [
            "signalToNoise": reliability.signalToNoise.map { ($0 * 10).rounded() / 10 } as Any? ?? NSNull(),
            "backgroundSpeech": reliability.backgroundSpeech,
            "cautions": reliability.cautions,
        ]
    }

    static func metrics(_ metrics: FluencyMetrics) -> [String: Any] {
        var object: [String: Any] = [:]
        for measure in FluencyMeasure.all {
            let value = measure.value(in: metrics)
            // A measure not taken (filled pauses with --no-fillers) is null, never 0.
            object[measure.key] = measure.isInteger ? value.map { Int($0) } ?? NSNull() : optional(value)
        }
        return object
    }

    private static func span(_ span: TimeSpan) -> [String: Any] {
        ["start": seconds(span.start), "end": seconds(span.end)]
    }

    private static func seconds(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    private static func confidence(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    private static func optional(_ value: Double?) -> Any { value.map(seconds) ?? NSNull() }
}
