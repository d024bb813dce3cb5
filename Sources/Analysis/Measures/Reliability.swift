/// How far an answer's measures can be trusted, judged from the recording itself.
///
/// Two things make pauses and the response latency less certain: a room loud compared with the
/// speaker, and other people talking. Both are estimated in the same pass as the measures. The
/// errors go both ways: over the accuracy corpora (detector version 32), the 1,050 answers flagged
/// for other voices held 542 false pauses and 311 missed ones (too many pauses in 196 answers, too
/// few in 127) and a response latency more than 50 ms too long in 125, too short in 49; the 55
/// flagged as very noisy 6 false and 6 missed.
public struct Reliability: Sendable, Equatable, Codable {
    /// The speaker's loud end over the room's quiet level, in dB: the 95th over the 10th
    /// percentile of the speech-band level of every frame that is not digital silence. Nil when
    /// the recording holds no room sound at all (digital silence between the words).
    public var signalToNoise: Double?
    /// Whether the quiet part of the recording sounds like speech loud enough to pass for the
    /// speaker's (other voices in the room, up to about 30 dB below the speaker), or something far
    /// quieter than the speaker was taken for their first words. Either can hide pauses or invent
    /// them, and move the response latency.
    public var backgroundSpeech: Bool

    public init(signalToNoise: Double?, backgroundSpeech: Bool) {
        self.signalToNoise = signalToNoise
        self.backgroundSpeech = backgroundSpeech
    }

    /// Below this signal-to-noise ratio, in dB, short pauses start to vanish into the noise.
    public static let noisyBelow = 15.0

    /// Plain-language cautions, empty when the recording is fit to measure.
    public var cautions: [String] {
        var cautions: [String] = []
        if backgroundSpeech {
            cautions.append("other voices in the background: pauses and latency may be wrong either way")
        }
        if let signalToNoise, signalToNoise < Self.noisyBelow {
            cautions.append(
                "very noisy (speech \(Int(signalToNoise.rounded())) dB above the room): pauses may be wrong either way")
        }
        return cautions
    }

    /// Whether the measures can be compared with other answers' without a caution.
    public var isTrustworthy: Bool { cautions.isEmpty }
}
