/// Measures pauses, latency and fluency in a mono recording, fed in chunks of any size.
///
/// Memory stays constant however long the audio (apart from the list of pauses and nuclei found),
/// and the same object can follow a recording live or read an hour-long file:
/// ```
/// var analyzer = SpeechAnalyzer(sampleRate: 16_000)
/// analyzer.process(chunk)       // as often as needed
/// let result = analyzer.finish()
/// ```
/// How it decides what is speech: each 10 ms frame's spectrum is compared bin by bin with an
/// adaptive estimate of the background noise (`NoiseFloor`); frames whose 200 Hz–8 kHz band stands
/// out by a likelihood-ratio test are speech-like (`FrameFeatures`); of those, only frames loud
/// enough to be the person answering count (`SpeakerModel`), smoothed with hysteresis and hangover
/// (`VoiceActivityDetector`). Level, DC offset and steady noise or hum therefore do not move the
/// decision; how far speech rises above the background, and how close it comes to the speaker, do.
public struct SpeechAnalyzer {
    public let sampleRate: Int
    public let settings: AnalysisSettings
    private var frames: FrameAnalyzer
    private var tracker: SpeechTracker
    private var sampleCount = 0
    private var clippedSamples = 0
    private var peakLevel: Float = 0

    /// - Parameter sampleRate: Hz; 8 000 to 96 000 are supported.
    public init(sampleRate: Int, settings: AnalysisSettings = AnalysisSettings()) {
        precondition(sampleRate >= 4_000, "sample rate too low for speech analysis")
        self.sampleRate = sampleRate
        self.settings = settings
        frames = FrameAnalyzer(sampleRate: sampleRate, measuresVowels: settings.filledPauseStability != nil)
        tracker = SpeechTracker(
            frameTiming: frames.timing,
            minimumSpeechFrames: max(1, Int((settings.minimumSpeech * 100).rounded())),
            fillers: settings.filledPauseStability.map {
                FilledPauseDetector(
                    stability: Float($0), minimumFrames: max(1, Int((settings.minimumFilledPause * 100).rounded())))
            }
        )
    }

    /// Feeds the next chunk of samples (full scale is ±1).
    public mutating func process(_ samples: UnsafeBufferPointer<Float>) {
        sampleCount += samples.count
        var peak = peakLevel
        var clipped = 0
        for sample in samples {
            let magnitude = abs(sample)
            if magnitude > peak { peak = magnitude }
            if magnitude >= 0.999 { clipped += 1 }
        }
        peakLevel = peak
        clippedSamples += clipped
        frames.process(samples, into: &tracker)
    }

    /// Convenience for arrays.
    public mutating func process(_ samples: [Float]) {
        samples.withUnsafeBufferPointer { process($0) }
    }

    /// Ends the audio and computes the measures.
    public mutating func finish() -> AnswerAnalysis {
        let segments = tracker.finish(minimumPause: settings.minimumPause)
        let duration = Double(sampleCount) / Double(sampleRate)
        let runs = Self.mergeShortGaps(segments, shorterThan: settings.minimumPause, clampedTo: duration)
        let pauses = zip(runs, runs.dropFirst()).map { TimeSpan(start: $0.end, end: $1.start) }
        let filledPauses = tracker.filledPauses(within: segments, phrases: runs)
        // A filled pause is not a syllable of fluent speech.
        let nuclei = tracker.syllables.nuclei(within: runs).filter { time in
            !filledPauses.contains { $0.span.start <= time && time <= $0.span.end }
        }
        let freezes = Freeze.find(
            pauses: pauses, filledPauses: filledPauses.map(\.span), threshold: settings.freezeThreshold)
        return AnswerAnalysis(
            duration: duration,
            sampleRate: sampleRate,
            runs: runs,
            pauses: pauses,
            filledPauses: filledPauses,
            freezes: freezes,
            syllableNuclei: nuclei,
            metrics: FluencyMetrics(
                duration: duration, runs: runs, pauses: pauses,
                filledPauses: settings.filledPauseStability == nil ? nil : filledPauses.map(\.span), syllables: nuclei,
                freezes: freezes, minimumPause: settings.minimumPause,
                filledPauseStability: settings.filledPauseStability, freezeThreshold: settings.freezeThreshold),
            settings: settings,
            clippedSamples: clippedSamples,
            peakLevel: peakLevel,
            reliability: tracker.reliability
        )
    }

    /// Analyses a whole signal at once.
    public static func analyze(
        _ samples: [Float], sampleRate: Int, settings: AnalysisSettings = AnalysisSettings()
    ) -> AnswerAnalysis {
        var analyzer = SpeechAnalyzer(sampleRate: sampleRate, settings: settings)
        analyzer.process(samples)
        return analyzer.finish()
    }

    /// Joins speech separated by gaps shorter than a pause, so runs and pauses alternate.
    static func mergeShortGaps(
        _ segments: [TimeSpan], shorterThan minimum: Double, clampedTo duration: Double
    ) -> [TimeSpan] {
        var runs: [TimeSpan] = []
        for segment in segments {
            let clamped = TimeSpan(start: segment.start, end: min(segment.end, duration))
            if let last = runs.last, clamped.start - last.end < minimum {
                runs[runs.count - 1].end = max(last.end, clamped.end)
            } else {
                runs.append(clamped)
            }
        }
        return runs
    }
}

/// Where frames sit in time.
struct FrameTiming {
    /// The rate frames are cut at, in Hz.
    let sampleRate: Int
    let hop: Int
    let window: Int
    /// Seconds by which filtering before framing delayed the signal.
    let delay: Double

    /// Seconds at the centre of frame `index`, in the original stream's time.
    func centre(ofFrame index: Int) -> Double {
        (Double(index * hop) + Double(window) / 2) / Double(sampleRate) - delay
    }

    /// Frame range to seconds: a frame stands for the hop around its centre.
    func span(of range: ClosedRange<Int>) -> TimeSpan {
        let halfHop = Double(hop) / Double(sampleRate) / 2
        return TimeSpan(
            start: max(0, centre(ofFrame: range.lowerBound) - halfHop), end: centre(ofFrame: range.upperBound) + halfHop
        )
    }
}

/// A stretch of what may be the speaker's speech, as the detector ended it.
private struct Stretch {
    var span: TimeSpan
    /// Its loudest frame, in dB (`FrameFeatures.intensity`).
    var peak: Float
    /// In a room that rings, where its ringing tail began, in seconds
    /// (`SpeechTracker.ringingTailStart(of:judging:depth:)`).
    var tailStart: Double? = nil
    /// How loud it still was as it stopped: its loudest level 20 to 50 ms before its end, in dB
    /// (`SpeechTracker.closingLevel(of:judging:)`).
    var closingLevel: Float = -.infinity
    /// Where its loud part began, in seconds, when something quieter ran into it without a silence
    /// long enough to end a stretch: just after its last frame that fell under the speaker's range
    /// before its first loud frame (`SpeechTracker.loudOnset(of:)`); and the loudest frame before
    /// that, in dB.
    var loudOnset: (time: Double, peakBefore: Float)? = nil
}

/// Collects, frame by frame, the speech segments and syllable peaks.
///
/// Every frame teaches the models of the speaker and the room as it arrives, but is judged only
/// 30 s later (the look-ahead), and before the speaker has been heard at all only once they have
/// (the lead-in, up to a minute): a faint sound before the first word, or a television that was on
/// before the answer began, can then be told from the speaker from the first second. Stretches of
/// speech are checked against the speaker once more when the audio ends.
struct SpeechTracker: FrameConsumer {
    let frameTiming: FrameTiming
    private var detector: VoiceActivityDetector
    private var speaker = SpeakerModel()
    private var room = RoomEstimate()
    private var decay = RoomDecay()
    private(set) var syllables = SyllableNuclei()
    private var fillers: FilledPauseDetector?
    private var segments: [Stretch] = []
    /// Bursts too short to be speech on their own (`VoiceActivityDetector.Ending.burst`).
    private var bursts: [Stretch] = []
    /// Frames not judged yet: the lead-in, then the look-ahead.
    private var pending: [(index: Int, features: FrameFeatures)] = []
    private var pendingHead = 0
    /// How many of `pending` the room estimate has learnt from.
    private var learnt = 0
    /// Frames judged this long after they arrive (30 s), so that what the model learns from the rest
    /// of an answer (the speaker's level, other voices) applies from its first second.
    static let lookAhead = 3_000
    /// The loudest frame of the speaker's since the last stretch of speech ended, in dB, falling
    /// frames in a reverberant room included (`isFalling(at:roomFall:)`).
    private var peak = -Float.infinity
    /// The last frame counted as the speaker's speech (for `answerUnderWay`).
    private var lastSpeechFrame = Int.min / 2
    /// Since the last stretch of speech ended and until a frame within `loudSpeech` dB of the
    /// speaker's loud end was heard: the last frame further than `SpeakerModel.segmentRange` under
    /// it, and `peak` as it was then (see `Stretch.loudOnset`).
    private var lastDip: (index: Int, peakBefore: Float)?
    private var heardLoud = false
    /// Frames held back at most while waiting for the speaker (60 s).
    static let longestLeadIn = 6_000

    init(frameTiming: FrameTiming, minimumSpeechFrames: Int, fillers: FilledPauseDetector?) {
        self.frameTiming = frameTiming
        self.fillers = fillers
        detector = VoiceActivityDetector(minimumSpeechFrames: minimumSpeechFrames)
        pending.reserveCapacity(2_048)
    }

    /// Takes the next frame's features, and its vowel sound when it may hold a vowel.
    mutating func consume(frame index: Int, features: FrameFeatures, vowel: VowelSound?) {
        syllables.process(
            time: frameTiming.centre(ofFrame: index), intensity: features.intensity, lowBandShare: features.lowBandShare
        )
        room.observe(features)
        fillers?.process(intensity: features.intensity, vowel: vowel)
        decay.process(level: features.level)
        if !features.isDigitalSilence { speaker.learn(features) }
        pending.append((index, features))
        if speaker.level != nil { learnRoom() }
        let waiting = speaker.level == nil ? Self.longestLeadIn : Self.lookAhead
        while pending.count - pendingHead > waiting {
            if pendingHead == learnt { learnRoom() }  // a lead-in longer than a minute
            pendingHead += 1
            judge(at: pendingHead - 1)
        }
        if pendingHead >= 1_024 {
            let judged = pendingHead - Self.judgedKept
            pending.removeFirst(judged)
            learnt -= judged
            pendingHead = Self.judgedKept
        }
    }

    /// Tells the room estimate about the frames it has not seen yet, judged against the speaker's
    /// range as far as the speaker is known, but not against a quieter voice the speaker model has
    /// recognised: gated by that voice's level, the room stopped hearing the very voices it is
    /// there to find (other voices 10 dB down, seed 5: F1 0.836 → 0.760 with detector version 15).
    private mutating func learnRoom() {
        guard learnt < pending.count else { return }
        let batch = pending.count - learnt > 1
        for (_, features) in pending[learnt...] {
            room.learn(features, score: speaker.score(features, gatingAnotherVoice: false), refresh: !batch)
        }
        if batch { room.refreshGate() }
        learnt = pending.count
    }

    private mutating func judgePending() {
        learnRoom()
        room.refreshGate()
        for position in pendingHead..<pending.count { judge(at: position) }
        pending.removeAll()
        pendingHead = 0
        learnt = 0
    }

    /// Judges the frame at `position` of `pending`.
    private mutating func judge(at position: Int) {
        let (index, features) = pending[position]
        let reverberant = decay.isReverberant(signalToNoise: room.signalToNoise)
        // Before the speaker's first word nothing of theirs rings on, and nor does that word's
        // rise until its first stretch has ended: the stricter range for a reverberant room's
        // tails would only cut the soft start of that word (median latency error in rooms of 0.9
        // s: 17 → 8 ms; in rooms of 0.6 s, a real voice's first /s/ rising 26 dB under its loud
        // end: 51 → 21 ms, version 19).
        // A voice heard in the speaker's pauses is gated by its level unless the room's gate already
        // applies: where the room is full of other voices (10 dB down), their quiet syllables are
        // also the speaker's soft ones, and gating both cut the speaker's words (voices 10 dB: F1
        // 0.807 → 0.793 on the main corpus, 0.743 → 0.684 and 0.850 → 0.791 on two fresh ones).
        // The room learns without this gate (`learnRoom()`), or it would no longer hear the voices.
        let ringing = reverberant && lastSpeechFrame >= 0 && !(segments.isEmpty && isLoudestYet(at: position))
        var score = speaker.score(features, reverberant: ringing, gatingVoiceInPauses: room.backgroundGate == nil)
        // Where the speaker model has recognised the quieter voice, its own gate applies and the
        // room's does not: the room's, 6 dB over the level 40 % of the frames stay under, then cut
        // the speaker's soft frames as well (other voices 20 dB down: F1 0.977 → 0.971, and 1.000 →
        // 0.958 on a six-answer corpus, once the room heard the voices the speaker model gates).
        if speaker.anotherVoice == nil, let gate = room.backgroundGate, features.level < gate,
            syllableLevel(at: position, over: -Self.syllableReach) < gate + Self.wordTailMargin,
            index - lastSpeechFrame > Self.answerUnderWay
                || syllableLevel(at: position, over: Self.syllableRise) < gate + Self.wordTailMargin
        {
            score = 0
        }
        // A stretch's loudest frame is taken before the falling frames are left out: a syllable's
        // loudest frame is the one before its fall, and without it the stretches of a reverberant
        // room peaked 9 dB under the speaker's loud end, so that the first ones passed for another
        // voice in the lead-in and were left out (BENCHMARKS.md, version 19).
        if score > 0 { peak = max(peak, features.intensity) }
        if score > 0, reverberant, let fall = decay.medianFall(signalToNoise: room.signalToNoise),
            isFalling(at: position, roomFall: fall)
        {
            score = 0
        }
        if score > 0 { lastSpeechFrame = index }
        if !heardLoud, let level = speaker.level {
            if score > 0 && features.intensity >= level - Self.loudSpeech {
                heardLoud = true
            } else if features.intensity < level - speaker.segmentRange {
                lastDip = (index, peak)
            }
        }
        detector.adapt(toNoisyRoom: (room.signalToNoise ?? .infinity) < Self.noisyRoom)
        switch detector.process(frame: index, score: score) {
        case .speech(let speech):
            segments.append(
                Stretch(
                    span: frameTiming.span(of: speech), peak: peak,
                    tailStart: ringingTailDepth(reverberant: reverberant).map {
                        ringingTailStart(of: speech, judging: position, depth: $0)
                    },
                    closingLevel: closingLevel(of: speech, judging: position),
                    loudOnset: loudOnset(of: speech)))
            peak = -.infinity
            lastDip = nil
            heardLoud = false
        case .burst(let burst):
            bursts.append(Stretch(span: frameTiming.span(of: burst), peak: peak))
            peak = -.infinity
            lastDip = nil
            heardLoud = false
        case nil:
            break
        }
    }

    /// Where the loud part of the stretch of speech `frames` began, when a frame of it fell under
    /// the speaker's range (a silence too short to end the stretch) before its first loud frame: at
    /// the frame after the last such one (see `Stretch.loudOnset`). Nil when the stretch holds no
    /// loud frame.
    private func loudOnset(of frames: ClosedRange<Int>) -> (time: Double, peakBefore: Float)? {
        guard heardLoud, let dip = lastDip, frames.lowerBound < dip.index, dip.index < frames.upperBound else {
            return nil
        }
        return (frameTiming.span(of: dip.index + 1...dip.index + 1).start, dip.peakBefore)
    }

    /// Whether, in a reverberant room, the frame at `position` of `pending` is falling into the
    /// next as fast as the room dies away (`decayShare` of its median fall, `roomFall` dB per
    /// frame). Such a frame is not counted as speech. Inside a word the hangover carries speech over
    /// a few falling frames; a word's ringing tail falls on for longer, so the speech ends where
    /// the tail began instead of where it sank under the noise. (Reverberation 0.9 s: median
    /// boundary error 56 → 44 ms.)
    private func isFalling(at position: Int, roomFall: Float) -> Bool {
        guard position + 1 < pending.count else { return false }
        let level = pending[position].features.level
        guard level - pending[position + 1].features.level >= Self.decayShare * roomFall else { return false }
        return loudestBefore(position) >= level + Self.underRecentPeak
    }

    /// Whether the frame at `position` of `pending` is louder than every frame of the
    /// `tailLookBack` before it: a rise, not a ringing tail.
    private func isLoudestYet(at position: Int) -> Bool {
        pending[position].features.level > loudestBefore(position)
    }

    /// The loudest level of the `tailLookBack` frames before `position` of `pending` (−∞ for none).
    private func loudestBefore(_ position: Int) -> Float {
        loudestLevel(max(0, position - Self.tailLookBack)..<position)
    }

    /// The loudest level of the frames of `pending` at `positions`, in dB (−∞ for none).
    private func loudestLevel(_ positions: Range<Int>) -> Float {
        pending[positions].lazy.map(\.features.level).max() ?? -.infinity
    }

    /// Where in `pending` the frame `index` is, `position` being the frame now judged.
    private func pendingPosition(ofFrame index: Int, judging position: Int) -> Int {
        position - (pending[position].index - index)
    }

    /// A frame falling by this share of the room's median fall, or more, is ringing out…
    static let decayShare: Float = 0.6
    /// …once it lies this many dB under a frame of the `tailLookBack` frames (0.2 s) before it: a
    /// tail falls from a louder sound, while a word's first frames are the loudest yet, and cutting
    /// those that fell made response latencies late (a real voice in rooms of 0.6 s, seed 35: median
    /// latency error 57 → 37 ms; version 19).
    static let underRecentPeak: Float = 3
    static let tailLookBack = 20

    /// Where the ringing tail of the stretch of speech `frames` began, in seconds, in a room that
    /// rings: at the end of the last frame within `depth` dB (`tailDepth`, or `lightTailDepth`) of
    /// the loudest of its last `tailSearch` frames (its last syllable), `position` being the frame
    /// of `pending` now judged.
    /// A tail flickers as it dies away, so `isFalling(at:roomFall:)` leaves some of its frames as
    /// speech, and a stretch ended 0.1–0.2 s after the speaker stopped (RT60 0.9 s, median).
    private func ringingTailStart(of frames: ClosedRange<Int>, judging position: Int, depth: Float) -> Double {
        let last = pendingPosition(ofFrame: frames.upperBound, judging: position)
        let first = max(0, last - Self.tailSearch, last - (frames.count - 1))
        let loudest = loudestLevel(first..<last + 1)
        var end = last
        while end > first && pending[end].features.level < loudest - depth { end -= 1 }
        return frameTiming.span(of: frames.lowerBound...pending[end].index).end
    }

    /// How far under its last syllable a stretch of speech ends in this room, in dB (`tailDepth` in a
    /// `reverberant` one, `lightTailDepth` in one that rings lightly); nil in a dry room.
    private func ringingTailDepth(reverberant: Bool) -> Float? {
        if reverberant { return Self.tailDepth }
        return decay.ringsLightly(signalToNoise: room.signalToNoise) ? Self.lightTailDepth : nil
    }

    /// The loudest level of the frames `closingFrames` before the last of the stretch of speech
    /// `frames`, `position` being the frame of `pending` now judged (see `Stretch.closingLevel`).
    private func closingLevel(of frames: ClosedRange<Int>, judging position: Int) -> Float {
        let last = pendingPosition(ofFrame: frames.upperBound, judging: position)
        return loudestLevel(
            max(0, last - Self.closingFrames.upperBound)..<max(0, last - Self.closingFrames.lowerBound) + 1)
    }

    /// Which frames before a stretch's last one tell how loud it still was as it stopped.
    static let closingFrames = 2...4

    /// How far back from a stretch's end its last syllable is looked for, in frames (0.5 s).
    static let tailSearch = 50
    /// How far under its last syllable's loudest frame a stretch of speech ends in a reverberant
    /// room, in dB. Where the speaker stopped (the truth's end of speech), the level had fallen a
    /// median 11 dB from there at RT60 0.9 s and 14 dB at 0.6 s (main and held-out corpora).
    static let tailDepth: Float = 12
    /// The same in a room that rings lightly (`RoomDecay.ringsLightly(signalToNoise:)`), where a
    /// pause is not hidden but starts late: the speaker stopped a median 15 to 17 dB under their
    /// last syllable in rooms of 0.3 s (synthesized and read speech; the alsa-utils voice 22), and
    /// speech ran on into the ringing, so pauses started 66 to 75 ms late (version 21).
    static let lightTailDepth: Float = 18

    /// A room whose signal-to-noise ratio is under this many dB is noisy (white noise 10 dB under
    /// the speech measures 13–16.5 dB; 20 dB under, 22.5 dB or more).
    static let noisyRoom = 18.0

    /// The level, in dB, of the syllable whose falling side (`frames` < 0: followed back) or rising
    /// side (`frames` > 0: followed ahead) the frame at `position` of `pending` may be on: the
    /// loudest level going from the frame that way, as long as the intensity keeps within
    /// `syllableDip` dB of the loudest reached (a valley that deep ends a syllable), at most
    /// |`frames`| frames.
    private func syllableLevel(at position: Int, over frames: Int) -> Float {
        var loudest = pending[position].features.intensity
        var level = pending[position].features.level
        let last = min(max(0, position + frames), pending.count - 1)
        for other in stride(from: position + frames.signum(), through: last, by: frames.signum()) {
            let features = pending[other].features
            if features.intensity < loudest - Self.syllableDip { break }
            loudest = max(loudest, features.intensity)
            level = max(level, features.level)
        }
        return level
    }

    /// Under the background gate, the tail of a word is still the speaker's when the syllable it
    /// ends rose this far above the gate, in dB: the other voices fill the speaker's pauses but
    /// not up to there, and a word's tail ringing on under them belongs to the word. So is the
    /// rise of a word into such a syllable, once the answer is under way (`answerUnderWay`).
    static let wordTailMargin: Float = 3
    /// A fall of this many dB from the loudest frame reached ends a syllable.
    static let syllableDip: Float = 3
    /// How far back a syllable is followed from a frame, in frames.
    static let syllableReach = 15
    /// How far ahead a syllable's rise is followed, in frames (a syllable reaches its peak within
    /// 100 ms of its onset; followed further, the rise took in the other voices before it).
    static let syllableRise = 10
    /// Rises are kept only within this many frames (1 s) of the speaker's last speech: inside an
    /// answer under way. Before the first word, or after a long pause, the other voices rise into
    /// the speaker's onset too, and keeping rises there took the median latency error at 20 dB
    /// from 9 to 26 ms.
    static let answerUnderWay = 100
    /// Frames already judged that stay in `pending`, for `syllableLevel(at:over:)` and
    /// `ringingTailStart(of:judging:)` (which looks back from a stretch's end, itself a hangover
    /// behind the frame judged).
    static let judgedKept = syllableReach + tailSearch

    /// The verdict on the whole recording (once `finish()` has run). Other voices show in the quiet
    /// part of the recording (`RoomEstimate`), as syllables far quieter than the speaker's
    /// (`SpeakerModel`), or in the lead-in, as first stretches of "speech" that are not the
    /// speaker's (`otherVoiceLeadIn(_:)`, or a first stretch `quietestStart` dB under their loud end).
    var reliability: Reliability {
        var verdict = room.reliability
        if speaker.anotherVoice != nil || speaker.voiceInPauses != nil || leadInWasAnotherVoice {
            verdict.backgroundSpeech = true
        }
        if let level = speaker.level, let first = segments.first(where: { speaker.isSpeaker(peak: $0.peak) }),
            first.peak < level - Self.quietestStart
        {
            verdict.backgroundSpeech = true
        }
        return verdict
    }

    /// Whether `finish()` left out first stretches as another voice's (`otherVoiceLeadIn(_:)`).
    private var leadInWasAnotherVoice = false

    /// How many stretches at the start of `speech` are another voice's, taken for the speaker's
    /// first words (the response latency would come out too short): those before the speaker's
    /// first loud stretch (within `loudSpeech` dB of their loud end), when every one of them peaks
    /// `quietStart` dB or more under that loud end and the loud stretch begins `quietStartGap`
    /// seconds or more after the first. People's first words are as loud as the rest, or lead
    /// straight into louder ones: in the accuracy corpora (899 answers whose first stretch was the
    /// speaker's) a first stretch peaked more than 8 dB under the loud end twice, each followed by
    /// loud speech 0.34 and 0.56 s later; another voice in the lead-in peaked 7 to 20 dB under it,
    /// and the speaker's loud speech began 0.46 to 3 s later. The loud end must also be the
    /// speaker's and not one stretch's: `loudStretches` of the stretches from the loud one on reach
    /// it. In a room of 0.3 s the room built one long vowel of a short answer up 5 dB over every
    /// other stretch, and the speaker's first words were taken for another voice (response latency
    /// 1.5 s late; version 23).
    private func otherVoiceLeadIn(_ speech: [Stretch]) -> Int {
        guard let level = speaker.level, let loud = speech.firstIndex(where: { $0.peak >= level - Self.loudSpeech }),
            loud > 0, speech[..<loud].allSatisfy({ $0.peak < level - Self.quietStart }),
            speech[loud].span.start - speech[0].span.start >= Self.quietStartGap,
            speech[loud...].count(where: { $0.peak >= level - Self.loudSpeech }) >= Self.loudStretches
        else { return 0 }
        return loud
    }

    /// A first stretch of "speech" whose loudest frame lies this far under the speaker's loud end,
    /// in dB, is probably not theirs (the answer is flagged; the stretch is kept).
    static let quietestStart: Float = 15
    /// `speech` without another voice's lead-in (`otherVoiceLeadIn(_:)`), nil when it has none. That
    /// voice may run into the speaker's first words with no silence long enough to end a stretch
    /// (a single talker, whose words follow one another closely): the first loud stretch is then
    /// judged as two, split at its loud onset (`Stretch.loudOnset`). One talker 10 dB under the
    /// speaker, talking before the answer began, so gave response latencies 0.4 to 3.5 s too short
    /// in 26 of 116 such answers over the accuracy corpora, 14 of them with no caution (version 25:
    /// 6 and 4).
    private func withoutOtherVoiceLeadIn(_ speech: [Stretch]) -> [Stretch]? {
        if let level = speaker.level, let loud = speech.firstIndex(where: { $0.peak >= level - Self.loudSpeech }),
            let onset = speech[loud].loudOnset
        {
            var before = speech[loud]
            before.span.end = onset.time
            before.peak = onset.peakBefore
            var after = speech[loud]
            after.span.start = onset.time
            let split = Array(speech[..<loud] + [before, after] + speech[(loud + 1)...])
            let otherVoice = otherVoiceLeadIn(split)
            if otherVoice > loud { return Array(split.dropFirst(otherVoice)) }
        }
        let otherVoice = otherVoiceLeadIn(speech)
        return otherVoice > 0 ? Array(speech.dropFirst(otherVoice)) : nil
    }

    /// Whether the room may ring (`RoomDecay.mayRing`), and so colour the speaker's phrases: its
    /// response lifts some frequencies and sinks others by up to 10 dB, and a voice whose pitch sits
    /// on a peak in one phrase and off it in the next swings from phrase to phrase. The alsa-utils
    /// voice, 90 % of whose power lies at its pitch (180–270 Hz), had one first phrase 7 dB louder
    /// than in the dry room and the rest 2–3 dB quieter: a quiet start there is no sign of another
    /// voice by itself, and `otherVoiceLeadIn(_:)` is trusted only where other voices were heard as
    /// well. Over the accuracy corpora, 8 answers of that voice in rooms of 0.3–0.9 s lost their
    /// first phrase to that rule (response latency 0.66–2.0 s late), none of them with other voices,
    /// their rooms' median falls 0.5–1.98 dB per frame; of the answers with another voice in the
    /// lead-in and no other sign of it, none fell slower than 2.2 (versions 29 and 31).
    private var roomColoursPhrases: Bool {
        decay.mayRing(signalToNoise: room.signalToNoise)
    }

    /// See `otherVoiceLeadIn(_:)`.
    static let quietStart: Float = 8
    static let loudSpeech: Float = 6
    static let quietStartGap = 0.6
    static let loudStretches = 2

    /// Closes any open segment and returns the stretches of the speaker's speech; a silence of
    /// `minimumPause` seconds or more between two of them is a pause.
    mutating func finish(minimumPause: Double) -> [TimeSpan] {
        judgePending()
        fillers?.finish()
        if case .speech(let speech) = detector.finish() {
            segments.append(Stretch(span: frameTiming.span(of: speech), peak: peak))
        }
        var speech = segments.filter { speaker.isSpeaker(peak: $0.peak) }
        if !roomColoursPhrases || reliability.backgroundSpeech, let answer = withoutOtherVoiceLeadIn(speech) {
            leadInWasAnotherVoice = true
            speech = answer
        }
        if reliability.backgroundSpeech {
            let islands = otherVoiceIslands(speech, minimumPause: minimumPause)
            speech = speech.indices.filter { !islands.contains($0) }.map { speech[$0] }
        }
        let blips = Self.phrases(of: speech, minimumPause: minimumPause).filter { phrase in
            speech[phrase.upperBound - 1].span.end - speech[phrase.lowerBound].span.start < Self.shortestPhrase
        }
        for phrase in blips.reversed() { speech.removeSubrange(phrase) }
        speech = Self.bridged(speech, by: bursts, minimumPause: minimumPause)
        // Before a pause, or at the end, a stretch ends where its ringing tail began. Between the
        // stretches of a phrase the tail is left: cutting it there made gaps of 0.15–0.25 s into
        // false pauses (RT60 0.6 s: precision 0.988 → 0.930).
        for index in speech.indices {
            guard let tail = speech[index].tailStart else { continue }
            let next = speech.index(after: index)
            if next == speech.endIndex || speech[next].span.start - speech[index].span.end >= minimumPause {
                speech[index].span.end = min(speech[index].span.end, tail)
            }
        }
        return joinedAcrossHiddenWordEnds(speech, minimumPause: minimumPause).map(\.span)
    }

    /// `speech` with the silences that may be a word's end hidden under a noisy room's noise, or
    /// under other voices, joined: a silence shorter than `minimumPause` plus `hiddenWordEnd` after a
    /// stretch that stopped abruptly (`Stretch.closingLevel`). A word stops that abruptly at a stop's
    /// closure or before a weak fricative ("of", "spades"), whose quiet sound goes on under the noise;
    /// a phrase fades towards a pause, and its end sinks into the noise where it truly ends. Where
    /// the room lies less than `hidingRoom` dB under the speaker, a stretch stopped abruptly when it
    /// was still `abruptStop` dB or more over the room; where other voices were heard, whose gate
    /// hides the speaker's quiet sounds as the noise does, when it was still within
    /// `abruptUnderVoices` dB of the speaker's loud end.
    private func joinedAcrossHiddenWordEnds(_ speech: [Stretch], minimumPause: Double) -> [Stretch] {
        var abrupt: Float
        if reliability.backgroundSpeech {
            guard let level = speaker.level else { return speech }
            abrupt = level - Self.abruptUnderVoices
            if let gate = otherVoicesGate, gate >= level - speaker.range + Self.hiddenUnderVoices {
                abrupt = min(abrupt, gate + Self.abruptOverVoices)
            }
        } else {
            guard let signalToNoise = room.signalToNoise, signalToNoise < Self.hidingRoom else { return speech }
            abrupt = room.quietLevel + Self.abruptStop
        }
        var joined: [Stretch] = []
        for stretch in speech {
            if let last = joined.last, last.closingLevel >= abrupt,
                stretch.span.start - last.span.end < minimumPause + Self.hiddenWordEnd
            {
                joined[joined.count - 1].span.end = stretch.span.end
                joined[joined.count - 1].closingLevel = stretch.closingLevel
                joined[joined.count - 1].peak = max(last.peak, stretch.peak)
            } else {
                joined.append(stretch)
            }
        }
        return joined
    }

    /// A room under this many dB beneath the speaker hides the quiet ends of words (the
    /// signal-to-noise ratio of `Reliability`): every answer with steady noise 10 dB under the speech
    /// read 12.5 to 22.5 dB in the accuracy corpora, every one at 20 dB 22.5 dB or more. The truth
    /// counts as speech all that lies within 35 dB of the speaker's loud end, so there 13 dB or
    /// more of it lies under the room.
    static let hidingRoom = 22.5
    /// How much longer than a pause such a silence must be, in seconds: the quiet word ends lost
    /// under the noise made gaps of 0.1 to 0.2 s between words into false pauses of 0.25 to 0.30 s.
    static let hiddenWordEnd = 0.06
    /// How far over the room's quiet level a stretch must still be as it stops, in dB, to have
    /// stopped abruptly. Of the silences of 0.25 to 0.31 s in such rooms over the accuracy corpora
    /// (version 19: 79 false pauses, 21 true), the stretch before was this far over the level inside
    /// the silence for 54 of the false and 3 of the true (BENCHMARKS.md, version 20).
    static let abruptStop: Float = 6
    /// How near the speaker's loud end a stretch must still be as it stopped, in dB, to have stopped
    /// abruptly in a room with other voices. Of the silences of 0.25 to 0.31 s between stretches of
    /// the speaker's in such rooms over the accuracy corpora (version 25: 307 not pauses, 58 true
    /// ones), the stretch before was still this near for 134 of the false and 6 of the true
    /// (BENCHMARKS.md, version 26).
    static let abruptUnderVoices: Float = 10
    /// Where the other voices' gate (`otherVoicesGate`) hides at least this many dB of the speaker's
    /// range (`SpeakerModel.range`)… With other voices 20 dB down the gate lay 18 to 24 dB under the
    /// loud end, 30 dB down 27 to 33 dB under: there it hides little, and the rule below lost more
    /// true pauses than it removed false ones (BENCHMARKS.md, version 27).
    static let hiddenUnderVoices: Float = 10
    /// …a stretch also stopped abruptly when it was still this many dB over that gate as it stopped
    /// (5 dB: fewer false pauses gone, 95 → 74 where 3 dB gave 95 → 53, over the accuracy corpora).
    static let abruptOverVoices: Float = 3

    /// The level under which other voices hide the speaker's sounds, in dB: the gate of the quieter
    /// voice the speaker model recognised, else the room's, else that of the voice heard in the
    /// speaker's pauses (as `judge(at:)` applies them); nil where none is known.
    private var otherVoicesGate: Float? {
        if let voice = speaker.anotherVoice { return voice + SpeakerModel.anotherVoiceMargin }
        if let gate = room.backgroundGate { return gate }
        return speaker.voiceInPauses.map { $0 + SpeakerModel.anotherVoiceMargin }
    }

    /// `speech` with the bursts that bridge a silence of `minimumPause` or more: a chain of bursts
    /// from the stretch before the silence to the one after it, each less than `minimumPause` from
    /// the last. A stop's release between its closure and the next sound is such a burst (a /t/
    /// released 25 ms after a 140 ms closure and followed by a 125 ms gap); dropped, the closure,
    /// the release and the gap made a false pause.
    private static func bridged(_ speech: [Stretch], by bursts: [Stretch], minimumPause: Double) -> [Stretch] {
        guard !bursts.isEmpty else { return speech }
        var result: [Stretch] = []
        var next = 0
        for stretch in speech {
            if let previous = result.last, stretch.span.start - previous.span.end >= minimumPause {
                while next < bursts.count && bursts[next].span.start < previous.span.end { next += 1 }
                var chain: [Stretch] = []
                var reached = previous.span.end
                while next < bursts.count, case let burst = bursts[next], burst.span.end <= stretch.span.start,
                    burst.span.start - reached < minimumPause
                {
                    chain.append(burst)
                    reached = burst.span.end
                    next += 1
                }
                if !chain.isEmpty && stretch.span.start - reached < minimumPause { result += chain }
            }
            result.append(stretch)
        }
        return result
    }

    /// A phrase shorter than this, in seconds, is not a word: a word said on its own between two
    /// pauses is a stressed syllable, lengthened at the end of its phrase (Klatt 1976, "Linguistic
    /// uses of segmental duration in English", JASA 59(5)). In the accuracy corpora such blips of
    /// 50–60 ms were other voices' syllable peaks and cut a pause in two; the shortest phrase of the
    /// speaker's own, a quick "um" alone, measured 0.17 s.
    static let shortestPhrase = 0.1

    /// `speech` in phrases (by index): stretches separated by silences shorter than `minimumPause`
    /// seconds.
    private static func phrases(of speech: [Stretch], minimumPause: Double) -> [Range<Int>] {
        var phrases: [Range<Int>] = []
        var first = 0
        while first < speech.count {
            var end = first + 1
            while end < speech.count && speech[end].span.start - speech[end - 1].span.end < minimumPause { end += 1 }
            phrases.append(first..<end)
            first = end
        }
        return phrases
    }

    /// The stretches of `speech` (by index) that are another voice's, heard in the speaker's pauses
    /// or after their last words: in a room where other voices were heard, the phrases (stretches
    /// between two pauses of `minimumPause` seconds or more) after the first that peak `quietStart`
    /// dB or more under the speaker's loud end and hold no held vowel (a filled pause is the
    /// speaker's own hesitation, often quiet, between two pauses). Without the pauses they would
    /// be the quiet end or start of a phrase (in the accuracy corpora, a last word 9 dB under the
    /// loud end). The first phrase is `otherVoiceLeadIn(_:)`'s to judge. Without the other voices'
    /// condition, the rule left stretches out only of answers with other voices in the accuracy
    /// corpora, but for one "erm" between two pauses, which the held-vowel condition keeps.
    private func otherVoiceIslands(_ speech: [Stretch], minimumPause: Double) -> Set<Int> {
        guard let level = speaker.level else { return [] }
        var islands = Set<Int>()
        for phrase in Self.phrases(of: speech, minimumPause: minimumPause).dropFirst()
        where phrase.allSatisfy({ speech[$0].peak < level - Self.quietStart })
            && !holdsAVowel(
                TimeSpan(start: speech[phrase.lowerBound].span.start, end: speech[phrase.upperBound - 1].span.end))
        {
            islands.formUnion(phrase)
        }
        return islands
    }

    /// Whether a held vowel (one of `FilledPauseDetector`'s runs, judged or not) is centred in `span`.
    /// With the search for filled pauses off, no vowel is known to be held, and it is not.
    private func holdsAVowel(_ span: TimeSpan) -> Bool {
        fillers?.events.contains { event in
            let held = frameTiming.span(of: event.frames)
            let centre = (held.start + held.end) / 2
            return span.start <= centre && centre <= span.end
        } ?? false
    }

    /// The held vowels that are the speaker's filled pauses: loud enough to be theirs, central for
    /// their voice, and centred in their `speech` (the stretches `finish()` returned). A held vowel
    /// that is the most of its stretch (`FilledPauseDetector.fillsItsStretch`) is a filled pause as
    /// long as that stretch, or as itself where it runs on past it: the held vowel alone left out
    /// the nasal, the fading end and the onset, and the filled pauses found in the seven filler
    /// corpora were a median 0.19–0.20 s shorter than they were; taking in the stretch, 0.01 s longer
    /// (version 30). A held vowel too short to judge anywhere counts only when it is a short phrase
    /// on its own (`phrases`: the speech between pauses), and the filled pause is then the whole
    /// phrase, its nasal included.
    func filledPauses(within speech: [TimeSpan], phrases: [TimeSpan]) -> [FilledPause] {
        guard let fillers else { return [] }
        let typical = speaker.level.flatMap { fillers.vowelSpace.typicalSecondFormant(loudEnd: $0) }
        var found: [FilledPause] = []
        for event in fillers.events where speaker.isSpeaker(peak: event.peak) {
            let span = frameTiming.span(of: event.frames)
            let centre = (span.start + span.end) / 2
            let holding: (TimeSpan) -> Bool = { $0.start <= centre && centre <= $0.end }
            let filler: TimeSpan
            if fillers.isLongEnough(event) {
                guard let stretch = speech.first(where: holding) else { continue }
                let alone = FilledPauseDetector.standsAlone(span, in: stretch)
                guard alone || FilledPauseDetector.holdsItsLoudness(event),
                    fillers.isCentral(event, typicalSecondFormant: typical, standingAlone: alone)
                else { continue }
                filler = FilledPauseDetector.fillsItsStretch(span, stretch) ? span.covering(stretch) : span
            } else {
                guard let phrase = phrases.first(where: holding),
                    FilledPauseDetector.isShortPhrase(phrase, around: span),
                    fillers.isCentral(event, typicalSecondFormant: typical, standingAlone: true)
                else { continue }
                filler = phrase
            }
            let confidence = min(1, max(0, 1 - Double(event.meanChange) / Double(fillers.stability)))
            // Two held vowels of one stretch or short phrase are one filled pause.
            if let last = found.last, last.span.end > filler.start {
                found[found.count - 1] = FilledPause(
                    span: last.span.covering(filler), confidence: max(last.confidence, confidence))
                continue
            }
            found.append(FilledPause(span: filler, confidence: confidence))
        }
        return found
    }
}
