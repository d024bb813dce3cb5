import Sessions

/// What a report or comparison should say before its figures: answers measured by an older
/// detector (not comparable until re-analysed), and answers the detector cautioned about.
public enum ReportNotes {
    /// The notes for the answers `filter` keeps, each one sentence.
    public static func about(_ filter: ReportFilter, in store: SessionStore) throws -> [String] {
        var notes: [String] = []
        let older = try store.answersMeasuredByOlderDetector(filter)
        if older > 0 {
            notes.append(
                "note: \(older) answer\(older == 1 ? " was" : "s were") measured by an older version of the detector; run 'rehearse doctor --reanalyse' before comparing them with new ones."
            )
        }
        if !filter.trustworthyOnly {
            let cautioned = try store.answersWithCautions(filter)
            if cautioned > 0 {
                notes.append(
                    "note: \(cautioned) answer\(cautioned == 1 ? " was" : "s were") recorded with other voices in the background or in a very noisy room, where pauses and latency may be wrong either way; 'rehearse report --trusted-only' leaves them out."
                )
            }
        }
        return notes
    }
}
