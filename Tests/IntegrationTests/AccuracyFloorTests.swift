import Analysis
import Foundation
import Sessions
import Testing
import TestSupport
import FileAnalysis

/// The accuracy floor, on a small corpus made fresh by Benchmarks/accuracy/make_corpus.py: answers
/// from espeak-ng, flite and MBROLA voices with exactly known pauses, in every condition the corpus
/// has (steady noise, background voices, reverberation, bumps, digital zeros and lossy round trips,
/// a phone line, 44.1 and 48 kHz). The full comparison with peers is in BENCHMARKS.md; this keeps
/// the floor from slipping.
@Suite struct AccuracyFloorTests {
    struct Truth: Decodable {
        struct Span: Decodable {
            let start: Double, end: Double
            var timeSpan: TimeSpan { TimeSpan(start: start, end: end) }
        }
        let pauses: [Span]
        let speech: [Span]
        let latency: Double
        let filledPauses: [Span]?
        let lengthenedWords: [Span]?
    }

    /// The lowest pause F1 allowed per condition. Background voices are held lower: at 20 dB the
    /// floor holds the single other voice recognised and its stretches left out of the speech
    /// (detector version 6: 1.000 here; before, with the other voice recognised only above 45 % of
    /// quiet syllables, 0.842; version 5, 0.800); at 10 dB it holds
    /// the word tails kept under the other voices (version 5: 0.952 here; version 4, which cut them
    /// into false pauses, 0.870).
    static func floor(_ condition: String) -> Double? {
        switch condition {
        case "voices-20dB": 0.90
        case "voices-10dB": 0.90
        case "voices-30dB": 0.85
        case "reverb-0.6s": 0.90
        case "reverb-0.9s": 0.80
        case _ where condition.hasSuffix("-10dB"): 0.90
        default: 0.95
        }
    }

    /// Pause-level F1: a found pause matches a true one, one to one, at intersection over union ≥ 0.5.
    static func f1(
        found: [TimeSpan], truth: [TimeSpan], least: Double = 0.5
    ) -> (matched: Int, found: Int, truth: Int) {
        (matches(found: found, truth: truth, least: least).count, found.count, truth.count)
    }

    /// The found spans matched to true ones, one to one, best overlap first, at intersection over
    /// union ≥ `least`: pairs of (found, true).
    static func matches(found: [TimeSpan], truth: [TimeSpan], least: Double = 0.5) -> [(TimeSpan, TimeSpan)] {
        var pairs: [(Double, Int, Int)] = []
        for (i, f) in found.enumerated() {
            for (j, t) in truth.enumerated() where f.overlapRatio(with: t) >= least {
                pairs.append((f.overlapRatio(with: t), i, j))
            }
        }
        var usedFound = Set<Int>(), usedTruth = Set<Int>()
        var matched: [(TimeSpan, TimeSpan)] = []
        for (_, i, j) in pairs.sorted(by: { $0.0 > $1.0 }) where !usedFound.contains(i) && !usedTruth.contains(j) {
            usedFound.insert(i)
            usedTruth.insert(j)
            matched.append((found[i], truth[j]))
        }
        return matched
    }

    /// Makes a corpus with make_corpus.py (`arguments` after the output folder) in `folder`, and
    /// returns its truth by answer path.
    static func corpus(in folder: URL, _ arguments: [String]) throws -> [String: Truth] {
        let script = Paths.packageRoot.appendingPathComponent("Benchmarks/accuracy/make_corpus.py").path
        let made = try ChildProcess.run(Paths.python3, [script, folder.path] + arguments)
        try #require(made.status == 0, "corpus generation failed: \(made.standardError)")
        return try JSONDecoder().decode(
            [String: Truth].self, from: Data(contentsOf: folder.appendingPathComponent("truth.json")))
    }

    @Test func pauseF1StaysAboveTheFloorInEveryCondition() throws {
        let scratch = try TemporaryFolder("rehearse-corpus")
        defer { withExtendedLifetime(scratch) {} }
        let corpus = scratch.url
        let truth = try Self.corpus(in: corpus, ["--answers", "3", "--seed", "11"])

        var tallies: [String: (matched: Int, found: Int, truth: Int)] = [:]
        var latencyErrors: [String: [Double]] = [:]
        var backgroundSpeech: [String: Int] = [:]
        var filledPauses: [String] = []
        for (name, answer) in truth {
            let condition = String(name.split(separator: "/")[0])
            let analysis = try RecordingAnalysis.analyze(file: corpus.appendingPathComponent(name).path)
            filledPauses += analysis.filledPauses.map { "\(name) at \(String(format: "%.2f", $0.span.start)) s" }
            latencyErrors[condition, default: []].append(abs((analysis.latency ?? 0) - answer.latency))
            if analysis.reliability.backgroundSpeech { backgroundSpeech[condition, default: 0] += 1 }
            let score = Self.f1(
                found: analysis.pauses, truth: answer.pauses.map { TimeSpan(start: $0.start, end: $0.end) })
            let old = tallies[condition] ?? (0, 0, 0)
            tallies[condition] = (old.matched + score.matched, old.found + score.found, old.truth + score.truth)
        }
        for (condition, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            let f1 = 2 * Double(tally.matched) / Double(tally.found + tally.truth)
            guard let floor = Self.floor(condition) else { continue }
            #expect(f1 >= floor, "\(condition): F1 \(f1) below \(floor)")
            print("accuracy floor: \(condition) F1 \(String(format: "%.3f", f1)) (floor \(floor))")
        }
        // A bump, a breath or hiss before the first word must not be taken for it.
        for condition in ["clean", "bumps", "zeros", "zeros-ogg", "zeros-mp3", "phone"] {
            let errors = try #require(latencyErrors[condition]).sorted()
            let median = errors[errors.count / 2]
            #expect(median < 0.05, "\(condition): median latency error \(median) s")
        }
        // Where pauses are lost to other voices, the verdict says so; elsewhere it stays quiet.
        for condition in tallies.keys {
            let flagged = backgroundSpeech[condition] ?? 0
            if condition == "voices-20dB" || condition == "voices-10dB" {
                #expect(flagged >= 2, "\(condition): background voices found in \(flagged) of 3 answers")
            } else if !condition.hasPrefix("voices") {
                #expect(flagged == 0, "\(condition): background voices reported in \(flagged) of 3 answers")
            }
        }
        #expect(tallies.count == 24)
        // These answers hold no filled pause at all; a reverberant tail or noise must not make one.
        #expect(filledPauses.count <= 2, "filled pauses in fluent answers: \(filledPauses)")
    }

    /// Other voices 10 dB below the speaker, on six answers of their own: the soft start of a word
    /// under the other voices' level belongs to the word once the answer is under way, or the gaps
    /// between the speaker's words turn into false pauses (detector version 7: F1 0.793 here,
    /// version 6 0.780; without keeping those rises 0.708). And the room must hear the other voices
    /// the speaker model gates: version 15 let the room learn through that gate, the room no longer
    /// recognised them, and they filled four pauses of one answer (0.760, where version 14 scored
    /// 0.836); version 17 lets the room hear them: 0.836. (Version 18, which lets the speaker's
    /// fricatives through the other voices' gate: 0.868.)
    @Test func wordStartsUnderOtherVoicesStayInTheWord() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 5)
        Self.expect(f1, atLeast: 0.80, "voices-10dB, seed 5")
    }

    /// Other voices 10 dB below the speaker, on six answers of their own, speak in the speaker's
    /// pauses and go on after the last word: a phrase of theirs there is not the answer (it splits
    /// a true pause in two, or adds a false one before it, and speaking time that is not the
    /// speaker's). Detector version 7 leaves such phrases out: F1 0.791 here, where version 6
    /// scores 0.638 and takes a stretch after the last word for the speaker's in one answer, and
    /// leaving out only what follows the last word, 0.652.
    @Test func otherVoicesInThePausesAndAfterTheLastWordAreNotTheAnswer() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 13) { name, answer, analysis in
            let lastWord = try #require(answer.speech.last).end
            let after = analysis.runs.filter { $0.start > lastWord + 0.1 }
            #expect(after.isEmpty, "\(name): speech after the last word (\(lastWord) s): \(after)")
        }
        Self.expect(f1, atLeast: 0.74, "voices-10dB, seed 13")
    }

    /// Other voices 20 dB below the speaker, on six answers of their own, where four talkers'
    /// syllables are too few among the speaker's to be recognised by their share (under 40 % of
    /// all): they stand apart from the speaker's, in the pauses. Unrecognised, they fill every pause
    /// of that answer and its lead-in (detector version 8: F1 0.865 here, and a response latency of
    /// 0.26 s for 3.46 s); recognised, version 9 scores 0.977.
    @Test func quietVoicesStandingApartInThePausesAreRecognised() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 8, condition: "voices-20dB") { name, answer, analysis in
            let latency = try #require(analysis.latency)
            #expect(latency > answer.latency - 0.3, "\(name): latency \(latency) s for \(answer.latency) s")
            #expect(analysis.reliability.backgroundSpeech, "\(name): other voices not reported")
        }
        Self.expect(f1, atLeast: 0.95, "voices-20dB, seed 8")
    }

    /// Other voices 30 dB below the speaker, on six answers of their own. Their syllables peak 31 to
    /// 37 dB under the speaker's loud end: inside the speaker's range, so unrecognised they fill
    /// pauses and the lead-in. Detector version 31 counted only syllables down to 30 dB under as
    /// standing apart in the pauses and recognised the voices in four answers of six: F1 0.941, one
    /// latency 0.15 s short. Version 32 counts them down to the range's 35 dB: all six, F1 1.000.
    @Test func otherVoicesThirtyDecibelsDownAreRecognisedInThePauses() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 200, condition: "voices-30dB") { name, answer, analysis in
            try Self.expectLatencyNearTruth(name, answer, analysis)
            #expect(analysis.reliability.backgroundSpeech, "\(name): other voices not reported")
        }
        Self.expect(f1, atLeast: 0.97, "voices-30dB, seed 200")
    }

    /// Other voices 10 dB below the speaker, on six answers of their own; in the first, one talker
    /// who was already talking runs into the speaker's first words with no silence long enough to
    /// end a stretch of speech. Detector version 24 took the talker for the first words (response
    /// latency 0.93 s for 2.25 s); version 25 splits that stretch where it last fell under the
    /// speaker's range before their loud speech: 2.25 s.
    @Test func aTalkerRunningIntoTheFirstWordsIsNotTheAnswer() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 133) { name, answer, analysis in
            try Self.expectLatencyNearTruth(name, answer, analysis)
            #expect(analysis.reliability.backgroundSpeech, "\(name): other voices not reported")
        }
        Self.expect(f1, atLeast: 0.75, "voices-10dB, seed 133")
    }

    /// Six fresh answers said by a real person (alsa-utils' recordings) with other voices 20 dB
    /// down. The other voices' gate hides the quiet end of a word that stops abruptly (a stop's
    /// closure), and the gap to the next word read as a pause of 0.25 to 0.3 s: detector version
    /// 25 scores 0.928 here. Version 26 asks a silence after a stretch still within 10 dB of the
    /// speaker's loud end as it stopped to last 0.06 s longer: 0.985.
    @Test func aWordStoppingAbruptlyUnderOtherVoicesIsNotAPause() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 48, condition: "voices-20dB", human: "alsa")
        Self.expect(f1, atLeast: 0.97, "human voice, voices-20dB, seed 48")
    }

    /// Six fresh answers of real read speech with other voices 20 dB down. The readers' words
    /// that end in a weak sound ("of", "clubs") had faded 13 to 17 dB under their loud end before
    /// the gate of the other voices hid the rest, and the gap to the next word read as a pause:
    /// detector version 26 scores 0.889 here. Version 27 also joins a silence after a stretch still
    /// 3 dB over that gate as it stopped, where the gate hides 10 dB or more of the speaker's range:
    /// 1.000.
    @Test func aReadersWordEndsUnderOtherVoicesAreNotPauses() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 26, condition: "voices-20dB", human: "read")
        Self.expect(f1, atLeast: 0.97, "read speech, voices-20dB, seed 26")
    }

    /// Six fresh answers in a reverberant room of 0.9 s whose tails flicker: in four of them, not
    /// one fall of 20 dB is followed without a frame rising more than 1 dB over the one before, so
    /// detector version 9 took the room for a dry one and short pauses vanished in the ringing (F1
    /// 0.850 here). Version 10 also follows the falls with 1.5 dB of leeway: 1.000.
    @Test func aReverberantRoomWhoseTailsFlickerIsRecognised() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 15, condition: "reverb-0.9s") { name, answer, analysis in
            try Self.expectLatencyNearTruth(name, answer, analysis)
        }
        Self.expect(f1, atLeast: 0.95, "reverb-0.9s, seed 15")
    }

    /// Six fresh answers in a reverberant room of 0.9 s: a pause begins where the speaker stopped,
    /// not where the ringing of their last word sank under the noise. The tail flickers as it dies
    /// away, so some of its frames pass for speech; detector version 10 ended the speech before a
    /// pause where the last of them was, a median 0.14 s late here. Version 11 ends it 12 dB under
    /// the last syllable's loudest frame: 0.02 s.
    @Test func aPauseInAReverberantRoomStartsWhereTheSpeakerStopped() throws {
        var lateness: [Double] = []
        let f1 = try Self.pauseF1OfSixAnswers(seed: 31, condition: "reverb-0.9s") { _, answer, analysis in
            for (found, truth) in Self.matches(found: analysis.pauses, truth: answer.pauses.map(\.timeSpan)) {
                lateness.append(found.start - truth.start)
            }
        }
        let median = try #require(lateness.sorted().dropFirst(lateness.count / 2).first)
        print(
            "accuracy floor: reverb-0.9s, seed 31, F1 \(String(format: "%.3f", f1)), pauses start late by \(Int(median * 1000)) ms (median)"
        )
        #expect(abs(median) < 0.06, "pauses start late by \(median) s (median of \(lateness.count))")
        #expect(f1 >= 0.95, "F1 \(f1)")
    }

    /// Six fresh answers through a phone line (300–3400 Hz, 8 kHz, mu-law, back to 16 kHz). The line
    /// takes most of a fricative's power and little of a vowel's, so stretches of /s/ fell more than
    /// 35 dB under the speaker's loud end, where detector version 11 counted no frame as theirs, and
    /// became false pauses inside phrases (F1 0.958 here). Version 12 finds the recording narrowband
    /// and reaches 40 dB down in it: 1.000.
    @Test func fricativesThroughAPhoneLineAreStillSpeech() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 45, condition: "phone")
        Self.expect(f1, atLeast: 0.97, "phone, seed 45")
    }

    /// Six fresh answers in clean audio. Inside a phrase a stop is released in a burst of a frame
    /// or two between its closure and the next silence, too short to be speech on its own;
    /// detector version 12 dropped it, and closure, release and silence made a false pause (F1
    /// 0.978 here). Version 13 keeps a burst that bridges a silence: 1.000.
    @Test func aStopReleasedInsideAPhraseIsNotAPause() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 78, condition: "clean")
        Self.expect(f1, atLeast: 0.99, "clean, seed 78")
    }

    /// Six fresh answers in white noise 10 dB under the speech. A stop's release inside a phrase
    /// sinks into the noise, and only a few weak frames are left of it: detector version 13 did
    /// not count them as a burst, and a false pause was left (F1 0.979 here). Version 14 counts two
    /// frames whose mean passes 0.9 as a burst in a noisy room: 1.000.
    @Test func aReleaseSunkInNoiseInsideAPhraseIsNotAPause() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 97, condition: "white-10dB")
        Self.expect(f1, atLeast: 0.99, "white-10dB, seed 97")
    }

    /// Six fresh answers said by a real person (alsa-utils' recordings of the channel names) through
    /// a phone line. A real voice releases its phrase-final stops audibly, 20–25 dB under its loud
    /// end and apart from its vowels, where a synthesizer hardly does: detector version 14 took
    /// those releases for another voice's syllables, reported other voices in a quiet room and cut
    /// the speaker's word ends under that voice's level into false pauses (F1 0.744 here, all six
    /// answers flagged). Version 15 counts only peaks as wide as a vowel as syllables: 0.986.
    @Test func aRealVoicesReleasesAreNotAnotherVoice() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 21, condition: "phone", human: "alsa") { name, _, analysis in
            #expect(!analysis.reliability.backgroundSpeech, "\(name): other voices reported in a quiet room")
        }
        Self.expect(f1, atLeast: 0.95, "human voice, phone, seed 21")
    }

    /// Six fresh answers in real read speech (pocketsphinx-testdata's LibriVox reader and "cards"
    /// speaker) with other voices 20 dB down. The other voice is mostly voiced, while the speaker's
    /// soft fricatives at word ends and onsets lie around its syllables' level: detector version 17
    /// cut them under that voice's gate into false pauses inside phrases (F1 0.895 here). Version 18
    /// lets a fricative through when it lies no more than 4 dB under that level: 0.971.
    @Test func aSpeakersFricativesPassTheOtherVoicesGate() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 24, condition: "voices-20dB", human: "read")
        Self.expect(f1, atLeast: 0.95, "read speech, voices-20dB, seed 24")
    }

    /// Six fresh answers in real read speech with pink noise 10 dB under the speech. The quiet ends
    /// of words (a weak /v/ or /f/, a stop's closure before "spades") sink under the noise, and gaps
    /// of 0.1 to 0.2 s between words measured 0.25 to 0.30 s: detector version 19 made them false
    /// pauses (F1 0.842 here). Version 20 asks 0.06 s more of a silence after a stretch that stopped
    /// abruptly, still well over the noise, in so noisy a room: 0.970.
    @Test func wordEndsSunkInNoiseAreNotPauses() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 63, condition: "pink-10dB", human: "read")
        Self.expect(f1, atLeast: 0.95, "read speech, pink-10dB, seed 63")
    }

    /// Six fresh answers in a reverberant room of 0.6 s. A word's fall begins with its direct sound
    /// dropping fast; where the room's noise ends the fall 20–25 dB down, that drop set the fall's
    /// slope from its top to its end, and detector version 15 took one answer's room for a dry one
    /// (F1 0.974 here). Version 16 takes the slope of the fall's straight line: 1.000.
    @Test func aRoomIsMeasuredByTheLineOfItsFalls() throws {
        let f1 = try Self.pauseF1OfSixAnswers(
            seed: 41, condition: "reverb-0.6s", making: ["reverb-0.6s", "reverb-0.9s"])
        Self.expect(f1, atLeast: 0.99, "reverb-0.6s, seed 41")
    }

    /// Six fresh answers said by a real person (alsa-utils' recordings) in a reverberant room of
    /// 0.6 s. Such a room falls 1 dB per frame in theory, but its answers' median falls read 0.7 to
    /// 1.5, and detector version 18 took those over 1.0 for dry rooms, where short pauses vanished in
    /// the ringing (F1 0.944 here). Version 19 takes falls up to 1.3 dB per frame for a reverberant
    /// room: 0.987.
    @Test func aRoomOfAHalfSecondOrMoreRingsOn() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 36, condition: "reverb-0.6s", human: "alsa")
        Self.expect(f1, atLeast: 0.97, "human voice, reverb-0.6s, seed 36")
    }

    /// Six fresh answers said by a real person in a reverberant room of 0.6 s. There the falling
    /// frames of a word are left out of its speech (its ringing tail), and a syllable's loudest
    /// frame is the one before its fall: taken only from the frames left, the first stretches of one
    /// answer peaked 9 dB under the speaker's loud end and passed for another voice in the lead-in;
    /// they were left out, the answer was flagged, and its response latency came out 8.2 s late
    /// (version 19's room rule without the loudest frames kept: F1 0.906). Version 19: 0.982, no
    /// answer flagged. And the first word's soft start rises under the stricter range of a
    /// reverberant room's tails: cut, it made the median latency error 37 ms; kept, 15 ms.
    @Test func aReverberantRoomsFirstWordsStayTheSpeakers() throws {
        var latencyErrors: [Double] = []
        let f1 = try Self.pauseF1OfSixAnswers(seed: 35, condition: "reverb-0.6s", human: "alsa") {
            name, truth, analysis in
            #expect(!analysis.reliability.backgroundSpeech, "\(name): other voices reported in a quiet room")
            latencyErrors.append(abs((analysis.latency ?? 0) - truth.latency))
        }
        Self.expect(f1, atLeast: 0.95, "human voice, reverb-0.6s, seed 35")
        let median = latencyErrors.sorted()[latencyErrors.count / 2]
        let milliseconds = Int((median * 1000).rounded())
        print("accuracy floor: human voice, reverb-0.6s, seed 35, median latency error \(milliseconds) ms")
        #expect(latencyErrors.count == 6 && median <= 0.030, "latency errors \(latencyErrors)")
        #expect(latencyErrors.allSatisfy { $0 < 0.2 }, "latency errors \(latencyErrors)")
    }

    /// Six fresh answers in real read speech in a room of 0.3 s. Such a room rings too briefly to
    /// hide a pause, and is not taken for a reverberant one, but its ringing still carried the speech
    /// on past the speaker's last word: detector version 20 started pauses a median 73 ms late here.
    /// Version 21 ends the speech before a pause 18 dB under the last syllable where the room's
    /// falls are straight and slower than a dry room's: 13 ms.
    @Test func aPauseInALightlyRingingRoomStartsWhereTheSpeakerStopped() throws {
        var lateness: [Double] = []
        let f1 = try Self.pauseF1OfSixAnswers(seed: 70, condition: "reverb-0.3s", human: "read") {
            _, answer, analysis in
            for (found, truth) in Self.matches(found: analysis.pauses, truth: answer.pauses.map(\.timeSpan)) {
                lateness.append(found.start - truth.start)
            }
        }
        let median = try #require(lateness.sorted().dropFirst(lateness.count / 2).first)
        print(
            "accuracy floor: read speech, reverb-0.3s, seed 70, F1 \(String(format: "%.3f", f1)), pauses start late by \(Int(median * 1000)) ms (median)"
        )
        #expect(abs(median) <= 0.03, "pauses start late by \(median) s (median of \(lateness.count))")
        #expect(f1 >= 0.95, "F1 \(f1)")
    }

    /// Six fresh answers said by a real person (alsa-utils' recordings) in a room of 0.3 s. The
    /// voice's quiet last syllables ring on there, 16 to 29 dB under its loud end and 0.3 s or more
    /// from its loud ones: two or three of them made more than a tenth of a short answer's
    /// syllables, and detector version 21 took them for another voice in the speaker's pauses
    /// (three of these six answers flagged; elsewhere the speaker's quiet phrases were then left
    /// out as that voice's). Version 22 asks for five such syllables at least: none flagged.
    @Test func aRealVoicesLastSyllablesRingingInASmallRoomAreNotAnotherVoice() throws {
        let f1 = try Self.pauseF1OfSixAnswers(seed: 38, condition: "reverb-0.3s", human: "alsa") { name, _, analysis in
            #expect(!analysis.reliability.backgroundSpeech, "\(name): other voices reported in a quiet room")
        }
        Self.expect(f1, atLeast: 0.95, "human voice, reverb-0.3s, seed 38")
    }

    /// Six fresh answers said by a real person (alsa-utils' recordings) in a room of 0.9 s. Its
    /// two-word phrases follow each other 0.3 to 0.4 s apart, before the ringing has fallen 20 dB:
    /// three of the six answers showed no such fall, detector version 23 took their rooms for dry
    /// ones, and most short pauses vanished in the ringing (F1 0.531 here; Praat's silences 0.717).
    /// Version 24 judges those rooms by falls of 15 dB: 0.741.
    @Test func aRoomRingingBetweenShortPhrasesIsStillReverberant() throws {
        let f1 = try Self.pauseF1OfSixAnswers(
            seed: 43, condition: "reverb-0.9s", making: ["reverb-0.3s", "reverb-0.9s"], human: "alsa")
        Self.expect(f1, atLeast: 0.70, "human voice, reverb-0.9s, seed 43")
    }

    /// Six more such answers, where the room's ringing tail flickers so hard from frame to frame
    /// that three answers' rooms read as dry ones to detector version 27 (F1 0.653 here). Version
    /// 28 also measures the falls on the level averaged over 30 ms: 0.792. And the room colours
    /// the voice's phrases: one answer's first phrase came out 9 dB under the loud end, and version
    /// 28 took it for another voice's (response latency 2.0 s late, F1 0.792); version 29 trusts
    /// a quiet start in a room that rings only where other voices were heard as well: 0.873.
    @Test func aRoomWhoseTailFlickersHardStillRings() throws {
        let f1 = try Self.pauseF1OfSixAnswers(
            seed: 47, condition: "reverb-0.9s", making: ["reverb-0.3s", "reverb-0.9s"], human: "alsa"
        ) { name, answer, analysis in
            try Self.expectLatencyNearTruth(name, answer, analysis)
        }
        Self.expect(f1, atLeast: 0.86, "human voice, reverb-0.9s, seed 47")
    }

    /// The same six answers in a room of 0.3 s, which reads as a dry one to the pauses' tests (its
    /// median fall 1.98 dB per frame) but colours the phrases as much: the first phrase of one
    /// answer was taken for another voice's by versions 28 to 30 (response latency 2.0 s late, F1
    /// 0.931). Version 31 asks for other voices heard as well wherever the room falls 2 dB per frame
    /// or slower, the fall of a room of 0.3 s in theory: 0.984.
    @Test func aLightlyRingingRoomsQuietFirstPhraseIsTheSpeakers() throws {
        let f1 = try Self.pauseF1OfSixAnswers(
            seed: 47, condition: "reverb-0.3s", making: ["reverb-0.3s", "reverb-0.9s"], human: "alsa"
        ) { name, answer, analysis in
            try Self.expectLatencyNearTruth(name, answer, analysis)
        }
        Self.expect(f1, atLeast: 0.97, "human voice, reverb-0.3s, seed 47")
    }

    /// Requires the response latency of `analysis` (answer `name`) to lie within 0.1 s of `answer`'s.
    static func expectLatencyNearTruth(
        _ name: String, _ answer: Truth, _ analysis: AnswerAnalysis, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let latency = try #require(analysis.latency, sourceLocation: sourceLocation)
        #expect(
            abs(latency - answer.latency) < 0.1, "\(name): latency \(latency) s for \(answer.latency) s",
            sourceLocation: sourceLocation)
    }

    /// Requires `f1` to reach `floor`, and prints it beside the floor with `label` (the condition
    /// and the corpus's seed).
    static func expect(
        _ f1: Double, atLeast floor: Double, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        print("accuracy floor: \(label), F1 \(String(format: "%.3f", f1)) (floor \(String(format: "%.2f", floor)))")
        #expect(f1 >= floor, "F1 \(f1)", sourceLocation: sourceLocation)
    }

    /// The pause F1 of six fresh answers (make_corpus.py seed `seed`, said by real people with
    /// `human`: "alsa" or "read", make_corpus.py's `--human`) in `condition` (other voices 10 dB down unless said), each answer's analysis also
    /// handed to `check` with its name and truth. The corpus is made in the conditions `making`
    /// (by default `condition` alone; the conditions made change each one's noise).
    static func pauseF1OfSixAnswers(
        seed: Int, condition: String = "voices-10dB", making: [String]? = nil, human: String? = nil,
        check: (String, Truth, AnswerAnalysis) throws -> Void = { _, _, _ in }
    ) throws -> Double {
        let scratch = try TemporaryFolder("rehearse-six-answers")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        let conditions = (making ?? [condition]).joined(separator: ",")
        let truth = try corpus(
            in: folder,
            ["--answers", "6", "--seed", "\(seed)", "--conditions", conditions] + (human.map { ["--human", $0] } ?? [])
        ).filter { $0.key.hasPrefix(condition + "/") }
        #expect(truth.count == 6)
        var tally = (matched: 0, found: 0, truth: 0)
        for (name, answer) in truth {
            let analysis = try RecordingAnalysis.analyze(file: folder.appendingPathComponent(name).path)
            try check(name, answer, analysis)
            let score = f1(found: analysis.pauses, truth: answer.pauses.map(\.timeSpan))
            tally = (tally.matched + score.matched, tally.found + score.found, tally.truth + score.truth)
        }
        return 2 * Double(tally.matched) / Double(tally.found + tally.truth)
    }

    /// Filled pauses ("uh", "um", "er", "erm" of 0.2-1.2 s from four synthesizers) are found, at
    /// intersection over union ≥ 0.3, in clean audio and in pink noise 20 dB down; in fluent answers,
    /// clean or noisy, none is reported outside the lengthened words ("so…", "well…", "and…"), and
    /// few on them: the vowel test tells most of them apart (version 3, which judged steadiness
    /// alone, took 8 of this corpus's 12 for filled pauses; version 4 takes 3). In noise, the bands
    /// a vowel does not lift above the noise are held at the noise's level (version 7: F1 0.800
    /// here, where letting them scatter gave 0.552).
    @Test func filledPausesStayAboveTheFloor() throws {
        let scratch = try TemporaryFolder("rehearse-fillers")
        defer { withExtendedLifetime(scratch) {} }
        let corpus = scratch.url
        let truth = try Self.corpus(in: corpus, ["--fillers", "--answers", "6", "--seed", "11"])
        var tallies: [String: (matched: Int, found: Int, truth: Int)] = [:]
        var outsideLengthenedWords: [String] = []
        var onLengthenedWords: [String] = []
        for (name, answer) in truth {
            let condition = String(name.split(separator: "/")[0])
            let found = try RecordingAnalysis.analyze(file: corpus.appendingPathComponent(name).path).filledPauses
            let expected = (answer.filledPauses ?? []).map(\.timeSpan)
            let score = Self.f1(found: found.map(\.span), truth: expected, least: 0.3)
            let old = tallies[condition] ?? (0, 0, 0)
            tallies[condition] = (old.matched + score.matched, old.found + score.found, old.truth + score.truth)
            if condition.hasPrefix("fluent-lengthened") {
                let words = (answer.lengthenedWords ?? []).map(\.timeSpan)
                for filled in found {
                    let place = "\(name) at \(String(format: "%.2f", filled.span.start)) s"
                    if words.contains(where: { $0.start < filled.span.end && filled.span.start < $0.end }) {
                        onLengthenedWords.append(place)
                    } else {
                        outsideLengthenedWords.append(place)
                    }
                }
            }
        }
        #expect(tallies.count == 4)
        for (condition, floor) in [("fillers-clean", 0.6), ("fillers-pink-20dB", 0.65)] {
            let tally = try #require(tallies[condition])
            let f1 = 2 * Double(tally.matched) / Double(tally.found + tally.truth)
            print("accuracy floor: \(condition) filled-pause F1 \(String(format: "%.3f", f1)) (floor \(floor))")
            #expect(f1 >= floor, "\(condition): filled-pause F1 \(f1)")
        }
        #expect(outsideLengthenedWords.isEmpty, "filled pauses in fluent speech: \(outsideLengthenedWords)")
        #expect(onLengthenedWords.count <= 8, "lengthened words taken for filled pauses: \(onLengthenedWords)")
    }
}
