import Analysis
import Foundation

/// The stable JSON form of analysed answers, documented in the README. Seconds are numbers rounded
/// to the millisecond; a measure that does not apply is `null`, never missing.
public enum AnswerJSON {
    /// One object for a single answer, or an array when `asArray`.
    public static func encode(_ answers: [(file: String, analysis: AnswerAnalysis)], asArray: Bool) -> String {
        let objects = answers.map { object(file: $0.file, $0.analysis) }
        let value: Any = asArray ? objects : (objects.first ?? [:])
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func object(file: String, _ analysis: AnswerAnalysis) -> [String: Any] {
        [
            "file": file,
            "duration": seconds(analysis.duration),
            "sampleRate": analysis.sampleRate,
            "latency": optional(analysis.latency),
            "speech": analysis.runs.map(span),
            "pauses": analysis.pauses.map(span),
            "metrics": metrics(analysis.metrics),
        ]
    }

    static func metrics(_ metrics: FluencyMetrics) -> [String: Any] {
        var object: [String: Any] = [:]
        for (name, value) in MetricTable.rows(metrics) {
            switch value {
            case .seconds(let number), .ratio(let number), .rate(let number):
                object[name] = optional(number)
            case .count(let count):
                object[name] = count
            }
        }
        return object
    }

    private static func span(_ span: TimeSpan) -> [String: Any] {
        ["start": seconds(span.start), "end": seconds(span.end)]
    }

    private static func seconds(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    private static func optional(_ value: Double?) -> Any { value.map(seconds) ?? NSNull() }
}

/// Every fluency measure with its JSON/CSV name, in a fixed order.
public enum MetricTable {
    public enum Value {
        case seconds(Double?)
        case ratio(Double?)
        case rate(Double?)
        case count(Int)
    }

    public static func rows(_ m: FluencyMetrics) -> [(name: String, value: Value)] {
        [
            ("totalDuration", .seconds(m.totalDuration)),
            ("speakingTime", .seconds(m.speakingTime)),
            ("phonationTimeRatio", .ratio(m.phonationTimeRatio)),
            ("responseLatency", .seconds(m.responseLatency)),
            ("trailingSilence", .seconds(m.trailingSilence)),
            ("pauseCount", .count(m.pauseCount)),
            ("pausesPerMinute", .rate(m.pausesPerMinute)),
            ("meanPause", .seconds(m.meanPause)),
            ("medianPause", .seconds(m.medianPause)),
            ("longestPause", .seconds(m.longestPause)),
            ("totalPauseTime", .seconds(m.totalPauseTime)),
            ("pausesOver1s", .count(m.pausesOver1s)),
            ("pausesOver2s", .count(m.pausesOver2s)),
            ("meanLengthOfRun", .seconds(m.meanLengthOfRun)),
            ("meanLengthOfRunSyllables", .rate(m.meanLengthOfRunSyllables)),
            ("syllableCount", .count(m.syllableCount)),
            ("speechRate", .rate(m.speechRate)),
            ("articulationRate", .rate(m.articulationRate)),
            ("minimumPause", .seconds(m.minimumPause)),
        ]
    }
}
