import AudioIO
import Foundation
import Sessions
import Signal
import Testing
import TestSupport
import FileAnalysis

/// `rehearse practice` end to end: spoken answers with known pauses go into the virtual microphone,
/// and the screen, the database and the audio files must agree with them.
extension AudioIntegration {
    @Suite struct PracticeCommandTests {
        let audio: VirtualAudio
        let scratch: TemporaryFolder
        let home: URL
        let rehearse = Paths.rehearseExecutable.path
        /// 0.6 s before speaking, then pauses of 1.0 s and 2.0 s between three phrases.
        let answer: URL

        init() throws {
            audio = try VirtualAudio.require()
            scratch = try TemporaryFolder("rehearse-practice")
            let folder = scratch.url
            home = try Paths.practiceHome(in: folder)
            let one = try SpeechFixtures.speech(
                "I would start by listening to the team", sampleRate: 48_000, leadingSilence: 0.6, trailingSilence: 1.0,
                in: folder, name: "one")
            let two = try SpeechFixtures.speech(
                "then I would pick one small problem", sampleRate: 48_000, trailingSilence: 2.0, in: folder, name: "two"
            )
            let three = try SpeechFixtures.speech(
                "and solve it together", sampleRate: 48_000, in: folder, name: "three")
            answer = folder.appendingPathComponent("answer.wav")
            try #require(try ChildProcess.run("sox", [one.path, two.path, three.path, answer.path]).status == 0)
        }

        func run(_ arguments: [String]) throws -> ProcessResult {
            try ChildProcess.run(rehearse, arguments + ["--home", home.path], environment: audio.childEnvironment)
        }

        func showLast() throws -> [[String: Any]] {
            let shown = try run(["show", "last", "--json"])
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
            return try #require(object["answers"] as? [[String: Any]])
        }

        @Test func scriptedSessionStoresTwoAnswersWithTheirPauses() throws {
            let practice = try ChildProcess(
                rehearse,
                [
                    "practice", "--home", home.path, "--deck", "situational", "--count", "2",
                    "--think", "0", "--limit", "9", "--non-interactive",
                ], environment: audio.childEnvironment)
            let first = try #require(try audio.waitForRecordingClient())
            try audio.feedMicrophone(answer)
            #expect(try audio.waitForRecordingClient(excluding: [first]) != nil)
            try audio.feedMicrophone(answer)
            let result = practice.finish()
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("Question 1 of 2"))
            #expect(result.standardOutput.contains("Question 2 of 2"))
            #expect(result.standardOutput.components(separatedBy: "This take:").count - 1 == 2)
            #expect(result.standardOutput.contains("2 pauses (longest 2."))

            // The same answer analysed straight from its file: what the recorded takes must show.
            // (Its pauses are the inserted 1 s and 2 s plus the silence espeak-ng leaves around phrases.)
            let reference = try RecordingAnalysis.analyze(file: answer.path).pauses.map(\.duration)
            try #require(reference.count == 2)
            #expect(
                reference[0] >= 1.0 && reference[0] < 1.4 && reference[1] >= 2.0 && reference[1] < 2.4, "\(reference)")
            let answers = try showLast()
            #expect(answers.count == 2)
            for entry in answers {
                let take = try #require((entry["takes"] as? [[String: Any]])?.first)
                let pauses = try #require(take["pauses"] as? [[String: Double]]).map { $0["end"]! - $0["start"]! }
                #expect(pauses.count == 2)
                for (found, expected) in zip(pauses, reference) {
                    #expect(abs(found - expected) < 0.05, "pauses \(pauses), reference \(reference)")
                }
                let latency = try #require(take["latency"] as? Double)
                #expect(latency > 0.4 && latency < 1.2, "latency \(latency)")
                let file = home.appendingPathComponent(try #require(take["file"] as? String)).path
                let reader = try AudioFileReader(path: file)
                #expect(abs(reader.duration - 9) < 0.01)
            }
        }

        @Test func aRecordingKilledMidAnswerIsRecoveredNextTime() throws {
            let practice = try ChildProcess(
                rehearse,
                [
                    "practice", "--home", home.path, "--deck", "situational", "--count", "1",
                    "--think", "0", "--limit", "30", "--non-interactive",
                ], environment: audio.childEnvironment)
            #expect(try audio.waitForRecordingClient() != nil)
            let started = Date()
            try audio.feedMicrophone(answer)
            Thread.sleep(forTimeInterval: 0.5)
            practice.signal(SIGKILL)
            let killedAfter = Date().timeIntervalSince(started)
            _ = practice.finish()

            let listing = try run(["sessions"])
            #expect(listing.status == 0)
            #expect(listing.standardError.contains("recovered Recordings/"), "\(listing.standardError)")
            let answers = try showLast()
            let take = try #require((answers.first?["takes"] as? [[String: Any]])?.first)
            let duration = try #require(take["duration"] as? Double)
            #expect(
                duration > killedAfter - 1 && duration <= killedAfter + 0.5, "kept \(duration) s of \(killedAfter) s")
            #expect(take["pauseCount"] as? Int == 2)
            // A second look finds nothing more to recover.
            #expect(!(try run(["sessions"]).standardError.contains("recovered")))
        }

        @Test func ctrlCDuringAnAnswerKeepsIt() throws {
            let practice = try ChildProcess(
                rehearse,
                [
                    "practice", "--home", home.path, "--deck", "motivation", "--count", "3",
                    "--think", "0", "--limit", "60", "--non-interactive",
                ], environment: audio.childEnvironment)
            #expect(try audio.waitForRecordingClient() != nil)
            try audio.feedMicrophone(answer)
            practice.signal(SIGINT)
            let result = practice.finish()
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("saved: 1 answer"))
            #expect(!result.standardOutput.contains("Question 2 of 3"))
            let take = try #require((try showLast().first?["takes"] as? [[String: Any]])?.first)
            #expect(take["pauseCount"] as? Int == 2)
        }

        /// What reached the speaker while `practice` ran with `options`.
        func questionHeard(_ options: [String], name: String) throws -> [Float] {
            let captured = home.appendingPathComponent("\(name).wav")
            let capture = try audio.startCapturingSpeaker(to: captured)
            Thread.sleep(forTimeInterval: 0.3)
            let result = try run(
                [
                    "practice", "--deck", "curveball", "--count", "1", "--think", "0", "--limit", "1",
                    "--non-interactive",
                ]
                    + options)
            capture.signal(SIGINT)
            _ = capture.finish()
            #expect(result.status == 0, "\(result.standardError)")
            return try AudioFileReader(path: captured.path).readAllMono()
        }

        /// The share of a 48 kHz signal's 0.1–8 kHz energy that lies between 4 and 8 kHz, in dB.
        static func highShare(_ samples: [Float]) -> Double {
            let fft = RealFFT(size: 1_024)
            let taper = (0..<1_024).map { Float(0.5 - 0.5 * cos(2 * Double.pi * (Double($0) + 0.5) / 1_024)) }
            var power = [Float](repeating: 0, count: 513)
            var high = 0.0, all = 1e-12
            // Bins are 46.875 Hz wide: 0.1 kHz is bin 2, 4 kHz bin 85, 8 kHz bin 171.
            for start in stride(from: 0, to: samples.count - 1_024, by: 1_024) {
                samples.withUnsafeBufferPointer { samples in
                    power.withUnsafeMutableBufferPointer { power in
                        fft.powerSpectrum(
                            of: samples.baseAddress! + start, count: 1_024, subtracting: 0, taper: taper,
                            bins: 2..<171, into: power.baseAddress!)
                    }
                }
                for bin in 2..<171 {
                    all += Double(power[bin])
                    if bin >= 85 { high += Double(power[bin]) }
                }
            }
            return 10 * log10(high / all + 1e-12)
        }

        /// --speak reads the question aloud on the output device before recording; --phone reads it
        /// through a phone line, which takes away what lies above 3.4 kHz.
        @Test func speakReadsTheQuestionAloudAndPhoneThroughALine() throws {
            let plain = try questionHeard(["--speak"], name: "speaker")
            let loud = plain.filter { abs($0) > 0.05 }.count
            #expect(Double(loud) / 48_000 > 0.3, "only \(Double(loud) / 48_000) s above -26 dBFS reached the speaker")
            let phone = try questionHeard(["--phone"], name: "phone")
            #expect(Double(phone.filter { abs($0) > 0.05 }.count) / 48_000 > 0.3, "the phone question was not heard")
            let (plainHigh, phoneHigh) = (Self.highShare(plain), Self.highShare(phone))
            print("practice --phone: 4–8 kHz share \(phoneHigh) dB, \(plainHigh) dB without the line")
            #expect(
                phoneHigh < plainHigh - 10,
                "high-frequency share \(phoneHigh) dB through the line, \(plainHigh) dB without")
        }

        /// The interactive flow through a real terminal (tmux): Enter skips the thinking time and
        /// ends each answer; the menu takes a note, moves on, and finally quits.
        @Test func interactiveSessionThroughATerminal() throws {
            let terminal = try TmuxSession(
                command:
                    "\(rehearse) practice --home \(home.path) --deck situational --count 2 --think 60 --limit 60; sleep 30",
                environment: audio.environment, width: 150)

            #expect(try terminal.waitFor("Question 1 of 2"))
            #expect(try terminal.waitFor("Enter to start now"))
            try terminal.press("Enter")
            #expect(try audio.waitForRecordingClient() != nil)
            try audio.feedMicrophone(answer)
            try terminal.press("Enter")
            #expect(try terminal.waitFor("[n]ext"))
            try terminal.press("a", "Enter")
            #expect(try terminal.waitFor("Note (one line):"))
            try terminal.press("Froze before the second point", "Enter")
            #expect(try terminal.waitFor("Confidence 1–5"))
            try terminal.press("3", "Enter")
            #expect(try terminal.waitFor("Saved."))
            try terminal.press("n", "Enter")
            #expect(try terminal.waitFor("Question 2 of 2"))
            #expect(try terminal.waitFor("Enter to start now"))
            try terminal.press("Enter")
            #expect(try audio.waitForRecordingClient() != nil)
            try audio.feedMicrophone(answer)
            try terminal.press("Enter")
            #expect(try terminal.waitFor("This take:", count: 2))
            try terminal.press("q", "Enter")
            #expect(try terminal.waitFor("saved: 2 answers"))
            let text = try terminal.screen()
            #expect(text.contains("2 pauses"))

            let answers = try showLast()
            #expect(answers.count == 2)
            #expect(answers.first?["note"] as? String == "Froze before the second point")
            #expect(answers.first?["rating"] as? Int == 3)
            for entry in answers {
                let take = try #require((entry["takes"] as? [[String: Any]])?.first)
                #expect(take["pauseCount"] as? Int == 2)
                // Enter ended each answer soon after the last word: the file holds the answer and little more.
                let reader = try AudioFileReader(
                    path: home.appendingPathComponent(try #require(take["file"] as? String)).path)
                let spoken = try AudioFileReader(path: answer.path).duration
                #expect(
                    reader.duration > spoken - 0.5 && reader.duration < spoken + 3,
                    "take \(reader.duration) s, answer \(spoken) s")
            }
        }
    }
}
