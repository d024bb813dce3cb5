/// Compares a recording with the audio that was fed in, after finding where it starts.
public struct SignalComparison {
    /// Samples by which the recording lags the source.
    public let offset: Int
    /// Pearson correlation of the source with the aligned stretch of the recording.
    public let correlation: Double
    /// Length of the sounding part (first to last sample above the threshold) of each, in samples.
    public let sourceActiveLength: Int
    public let recordingActiveLength: Int

    /// Seconds by which the sounding parts of recording and source differ in length, at `sampleRate`.
    public func spanError(sampleRate: Int) -> Double {
        abs(Double(recordingActiveLength - sourceActiveLength)) / Double(sampleRate)
    }

    /// Aligns `recording` to `source` (the recording may have extra audio around it) by their first
    /// sounding sample, refined by searching ±`search` samples for the best correlation.
    public init(source: [Float], recording: [Float], threshold: Float = 0.02, search: Int = 64) {
        let sourceSpan = Self.activeSpan(source, threshold: threshold)
        let recordingSpan = Self.activeSpan(recording, threshold: threshold)
        sourceActiveLength = sourceSpan.count
        recordingActiveLength = recordingSpan.count
        let coarse = recordingSpan.lowerBound - sourceSpan.lowerBound
        var best = (offset: coarse, correlation: -1.0)
        for offset in (coarse - search)...(coarse + search) {
            let value = Self.correlation(source, recording, offset: offset)
            if value > best.correlation { best = (offset, value) }
        }
        offset = best.offset
        correlation = best.correlation
    }

    /// Indices from the first to the last sample whose magnitude exceeds `threshold`.
    public static func activeSpan(_ samples: [Float], threshold: Float) -> Range<Int> {
        guard let first = samples.firstIndex(where: { abs($0) > threshold }),
            let last = samples.lastIndex(where: { abs($0) > threshold })
        else { return 0..<0 }
        return first..<(last + 1)
    }

    /// Correlation of `source` with `recording[offset ..< offset + source.count]`; samples beyond the
    /// recording count as silence.
    public static func correlation(_ source: [Float], _ recording: [Float], offset: Int) -> Double {
        var sumX = 0.0, sumY = 0.0, sumXX = 0.0, sumYY = 0.0, sumXY = 0.0
        let n = Double(source.count)
        for index in source.indices {
            let position = index + offset
            let x = Double(source[index])
            let y = position >= 0 && position < recording.count ? Double(recording[position]) : 0
            sumX += x; sumY += y; sumXX += x * x; sumYY += y * y; sumXY += x * y
        }
        let covariance = sumXY - sumX * sumY / n
        let variance = (sumXX - sumX * sumX / n) * (sumYY - sumY * sumY / n)
        return variance > 0 ? covariance / variance.squareRoot() : 0
    }
}
