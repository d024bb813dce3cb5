/// What the detector knows about the person answering, as opposed to the room around them.
///
/// With the microphone close to the person answering, they are the loudest consistent source. The
/// model learns their loud end from syllable-like peaks (a rise and a fall of at least
/// `peakProminence` dB in frames that clearly hold speech): speech comes in syllables, while hiss is
/// steady and a bump is a single event, so neither can pass for the speaker before the first word.
/// A frame is the speaker's only when it lies within `range` dB of that loud end, which keeps a
/// television 30 dB down and the tail of a reverberant room out of the speech. Stretches of "speech"
/// whose loudest frame stays `segmentRange` dB under the speaker are not theirs either: a chair
/// creak, a breath, hiss after a stream starts. That −25 dB follows Praat's silence detection
/// (Boersma & Weenink, "To TextGrid (silences)": silence threshold relative to the maximum
/// intensity, −25 dB by default). When many syllables lie far below the speaker's, another voice is
/// talking more quietly (a television, someone on the phone in the room); then a frame must also
/// rise above that voice's typical syllable, and a stretch must peak well above it.
struct SpeakerModel {
    /// Frames quieter than the speaker's loud end by more than this many dB are never theirs.
    var range: Float = 35
    /// A stretch whose loudest frame is further than this below the speaker's loud end is not theirs.
    var segmentRange: Float = 25
    /// Peaks in frames scoring above this teach the speaker's level.
    var learningScore: Float = 4
    /// How far the intensity must rise before and fall after a peak for it to be a syllable, in dB.
    var peakProminence: Float = 6
    /// Syllable-like peaks needed before the speaker counts as heard.
    var peaksToKnow = 3
    private var speakerPeaks = IntensityHistogram()
    private var peaks = 0
    private var framesSinceRefresh = 0
    private var risingFrom: Float = .infinity
    private var candidate: (intensity: Float, strong: Bool)?
    /// The speaker's loud end (95th percentile of their syllable peaks) in dB, once known.
    private(set) var level: Float?
    /// Syllables this far below the speaker's loud end, in dB, are quiet ones…
    static let quietSyllables: Float = 15
    /// …and when more than this share of all syllables are, another voice is talking more quietly.
    /// The speaker's own soft syllables made up at most 37 % in 816 answers without other voices
    /// (fluent ones, clean, in noise, reverberant, through a phone line), though up to 49 % in
    /// answers full of drawn-out words and "um"s; a single other voice 20 dB down makes 35–65 %.
    /// Just above the fluent speakers' highest: missing another voice flatters (its stretches
    /// fill the pauses), while an answer wrongly found to have one only gets a caution.
    static let anotherVoiceShare = 0.40
    /// A frame must rise this far above the other voice's typical syllable to be the speaker's, in dB.
    static let anotherVoiceMargin: Float = 3
    /// With another, quieter voice in the room: that voice's typical syllable peak (the median of the
    /// quiet syllables), in dB.
    private(set) var anotherVoice: Float?

    /// Learns from one frame.
    mutating func learn(_ features: FrameFeatures) {
        trackPeaks(features.intensity, strong: features.speechScore > learningScore)
        framesSinceRefresh += 1
        // A percentile costs a pass over 400 bins: refresh every 25 frames, not every frame.
        if peaks >= peaksToKnow && (level == nil || framesSinceRefresh >= 25) {
            let level = speakerPeaks.percentile(0.95)
            self.level = level
            let quiet = speakerPeaks.count(below: level - Self.quietSyllables)
            anotherVoice =
                Double(quiet) > Self.anotherVoiceShare * Double(peaks)
                ? speakerPeaks.percentile(0.5, below: level - Self.quietSyllables) : nil
            framesSinceRefresh = 0
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

    /// The frame's speech score, or 0 when the frame is too quiet to be the speaker. In a
    /// `reverberant` room the tail of each word rings on: the stricter `segmentRange` applies, so
    /// that the tail is cut where it has fallen as far as Praat's silence threshold.
    func score(_ features: FrameFeatures, reverberant: Bool = false) -> Float {
        if let level, features.intensity < level - (reverberant ? segmentRange : range) { return 0 }
        if let anotherVoice, features.intensity < anotherVoice + Self.anotherVoiceMargin { return 0 }
        return features.speechScore
    }

    /// Whether a stretch whose loudest frame had `peak` dB can be the speaker's. With another,
    /// quieter voice in the room, its loudest frame must also stand out of that voice's typical
    /// syllable as far as a syllable stands out of its valley (`peakProminence`): the other voice's
    /// louder syllables pass the frame gate now and then, but a stretch of its own seldom peaks that
    /// high, while the speaker's stretches peak near their loud end.
    func isSpeaker(peak: Float) -> Bool {
        guard let level else { return true }
        if let anotherVoice, peak < anotherVoice + peakProminence { return false }
        return peak >= level - segmentRange
    }
}
