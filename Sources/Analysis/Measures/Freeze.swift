/// Freeze moments: where a listener hears the speaker stuck. A freeze is one silent pause of at
/// least the threshold, or a cluster of silent and filled pauses, each separated from the next by
/// less than `bridge` seconds of speech, whose hesitation adds up to the threshold (definition and
/// sources in `docs/METRICS.md`).
public enum Freeze {
    /// Hesitations separated by less speech than this, in seconds, belong to one moment: a word or
    /// two ("I… um… I mean…") between them does not get the speaker going again.
    public static let bridge = 1.0

    /// The freezes among an answer's `pauses` and `filledPauses`: from the first hesitation of each
    /// cluster to the end of its last, for clusters holding at least `threshold` seconds of
    /// hesitation.
    public static func find(pauses: [TimeSpan], filledPauses: [TimeSpan], threshold: Double) -> [TimeSpan] {
        let hesitations = (pauses + filledPauses).sorted { $0.start < $1.start }
        var freezes: [TimeSpan] = []
        var cluster: (span: TimeSpan, hesitation: Double)?
        func close() {
            if let cluster, cluster.hesitation >= threshold { freezes.append(cluster.span) }
        }
        for hesitation in hesitations {
            if let current = cluster, hesitation.start - current.span.end < bridge {
                cluster = (
                    TimeSpan(start: current.span.start, end: max(current.span.end, hesitation.end)),
                    current.hesitation + hesitation.duration
                )
            } else {
                close()
                cluster = (hesitation, hesitation.duration)
            }
        }
        close()
        return freezes
    }
}
