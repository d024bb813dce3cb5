import AudioIO
import Foundation
import Testing
import TestSupport

/// `rehearse interview` end to end through the virtual audio device: questions reach the speaker
/// through the phone line, spoken answers with an inserted freeze go into the microphone, each
/// answer ends by silence, and the takes, freezes and debrief must agree with them.
extension AudioIntegration {
    @Suite struct InterviewCommandTests {
        let audio: VirtualAudio
        let scratch: TemporaryFolder
        let home: URL
        let rehearse = Paths.rehearseExecutable.path
        /// A phrase, then 1.2 s of silence, a held "um" (0.9 s, MBROLA), 1.0 s of silence: a freeze
        /// of about 3 s, no silence in it long enough to end the answer; then a last phrase.
        let answer: URL

        init() throws {
            audio = try VirtualAudio.require()
            scratch = try TemporaryFolder("rehearse-interview")
            let folder = scratch.url
            home = try Paths.practiceHome(in: folder)
            let one = try SpeechFixtures.speech(
                "I led a small team", sampleRate: 48_000, leadingSilence: 0.4, trailingSilence: 1.2,
                in: folder, name: "one")
            let um = try SpeechFixtures.heldUm(sampleRate: 48_000, after: 1.0, in: folder)
            let two = try SpeechFixtures.speech(
                "and we shipped it", sampleRate: 48_000, in: folder, name: "two")
            answer = folder.appendingPathComponent("answer.wav")
            try #require(try ChildProcess.run("sox", [one.path, um.path, two.path, answer.path]).status == 0)
        }

        func run(_ arguments: [String]) throws -> ProcessResult {
            try ChildProcess.run(rehearse, arguments + ["--home", home.path], environment: audio.childEnvironment)
        }

        func showLast() throws -> [String: Any] {
            let shown = try run(["show", "last", "--json"])
            return try #require(
                try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
        }

        @Test func aKilledInterviewKeepsTheAnswerAndTheNextCommandRecoversIt() throws {
            let interview = try ChildProcess(
                rehearse,
                [
                    "interview", "--home", home.path, "--questions", "3", "--end-silence", "2.5", "--limit", "40",
                    "--non-interactive",
                ], environment: audio.childEnvironment)
            try #require(try audio.waitForRecordingClient(ofProcess: interview.pid, excluding: []) != nil)
            let started = Date()
            let feeding = try audio.startFeedingMicrophone(answer)
            Thread.sleep(forTimeInterval: 2)
            interview.signal(SIGKILL)
            let killedAfter = Date().timeIntervalSince(started)
            _ = interview.finish()
            _ = feeding.finish()

            let listing = try run(["sessions"])
            #expect(listing.standardError.contains("recovered Recordings/"), "\(listing.standardError)")
            let session = try showLast()
            #expect(session["kind"] as? String == "interview")
            let answers = try #require(session["answers"] as? [[String: Any]])
            #expect(answers.count == 1)
            let duration = try #require((answers.first?["takes"] as? [[String: Any]])?.first?["duration"] as? Double)
            // At most the last second is lost.
            #expect(
                duration > killedAfter - 1 && duration <= killedAfter + 0.5, "kept \(duration) s of \(killedAfter) s")
        }

        /// Three questions through a real terminal (tmux). The first answer is ended by Enter, the
        /// others by 2.5 s of silence; every answer holds a freeze (silence, "um", silence) and an
        /// "um"; the questions reach the speaker band-limited by the phone line; at the debrief `p`
        /// plays the worst moment back.
        @Test func threeQuestionsThroughATerminal() throws {
            let heard = home.appendingPathComponent("interviewer.wav")
            let capture = try audio.startCapturingSpeaker(to: heard)
            let terminal = try TmuxSession(
                command:
                    "\(rehearse) interview --home \(home.path) --questions 3 --end-silence 2.5 --limit 40; sleep 30",
                environment: audio.environment, height: 60)
            // The interview's own process (its command line starts with the binary; the shell's with
            // sh), so that no other program's stream is taken for its microphone.
            var pid: pid_t?
            for _ in 0..<300 where pid == nil {
                pid = pid_t(
                    try ChildProcess.run("pgrep", ["-n", "-f", "^\(rehearse) interview --home"]).standardOutput
                        .trimmingCharacters(in: .whitespacesAndNewlines))
                if pid == nil { Thread.sleep(forTimeInterval: 0.05) }
            }
            let interview = try #require(pid)

            // Each answer goes to the recording stream open once the feed ends: opening the device may
            // first show a short-lived probe stream, which must not be taken for the next question.
            var answered = Set<String>()
            var feeds = 0
            func answerNow() throws {
                try audio.feedMicrophone(answer)
                feeds += 1
                answered.formUnion(try audio.recordingClients(ofProcess: interview))
            }
            try #require(try audio.waitForRecordingClient(ofProcess: interview, excluding: answered) != nil)
            try answerNow()
            let pressed = Date()
            try terminal.press("Enter")
            try #require(try audio.waitForRecordingClient(ofProcess: interview, excluding: answered) != nil)
            // Enter ended the first answer well before 2.5 s of silence would have.
            #expect(Date().timeIntervalSince(pressed) < 10)
            try answerNow()
            // The third question, and a follow-up if one comes, until the debrief asks.
            var debriefShown = false
            let deadline = Date().addingTimeInterval(90)
            while !debriefShown && Date() < deadline {
                if !(try audio.recordingClients(ofProcess: interview).subtracting(answered).isEmpty) {
                    try answerNow()
                }
                debriefShown = try terminal.screen().contains("Press p and Enter to hear that moment")
                Thread.sleep(forTimeInterval: 0.1)
            }
            let beforeReplay = try terminal.screen()
            try #require(debriefShown, "\(beforeReplay)")
            #expect(feeds >= 3 && feeds <= 4)
            // No question text on screen while the call lasts, as on a phone call.
            let duringTheCall = beforeReplay.components(separatedBy: "Debrief:")[0]
            #expect(!duringTheCall.contains("?"), "\(duringTheCall)")
            #expect(beforeReplay.contains("Worst moment: question"), "\(beforeReplay)")

            // What reached the speaker so far: the interviewer, through the line, little above 4 kHz.
            capture.signal(SIGINT)
            _ = capture.finish()
            let samples = try AudioFileReader(path: heard.path).readAllMono()
            #expect(Double(samples.filter { abs($0) > 0.05 }.count) / 48_000 > 1, "the interviewer was not heard")
            let high = PracticeCommandTests.highShare(samples)
            print("interview: 4–8 kHz share of what the interviewer said: \(high) dB")
            #expect(high < -30, "4–8 kHz share \(high) dB")

            let replay = home.appendingPathComponent("replay.wav")
            let replayCapture = try audio.startCapturingSpeaker(to: replay)
            try terminal.press("p", "Enter")
            var replaying = false
            for _ in 0..<100 where !replaying {
                replaying = try terminal.screen().contains("▶")
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(replaying)
            Thread.sleep(forTimeInterval: 2)
            replayCapture.signal(SIGINT)
            _ = replayCapture.finish()
            #expect(
                try AudioFileReader(path: replay.path).readAllMono().contains { abs($0) > 0.05 }, "nothing replayed")

            let session = try showLast()
            #expect(session["kind"] as? String == "interview")
            let answers = try #require(session["answers"] as? [[String: Any]])
            #expect(answers.count == feeds)
            for (index, entry) in answers.enumerated() {
                let take = try #require((entry["takes"] as? [[String: Any]])?.first)
                let metrics = try #require(take["metrics"] as? [String: Any])
                let trailing = try #require(metrics["trailingSilence"] as? Double)
                if index == 0 {
                    #expect(trailing < 2, "trailing silence \(trailing) s after Enter")
                } else {
                    // Ended by silence: 2.5 s after the last word, within 0.5 s.
                    #expect(abs(trailing - 2.5) < 0.5, "answer \(index + 1): trailing silence \(trailing) s")
                }
                // The freeze is found where it was inserted: the silence, the "um" and the silence.
                let freezes = try #require(take["freezes"] as? [[String: Double]])
                #expect(freezes.count == 1, "answer \(index + 1): freezes \(freezes)")
                if let freeze = freezes.first {
                    #expect(freeze["end"]! - freeze["start"]! > 2.5, "freeze \(freeze)")
                }
                #expect(metrics["filledPauseCount"] as? Int == 1, "answer \(index + 1): \(metrics)")
            }
            // Told apart from practice in the list and the report.
            #expect(try run(["sessions"]).standardOutput.contains("interview"))
            #expect(try run(["report", "--kind", "practice"]).standardOutput.contains("No "))
        }
    }
}
