import Foundation
import Testing
import TestSupport

/// `rehearse analyze` end to end on espeak-ng speech with inserted silences of known length.
@Suite struct AnalyzeCommandTests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    let rehearse = Paths.rehearseExecutable.path
    /// 1.2 s before the first phrase, then 0.9 s and 2.4 s between phrases, 0.6 s after.
    let answer: URL

    init() throws {
        scratch = try TemporaryFolder("rehearse-analyze")
        let folder = scratch.url
        let first = try SpeechFixtures.speech(
            "I have worked in logistics for six years", sampleRate: 16_000, leadingSilence: 1.2, trailingSilence: 0.9,
            in: folder, name: "one")
        let second = try SpeechFixtures.speech(
            "and I keep the warehouse running on time", sampleRate: 16_000, trailingSilence: 2.4, in: folder,
            name: "two")
        let third = try SpeechFixtures.speech(
            "every single day", sampleRate: 16_000, trailingSilence: 0.6, in: folder, name: "three")
        answer = folder.appendingPathComponent("answer.wav")
        let sox = try ChildProcess.run("sox", [first.path, second.path, third.path, answer.path])
        try #require(sox.status == 0, "\(sox.standardError)")
    }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try ChildProcess.run(rehearse, ["analyze"] + arguments)
    }

    @Test func jsonHasTheDocumentedShapeAndTheRightPauses() throws {
        let result = try run(["--json", answer.path])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "file", "duration", "sampleRate", "latency", "speech", "pauses", "filledPauses", "freezes",
                "metrics", "detectorVersion", "reliability",
            ])
        let reliability = try #require(object["reliability"] as? [String: Any])
        #expect(Set(reliability.keys) == ["signalToNoise", "backgroundSpeech", "cautions"])
        #expect(reliability["backgroundSpeech"] as? Bool == false)
        #expect(object["file"] as? String == answer.path)
        #expect(object["sampleRate"] as? Int == 16_000)
        let latency = try #require(object["latency"] as? Double)
        // 1.2 s of inserted silence, within the 30 ms boundary tolerance, plus whatever silence
        // espeak-ng leaves before its first word.
        #expect(latency > 1.17 && latency < 1.4, "latency \(latency)")
        let pauses = try #require(object["pauses"] as? [[String: Double]])
        #expect(pauses.count == 2)
        let lengths = pauses.map { $0["end"]! - $0["start"]! }
        #expect(lengths[0] > 0.9 && lengths[0] < 1.3, "\(lengths)")
        #expect(lengths[1] > 2.4 && lengths[1] < 2.8, "\(lengths)")
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics["pauseCount"] as? Int == 2)
        #expect(metrics["pausesOver2s"] as? Int == 1)
        #expect(metrics["minimumPause"] as? Double == 0.25)
        for key in [
            "speakingTime", "phonationTimeRatio", "meanPause", "medianPause", "longestPause", "speechRate",
            "articulationRate", "meanLengthOfRun",
        ] {
            #expect(metrics[key] is Double, "\(key)")
        }
    }

    @Test func severalFilesGiveAnArrayAndAFailureDoesNotStopTheOthers() throws {
        let missing = folder.appendingPathComponent("missing.wav").path
        let result = try run(["--json", answer.path, missing, answer.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("rehearse: error: cannot read '\(missing)': no such file"))
        let array = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
    }

    @Test func csvHasAHeaderAndARowPerFile() throws {
        let result = try run(["--csv", answer.path, answer.path])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("file,sampleRate,totalDuration,speakingTime,"))
        #expect(
            lines[1].split(separator: ",", omittingEmptySubsequences: false).count
                == lines[0].split(separator: ",").count)
    }

    @Test func tableShowsMeasuresAndATimeline() throws {
        let result = try run([answer.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("longest pause"))
        #expect(result.standardOutput.contains("█"))
        #expect(result.standardOutput.contains("░"))
    }

    @Test func textGridLabelsSpeechAndPauses() throws {
        let out = folder.appendingPathComponent("grids")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let result = try run(["--textgrid", out.path, answer.path])
        #expect(result.status == 0)
        let grid = try String(contentsOf: out.appendingPathComponent("answer.TextGrid"), encoding: .utf8)
        #expect(grid.hasPrefix("File type = \"ooTextFile\"\nObject class = \"TextGrid\""))
        #expect(grid.components(separatedBy: "text = \"speech\"").count - 1 == 3)
        #expect(grid.components(separatedBy: "text = \"pause\"").count - 1 == 2)
    }

    @Test func silentAndEmptyFilesAreExplained() throws {
        let silent = folder.appendingPathComponent("silent.wav").path
        let empty = folder.appendingPathComponent("empty.wav").path
        try #require(
            try ChildProcess.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", silent, "trim", "0", "2"]).status
                == 0)
        try #require(
            try ChildProcess.run("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", empty, "trim", "0", "0"]).status
                == 0)
        let result = try run(["--json", silent, empty])
        #expect(result.status == 1)
        #expect(result.standardError.contains("warning: \(silent): the recording is silent"))
        #expect(result.standardError.contains("rehearse: error: cannot read '\(empty)': the file holds no audio"))
    }
}
