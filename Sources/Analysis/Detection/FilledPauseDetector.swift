/// Finds filled pauses ("uh", "um", "er", "erm") as a vowel held far longer than fluent speech holds
/// one, streaming, one frame at a time.
///
/// A filled pause is a sustained central vowel, optionally closing into a nasal, 0.2 s to over a
/// second long, with stable formants and a flat or slowly falling pitch (Shriberg 1994,
/// "Preliminaries to a theory of speech disfluencies", PhD thesis, UC Berkeley; Audhkhasi et al.
/// 2009, "Formant-based technique for automatic filled-pause detection in spontaneous spoken
/// English", ICASSP). Fluent speech moves its formants every few tens of milliseconds. So a frame
/// is part of a held vowel when it is voiced and its timbre (`Timbre`) changes by less than
/// `stability` dB per 20 ms (scaled to all of the timbre's bands from those heard above the noise),
/// as the median over the 90 ms around it (a median, so a held vowel's
/// edges and a single irregular period do not break it up); a run of such frames at least
/// `minimumFrames` long (or a shorter one that is a short phrase on its own, `isShortPhrase`) is a
/// filled pause when its loudness holds steady, when its vowel is central
/// for the speaker's voice and does not glide (`isCentral`: what tells "uh" from a held "so", "well"
/// or "and"), when it is loud enough to be the speaker's and when it lies in their speech (checked by
/// `SpeechTracker` once the speaker is known).
struct FilledPauseDetector {
    /// A held vowel, in frames, with how stable it was.
    struct Event {
        var frames: ClosedRange<Int>
        /// Mean smoothed timbre change over the run, in dB (lower is steadier).
        var meanChange: Float
        /// The loudest frame, in dB, as `FrameFeatures.intensity`.
        var peak: Float
        /// How fast the intensity changed over the run, in dB per frame (least squares).
        var slope: Float
        /// The run's median F2 in Hz over its frames within `vowelRange` of its loudest, nil when it
        /// could not be read.
        var secondFormant: Float?
        /// How far F2 moved over the run, in Hz: the median over its last third less that over its
        /// first (of its frames within `vowelRange` of its loudest). A diphthong (/oʊ/ of "so") or a
        /// vowel into a consonant (/ɛl/ of "well") glides, a filled pause holds. Medians, because a
        /// frame's estimate now and then takes F3 for F2.
        var secondFormantDrift: Float
    }

    /// Frames with at least this share of their power below 1 kHz may hold a vowel.
    static let voicedShare: Float = 0.4
    /// Timbre change is measured between frames this far apart (20 ms).
    static let lag = 2
    /// A held vowel may waver for this many frames (30 ms) and go on.
    static let longestBreak = 3
    /// Frames whose median, centred, is the smoothed change (90 ms).
    static let smoothing = 9
    /// The change given to a frame without a vowel's timbre (a consonant, silence), in dB: more
    /// than any threshold, so such a frame is never steady.
    static let noVowel: Float = 30

    /// A held vowel whose intensity falls faster than this, in dB per frame (15 dB/s), is the ringing
    /// tail of a word in a reverberant room (RT60 0.6 s decays 1 dB per frame) or a word's ending
    /// dying away, not a filled pause, which a speaker holds at a steady level...
    static let fastestFall: Float = -0.15
    /// ... unless it holds its timbre this many frames (0.5 s) or more: a tail or a word's ending
    /// has faded into the noise long before (RT60 0.9 s: 33 dB in 0.5 s), while a trailing "uhhh"
    /// may fade as it goes on.
    static let longHold = 50

    /// Whether a held vowel keeps its loudness as a filled pause does (see `fastestFall`).
    static func holdsItsLoudness(_ event: Event) -> Bool {
        event.slope > fastestFall || event.frames.count >= longHold
    }

    /// Whether a held vowel (`span`, seconds) is a stretch of speech on its own, `stretch`: silence
    /// before it, and after it at most a nasal's length ("um"). Such a vowel need not keep its
    /// loudness: "(pause) uhh (pause)" is the hesitation itself, however it fades, while the
    /// lengthened words that fade as fast ("so…", "and…", "well…") sit inside a phrase, with a
    /// consonant or the rest of the phrase before or after them in the same stretch.
    static func standsAlone(_ span: TimeSpan, in stretch: TimeSpan) -> Bool {
        span.start - stretch.start <= aloneBefore && stretch.end - span.end <= aloneAfter
    }
    /// At most this much of the stretch before the held vowel (its onset), in seconds...
    static let aloneBefore = 0.12
    /// ... and after it (the nasal closing "um", "erm").
    static let aloneAfter = 0.25

    /// Whether a filled pause's held vowel (`span`, seconds) is the most of its `stretch`, so that
    /// the filled pause is the whole stretch: the vowel begins or ends the stretch (as `standsAlone`
    /// judges each side) and the rest of it, at the other end, is at most `restOfStretch` long. The
    /// held vowel leaves out what does not hold its timbre: the nasal of "um", the fading end, an
    /// onset. Over the filler corpora the stretch went on 0.26–0.72 s after a held vowel that
    /// began it, and ended within 0.05 s of the true filled pause's end but for two (flite's rms
    /// voice, 0.24 s short); from 0.74 s on it was the next phrase, said without a pause.
    static func fillsItsStretch(_ span: TimeSpan, _ stretch: TimeSpan) -> Bool {
        let before = span.start - stretch.start, after = stretch.end - span.end
        return (before <= aloneBefore && after <= restOfStretch) || (after <= aloneAfter && before <= restOfStretch)
    }
    /// Seconds; see `fillsItsStretch`.
    static let restOfStretch = 0.5

    /// A filled pause's vowel is central ("uh" /ʌ/, "er" /ɜ/): its F2, as a share of the speaker's
    /// typical F2 (`VowelSpace`), lies in this range. Back vowels lie lower (/oʊ/ of "so"), front
    /// vowels higher (/æ/ of "and", /ɛ/ of "well"). Men's averages in Hillenbrand et al. 1995
    /// ("Acoustic characteristics of American English vowels", JASA 97(5)): F2 1200 Hz for /ʌ/ and
    /// 1379 for /ɝ/, against 910 for /o/, 1799 for /ɛ/ and 1952 for /æ/, around a mean of about
    /// 1500 over their twelve vowels. The range was set on the seed-7 accuracy corpus and checked on
    /// a held-out one (BENCHMARKS.md).
    static let centralSecondFormant: ClosedRange<Float> = 0.75...1.1
    /// Inside a phrase, where the drawn-out words are, the range starts higher: the estimate put
    /// some drawn-out "so"s at 0.79–0.80 (festival, flite kal16), and from 0.8 the fluent answers
    /// full of drawn-out words gave 0.38 false filled pauses a minute instead of 0.63. A filled pause
    /// standing alone (`standsAlone`) keeps the whole range.
    static let centralInPhrase: ClosedRange<Float> = 0.8...1.1
    /// ... and its F2 does not glide down by more than this share of the speaker's typical F2 over
    /// the run, as the diphthong /oʊ/ and a vowel into /l/ do.
    static let steepestGlide: Float = -0.15
    /// Standing alone, a held vowel may glide further: an "er" trailing off on its own lets its F2
    /// sink with it (flite's awb voice: 0.20 of the typical F2), while the drawn-out words the
    /// glide test is for sit inside phrases. Set on the seed-7 filler corpus, checked on a held-out
    /// one (BENCHMARKS.md).
    static let steepestGlideAlone: Float = -0.25
    /// A run's frames more than this many dB under its loudest are not judged for vowel quality.
    static let vowelRange: Float = 6
    /// How many frames of a run keep their formants (6 s: far longer than any filled pause).
    static let longestRun = 600

    /// A run up to this many frames (50 ms) shorter than `minimumFrames` still counts when its vowel
    /// is unmistakably central and level: F2 within `clearlyCentral` of the speaker's typical F2 and
    /// moving by less than `levelGlide` of it. The less there is to judge, the stricter the test.
    static let shortRunAllowance = 5
    static let clearlyCentral: ClosedRange<Float> = 0.8...1.0
    static let levelGlide: Float = 0.05

    /// A held vowel shorter still, down to this many frames (0.1 s), counts only when it is a short
    /// phrase on its own (`isShortPhrase`): a quick "um" of 0.25 s holds its vowel for about 0.13 s
    /// before the nasal, no longer than a stressed vowel in fluent speech, so only where it stands
    /// tells it apart.
    static let shortestHold = 10
    /// Seconds: the longest phrase that can be a short held vowel and its nasal and little else.
    static let shortPhrase = 0.6

    /// Whether a held vowel is long enough to be judged wherever it lies (else only by
    /// `isShortPhrase`).
    func isLongEnough(_ event: Event) -> Bool {
        event.frames.count >= minimumFrames - Self.shortRunAllowance
    }

    /// Whether `phrase` (speech between two pauses, seconds) is a short held vowel at `span` and
    /// little else: at most `shortPhrase` long, the vowel standing alone in it (`standsAlone`).
    static func isShortPhrase(_ phrase: TimeSpan, around span: TimeSpan) -> Bool {
        phrase.duration <= shortPhrase && standsAlone(span, in: phrase)
    }

    /// Whether a held vowel has a filled pause's quality, for a speaker whose typical F2 is
    /// `typicalSecondFormant` (Hz), `standingAlone` between silences or inside a phrase. Without
    /// formants it cannot be told from a held word, and is not.
    func isCentral(_ event: Event, typicalSecondFormant typical: Float?, standingAlone: Bool) -> Bool {
        guard let typical, typical > 0, let secondFormant = event.secondFormant else { return false }
        let position = secondFormant / typical, glide = event.secondFormantDrift / typical
        if event.frames.count < minimumFrames {
            return Self.clearlyCentral.contains(position) && abs(glide) < Self.levelGlide
        }
        let range = standingAlone ? Self.centralSecondFormant : Self.centralInPhrase
        return range.contains(position) && glide > (standingAlone ? Self.steepestGlideAlone : Self.steepestGlide)
    }

    /// Largest smoothed timbre change, in dB per 20 ms, of a held vowel.
    let stability: Float
    /// Shortest run of held-vowel frames that counts (or `shortRunAllowance` less, see there).
    let minimumFrames: Int
    private(set) var events: [Event] = []
    /// The last `smoothing` frames' vowel sounds, by `frame % smoothing`.
    private var vowels: [VowelSound?]
    /// Where the speaker's vowels lie, learnt from every voiced frame.
    private(set) var vowelSpace = VowelSpace()
    /// The last `smoothing` frames' changes and intensities.
    private var changes: [Float]
    private var intensities: [Float]
    /// Scratch space for the median, so no frame allocates.
    private var sorted: [Float]
    private var frame = 0
    private var run: Run?
    /// The F2 and intensity (Hz, dB) of the run's frames, in order (its first `longestRun` frames);
    /// space for them, and for sorting them, is set aside once.
    private var runFormants: [SIMD2<Float>] = []
    private var scratch: [Float] = []

    /// A run of held-vowel frames being followed.
    private struct Run {
        var first: Int
        /// The latest steady frame.
        var last: Int
        var changeSum: Float = 0
        var peak = -Float.infinity
        /// Sums for the least-squares slope of intensity against frame (x counted from `first`).
        var x: Float = 0, y: Float = 0, xy: Float = 0, xx: Float = 0, count: Float = 0

        mutating func add(change: Float, intensity: Float) {
            let position = count
            changeSum += change
            peak = max(peak, intensity)
            x += position
            y += intensity
            xy += position * intensity
            xx += position * position
            count += 1
        }

        var slope: Float {
            let denominator = count * xx - x * x
            return denominator > 0 ? (count * xy - x * y) / denominator : 0
        }
    }

    init(stability: Float, minimumFrames: Int) {
        self.stability = stability
        self.minimumFrames = minimumFrames
        vowels = Array(repeating: nil, count: Self.smoothing)
        runFormants.reserveCapacity(Self.longestRun)
        scratch.reserveCapacity(Self.longestRun)
        changes = Array(repeating: Self.noVowel, count: Self.smoothing)
        intensities = Array(repeating: -120, count: Self.smoothing)
        sorted = changes
    }

    /// Takes the next frame's intensity (`FrameFeatures.intensity`) and its vowel sound, nil when it
    /// holds no vowel (frames arrive in order, from 0).
    mutating func process(intensity: Float, vowel: VowelSound?) {
        let earlier = frame >= Self.lag ? vowels[(frame - Self.lag) % Self.smoothing] : nil
        vowels[frame % Self.smoothing] = vowel
        if let formants = vowel?.formants { vowelSpace.learn(secondFormant: formants[1], intensity: intensity) }
        var change = Self.noVowel
        if let now = vowel, let earlier, case let heard = min(now.audibleBands, earlier.audibleBands), heard > 0 {
            // Per band heard: bands held at the noise's level do not change, so the same change
            // in fewer bands is a larger one (a fluent phrase in loud noise is not steady).
            let difference = now.timbre - earlier.timbre
            let perBand = (Float(Timbre.bands) / Float(heard)).squareRoot()
            change = min(Self.noVowel, perBand * ((difference * difference).sum()).squareRoot())
        }
        let ring = frame % Self.smoothing
        changes[ring] = change
        intensities[ring] = intensity
        // The frame at the centre of the window now has its smoothed change.
        let centre = frame - Self.smoothing / 2
        frame += 1
        guard centre >= 0 else { return }
        let centreSlot = centre % Self.smoothing
        // Only a frame with a vowel's timbre, as had the one `lag` before it, can be steady (and
        // only then is the median worth sorting for).
        if changes[centreSlot] < Self.noVowel, case let smoothed = medianChange(), smoothed < stability {
            if run == nil {
                run = Run(first: centre, last: centre)
                runFormants.removeAll(keepingCapacity: true)
            }
            run?.add(change: smoothed, intensity: intensities[centreSlot])
            if let formants = vowels[centreSlot]?.formants, runFormants.count < Self.longestRun {
                runFormants.append(SIMD2(formants[1], intensities[centreSlot]))
            }
            run?.last = centre
        } else if let current = run, centre - current.last > Self.longestBreak {
            close()
        }
    }

    /// The median of the last `smoothing` changes (insertion sort of nine numbers).
    private mutating func medianChange() -> Float {
        let count = Self.smoothing
        changes.withUnsafeBufferPointer { changes in
            sorted.withUnsafeMutableBufferPointer { sorted in
                for index in 0..<count {
                    let value = changes[index]
                    var position = index
                    while position > 0 && sorted[position - 1] > value {
                        sorted[position] = sorted[position - 1]
                        position -= 1
                    }
                    sorted[position] = value
                }
            }
        }
        return sorted[count / 2]
    }

    /// Ends the audio.
    mutating func finish() {
        close()
    }

    /// Ends the run being followed at its last steady frame, keeping it if it is long enough.
    private mutating func close() {
        guard let current = run else { return }
        run = nil
        // Change is measured against the frame `lag` back, so the held vowel began that much before
        // its first steady frame.
        let first = max(0, current.first - Self.lag)
        guard current.last + 1 - first >= Self.shortestHold else { return }
        // The vowel is judged on its loud frames: not its fading edges, nor the nasal "um" closes into.
        let loudest = current.peak
        runFormants.removeAll { $0[1] < loudest - Self.vowelRange }
        let count = runFormants.count
        let third = max(1, count / 3)
        events.append(
            Event(
                frames: first...current.last,
                meanChange: current.changeSum / current.count, peak: current.peak, slope: current.slope,
                secondFormant: count == 0 ? nil : medianSecondFormant(0..<count),
                secondFormantDrift: count < 3
                    ? 0 : medianSecondFormant(count - third..<count) - medianSecondFormant(0..<third)))
    }

    /// The median F2 over some of the run's frames.
    private mutating func medianSecondFormant(_ frames: Range<Int>) -> Float {
        scratch.removeAll(keepingCapacity: true)
        for index in frames { scratch.append(runFormants[index][0]) }
        scratch.sort()
        return scratch[scratch.count / 2]
    }
}
