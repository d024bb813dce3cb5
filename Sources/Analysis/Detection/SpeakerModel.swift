/// What the detector knows about the person answering, as opposed to the room around them.
///
/// With the microphone close to the person answering, they are the loudest consistent source. The
/// model learns their loud end from syllable-like peaks (a rise and a fall of at least
/// `peakProminence` dB in frames that clearly hold speech): speech comes in syllables, while hiss is
/// steady and a bump is a single event, so neither can pass for the speaker before the first word.
/// It learns the level of everything
/// else (steady noise, other voices, a reverberant tail) from the quieter part of all frames. A frame
/// is the speaker's only when it rises above both: within `range` dB of the speaker's loud end, and
/// `backgroundMargin` dB above the background (a gate that never asks for more than `closestGate` dB
/// below the speaker). Stretches of "speech" whose loudest frame stays `segmentRange` dB under the
/// speaker are not theirs either: a chair creak, a breath, hiss after a stream starts. The −25 dB
/// figure follows Praat's silence detection (Boersma & Weenink, "To TextGrid (silences)": silence
/// threshold relative to the maximum intensity, −25 dB by default).
struct SpeakerModel {
    /// Frames quieter than the speaker's loud end by more than this many dB are never theirs.
    var range: Float = 40
    /// A stretch whose loudest frame is further than this below the speaker's loud end is not theirs.
    var segmentRange: Float = 25
    /// Peaks in frames scoring above this teach the speaker's level.
    var learningScore: Float = 4
    /// How far the intensity must rise before and fall after a peak for it to be a syllable, in dB.
    var peakProminence: Float = 6
    /// Syllable-like peaks needed before the speaker counts as heard.
    var peaksToKnow = 3
    /// How far above the background's level a frame must rise to be the speaker's, in dB.
    var backgroundMargin: Float = 6
    /// The background gate never sits closer than this to the speaker's loud end, in dB.
    var closestGate: Float = 40
    /// Which share of all frames is taken as the background's level (its quieter part).
    var backgroundShare = 0.4
    private var speakerPeaks = IntensityHistogram()
    private var allFrames = IntensityHistogram()
    private var peaks = 0
    private var seen = 0
    private var risingFrom: Float = .infinity
    private var candidate: (intensity: Float, strong: Bool)?
    /// The speaker's loud end (95th percentile of their frames' intensity) in dB, once known.
    private(set) var level: Float?
    /// The level of the quieter part of the recording (speaker's pauses, the room) in dB.
    private(set) var background: Float = -150

    /// Learns from one frame.
    mutating func learn(_ features: FrameFeatures) {
        allFrames.add(features.intensity)
        seen += 1
        trackPeaks(features.intensity, strong: features.speechScore > learningScore)
        // A percentile costs a pass over 400 bins: refresh every 25 frames, not every frame.
        if peaks >= peaksToKnow && (level == nil || seen % 25 == 0) {
            level = speakerPeaks.percentile(0.95)
            background = allFrames.percentile(backgroundShare)
        }
    }

    /// Finds peaks that rise `peakProminence` dB above the valley before them and fall as far after.
    private mutating func trackPeaks(_ intensity: Float, strong: Bool) {
        if let peak = candidate {
            if intensity > peak.intensity {
                candidate = (intensity, strong)
            } else if intensity < peak.intensity - peakProminence {
                if peak.strong {
                    speakerPeaks.add(peak.intensity)
                    peaks += 1
                }
                candidate = nil
                risingFrom = intensity
            }
        } else if intensity < risingFrom {
            risingFrom = intensity
        } else if intensity > risingFrom + peakProminence {
            candidate = (intensity, strong)
        }
    }

    /// The lowest intensity, in dB, that can be the speaker's, once the speaker has been heard.
    var gate: Float? {
        guard let level else { return nil }
        return max(level - range, min(background + backgroundMargin, level - closestGate))
    }

    /// The frame's speech score, or 0 when the frame is too quiet to be the speaker.
    func score(_ features: FrameFeatures) -> Float {
        if let gate, features.intensity < gate { return 0 }
        return features.speechScore
    }

    /// Whether a stretch whose loudest frame had `peak` dB can be the speaker's.
    func isSpeaker(peak: Float) -> Bool {
        guard let level else { return true }
        return peak >= level - segmentRange
    }
}
