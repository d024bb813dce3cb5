import Foundation

/// Spoken audio with known content, made on demand with espeak-ng and sox.
public enum SpeechFixtures {
    /// Speaks `text` with espeak-ng (its default voice and pace unless `voice` or `wordsPerMinute`
    /// say otherwise) and converts it to mono 16-bit WAV at `sampleRate`, optionally with silence
    /// added before and after (seconds).
    public static func speech(
        _ text: String,
        sampleRate: Int,
        voice: String? = nil,
        wordsPerMinute: Int? = nil,
        leadingSilence: Double = 0,
        trailingSilence: Double = 0,
        in folder: URL,
        name: String = "speech"
    ) throws -> URL {
        let raw = folder.appendingPathComponent("\(name)-espeak.wav")
        let output = folder.appendingPathComponent("\(name).wav")
        var options = ["-w", raw.path]
        if let voice { options += ["-v", voice] }
        if let wordsPerMinute { options += ["-s", String(wordsPerMinute)] }
        try check(ChildProcess.run(ChildProcess.locate("espeak-ng"), options + [text]), "espeak-ng")
        var arguments = [raw.path, "-r", String(sampleRate), "-c", "1", "-b", "16", output.path]
        if leadingSilence > 0 || trailingSilence > 0 {
            arguments += ["pad", String(leadingSilence), String(trailingSilence)]
        }
        try check(ChildProcess.run(ChildProcess.locate("sox"), arguments), "sox")
        return output
    }

    /// A filled pause with exactly known timing, from MBROLA's phoneme input (`voice` us2 by
    /// default, a man's, as espeak-ng's default voice is; en1 is another man's): 50 ms of silence,
    /// "uh" held `vowel` seconds (default 0.7) at a flat 110-104 Hz, closing into a `nasal` (0.2 s)
    /// "m", 50 ms of silence; `fading`, it dies away linearly in amplitude from its start to its
    /// end, as a hesitant "um" trails off; then padded with `before` and `after` seconds of
    /// silence, mono 16-bit at `sampleRate`. The "um" itself lies from `before + 0.05` s to
    /// `vowel + nasal` s later.
    public static func heldUm(
        sampleRate: Int, before: Double = 0, after: Double = 0, vowel: Double = 0.7, nasal: Double = 0.2,
        fading: Bool = false, voice: String = "us2", in folder: URL, name: String = "um"
    ) throws -> URL {
        let phonemes = folder.appendingPathComponent("\(name).pho")
        let vowelMilliseconds = Int((vowel * 1000).rounded()), nasalMilliseconds = Int((nasal * 1000).rounded())
        try "_ 50\nV \(vowelMilliseconds) 0 110 100 104\nm \(nasalMilliseconds) 0 104 100 100\n_ 50\n".write(
            to: phonemes, atomically: true, encoding: .utf8)
        let raw = folder.appendingPathComponent("\(name)-mbrola.wav")
        try check(
            ChildProcess.run(
                ChildProcess.locate("mbrola"), ["/usr/share/mbrola/\(voice)/\(voice)", phonemes.path, raw.path]),
            "mbrola")
        let output = folder.appendingPathComponent("\(name).wav")
        let length = 0.1 + vowel + nasal
        let fade = fading ? ["fade", "t", "0", String(length), String(length - 0.05)] : []
        try check(
            ChildProcess.run(
                ChildProcess.locate("sox"),
                [raw.path, "-r", String(sampleRate), "-c", "1", "-b", "16", output.path] + fade
                    + ["pad", String(before), String(after)]), "sox")
        return output
    }

    /// A paragraph long enough for several seconds of speech.
    public static let interviewAnswer = """
        In my first ninety days I would listen before I change anything. \
        I would meet every person on the team, learn how the work really gets done, \
        and pick one small problem we can solve together in the first month.
        """

    private static func check(_ result: ProcessResult, _ tool: String) throws {
        guard result.status == 0 else {
            throw FixtureError("\(tool) failed (\(result.status)): \(result.standardError)")
        }
    }
}
