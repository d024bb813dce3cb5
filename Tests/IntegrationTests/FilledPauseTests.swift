import Analysis
import Foundation
import Testing
import TestSupport
import FileAnalysis

/// Filled pauses in real synthetic speech with exactly known positions: an "um" from MBROLA's
/// phoneme input (a vowel held 0.7 s at a flat pitch, closing into a 0.2 s nasal) between two
/// phrases spoken by espeak-ng.
@Suite struct FilledPauseTests {
    /// Where the "um" sits in the answer, in seconds.
    struct Answer {
        let file: URL
        let filler: TimeSpan
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try ChildProcess.run(ChildProcess.locate(tool), arguments)
        try #require(result.status == 0, "\(tool) failed: \(result.standardError)")
        return result.standardOutput
    }

    static func seconds(of file: URL) throws -> Double {
        try #require(Double(try run("soxi", ["-D", file.path]).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The phrases around the filler, from espeak-ng: 0.5 s of silence, "I would start by listening
    /// to the team"; and "and then pick one small problem to solve", 0.5 s of silence.
    static func phrases(in folder: URL) throws -> (first: URL, second: URL) {
        let first = try SpeechFixtures.speech(
            "I would start by listening to the team", sampleRate: 16_000, leadingSilence: 0.5, in: folder,
            name: "first")
        let second = try SpeechFixtures.speech(
            "and then pick one small problem to solve", sampleRate: 16_000, trailingSilence: 0.5, in: folder,
            name: "second")
        return (first, second)
    }

    /// Phrase, `before` seconds of silence, "um" (held `vowel` s, closing into a `nasal` s "m",
    /// `fading` or not, in MBROLA's `voice`: `SpeechFixtures.heldUm`), 0.3 s of silence, phrase.
    static func answer(
        in folder: URL, before: Double = 0.3, vowel: Double = 0.7, nasal: Double = 0.2, fading: Bool = false,
        voice: String = "us2"
    ) throws -> Answer {
        let (first, second) = try phrases(in: folder)
        let um = try SpeechFixtures.heldUm(
            sampleRate: 16_000, before: before, after: 0.3, vowel: vowel, nasal: nasal, fading: fading, voice: voice,
            in: folder)
        let file = folder.appendingPathComponent("answer.wav")
        _ = try run("sox", [first.path, um.path, second.path, file.path])
        let start = try seconds(of: first) + before + 0.05
        return Answer(file: file, filler: TimeSpan(start: start, end: start + vowel + nasal))
    }

    @Test func anUmBetweenPhrasesIsAFilledPauseNotFluentSpeech() throws {
        try TemporaryFolder.with { folder in
            let answer = try Self.answer(in: folder)
            let analysis = try RecordingAnalysis.analyze(file: answer.file.path)
            try #require(analysis.filledPauses.count == 1, "\(analysis.filledPauses)")
            let found = analysis.filledPauses[0]
            #expect(found.span.overlapRatio(with: answer.filler) >= 0.5, "\(found.span) against \(answer.filler)")
            #expect(found.confidence > 0 && found.confidence <= 1)
            // It is sound, so it stays inside the speech: no silent pause appears where it was.
            #expect(analysis.runs.contains { $0.start <= found.span.start && found.span.end <= $0.end })
            let metrics = analysis.metrics
            #expect(metrics.filledPauseCount == 1)
            #expect(abs((metrics.filledPauseTime ?? 0) - found.span.duration) < 1e-9)
            #expect(abs((metrics.hesitationTime ?? 0) - (metrics.totalPauseTime + found.span.duration)) < 1e-9)
            #expect(metrics.filledPauseStability == AnalysisSettings.defaultFilledPauseStability)

            // Not looking for them: unknown (nil), not zero, and the "um" counts as speech again.
            let without = try RecordingAnalysis.analyze(
                file: answer.file.path, settings: AnalysisSettings(filledPauseStability: nil))
            #expect(without.filledPauses.isEmpty)
            #expect(without.metrics.filledPauseCount == nil && without.metrics.hesitationTime == nil)
            #expect(without.metrics.syllableCount >= metrics.syllableCount)
            #expect(without.runs == analysis.runs)
        }
    }

    /// Said alone between two silences, the "um" is a filled pause from its first sound to its
    /// last, its nasal included: the hesitation's length is what `meanFilledPause` and
    /// `hesitationTime` report. In MBROLA's en1 voice the "m" (0.4 s here, longer than a nasal
    /// standing alone may be) does not hold the vowel's timbre, and detector version 29 reported the
    /// held vowel alone (0.66 s of the 1.1, ending 0.39 s early).
    @Test func anUmStandingAloneLastsToItsLastSound() throws {
        try TemporaryFolder.with { folder in
            let answer = try Self.answer(in: folder, nasal: 0.4, voice: "en1")
            let found = try #require(try RecordingAnalysis.analyze(file: answer.file.path).filledPauses.first)
            #expect(abs(found.span.start - answer.filler.start) < 0.05, "\(found.span) against \(answer.filler)")
            #expect(abs(found.span.end - answer.filler.end) < 0.05, "\(found.span) against \(answer.filler)")
        }
    }

    /// A short "um" (0.3 s held, 0.12 s nasal) that trails off, alone between two silences: it
    /// fades faster than a held word may (15 dB/s), but a vowel standing alone between pauses is the
    /// hesitation itself. (Found only from detector version 5; a lengthened word fading as fast
    /// inside a phrase stays fluent: `aDrawnOutSoIsNotAFilledPause`.)
    @Test func aShortUmTrailingOffBetweenPausesIsAFilledPause() throws {
        try TemporaryFolder.with { folder in
            let answer = try Self.answer(in: folder, vowel: 0.3, nasal: 0.12, fading: true)
            let analysis = try RecordingAnalysis.analyze(file: answer.file.path)
            try #require(analysis.filledPauses.count == 1, "\(analysis.filledPauses)")
            #expect(
                analysis.filledPauses[0].span.overlapRatio(with: answer.filler) >= 0.5, "\(analysis.filledPauses)")
        }
    }

    /// A quick "um" on its own between two pauses: espeak-ng's "um" at its usual rate, 0.36 s with
    /// its nasal, holds the vowel for under 0.2 s, no longer than a stressed vowel of fluent speech,
    /// so only where it stands sets it apart. The filled pause is the whole phrase, the nasal
    /// included. (Found from detector version 6.)
    @Test func aQuickUmOnItsOwnBetweenPausesIsAFilledPause() throws {
        try TemporaryFolder.with { folder in
            let (first, second) = try Self.phrases(in: folder)
            let said = try SpeechFixtures.speech("[[V::m]]", sampleRate: 16_000, in: folder, name: "um-said")
            // Its own silence trimmed away, so the "um" lies exactly between the two pauses.
            let um = folder.appendingPathComponent("um.wav")
            _ = try Self.run(
                "sox",
                [
                    said.path, um.path, "silence", "1", "0.005", "-45d", "reverse", "silence", "1", "0.005", "-45d",
                    "reverse",
                ])
            let padded = folder.appendingPathComponent("um-padded.wav")
            _ = try Self.run("sox", [um.path, padded.path, "pad", "0.4", "0.4"])
            let start = try Self.seconds(of: first) + 0.4
            let filler = TimeSpan(start: start, end: start + (try Self.seconds(of: um)))
            let file = folder.appendingPathComponent("answer.wav")
            _ = try Self.run("sox", [first.path, padded.path, second.path, file.path])
            let analysis = try RecordingAnalysis.analyze(file: file.path)
            try #require(analysis.filledPauses.count == 1, "\(analysis.filledPauses)")
            let found = analysis.filledPauses[0].span
            #expect(found.overlapRatio(with: filler) >= 0.7, "\(found) against \(filler)")
            #expect(analysis.runs.contains(found), "\(found) is not a phrase of \(analysis.runs)")
        }
    }

    /// 1.2 s of silence, then the "um", then 0.3 s more: about 2.4 s of hesitation with no word in
    /// between is one freeze, from the end of the first phrase to the start of the second; with a
    /// 0.3 s silence before the "um" it adds up to about 1.5 s, under the 2 s threshold.
    @Test func silencesAroundAnUmAddUpToAFreeze() throws {
        try TemporaryFolder.with { folder in
            let stuck = try Self.answer(in: folder, before: 1.2)
            let analysis = try RecordingAnalysis.analyze(file: stuck.file.path)
            try #require(analysis.freezes.count == 1, "\(analysis.freezes)")
            let freeze = analysis.freezes[0]
            #expect(freeze.start < stuck.filler.start - 1.0 && freeze.end > stuck.filler.end + 0.2, "\(freeze)")
            #expect(analysis.metrics.freezeCount == 1)
            #expect(abs((analysis.metrics.longestFreeze ?? 0) - freeze.duration) < 1e-9)
            let fluent = try RecordingAnalysis.analyze(file: Self.answer(in: folder).file.path)
            #expect(fluent.freezes.isEmpty && fluent.metrics.freezeCount == 0)
        }
    }

    /// A word drawn out as long as an "um" ("so…", 60 words per minute) is a held vowel too, but
    /// not a central one: the diphthong /oʊ/ lies low and glides. Version 3 of the detector, which
    /// judged steadiness alone, took this one for a filled pause.
    @Test func aDrawnOutSoIsNotAFilledPause() throws {
        try TemporaryFolder.with { folder in
            let (first, second) = try Self.phrases(in: folder)
            let so = try SpeechFixtures.speech("so", sampleRate: 16_000, voice: "en-us", wordsPerMinute: 60, in: folder)
            let file = folder.appendingPathComponent("answer.wav")
            _ = try Self.run("sox", [first.path, so.path, second.path, file.path])
            let analysis = try RecordingAnalysis.analyze(file: file.path)
            #expect(analysis.filledPauses.isEmpty, "\(analysis.filledPauses)")
            #expect(analysis.metrics.filledPauseCount == 0)
        }
    }

    @Test func fluentSpeechHasNoFilledPauses() throws {
        try TemporaryFolder.with { folder in
            for (index, rate) in [175, 120].enumerated() {
                let raw = folder.appendingPathComponent("fluent\(index)-raw.wav")
                _ = try Self.run("espeak-ng", ["-s", String(rate), "-w", raw.path, SpeechFixtures.interviewAnswer])
                let analysis = try RecordingAnalysis.analyze(file: raw.path)
                #expect(analysis.metrics.filledPauseCount == 0, "at \(rate) wpm: \(analysis.filledPauses)")
            }
        }
    }
}
