import AudioIO
import Foundation
import Testing
import TestSupport

@testable import Sessions

/// The rules of a practice session, driven by a scripted microphone: milliseconds per flow.
@Suite struct PracticeRunTests {
    let scratch: TemporaryFolder
    let home: PracticeHome
    let answer: URL
    let prompt = Prompt(
        id: "first-90-days", text: "What would you do in your first 90 days?", category: "situational", answerLimit: 45)

    init() throws {
        scratch = try TemporaryFolder("rehearse-practice-run")
        home = PracticeHome(folder: scratch.url.appendingPathComponent("home"))
        answer = try SpeechFixtures.speech(
            "I would listen first, then act", sampleRate: 16_000, leadingSilence: 0.7, trailingSilence: 0.5,
            in: scratch.url)
    }

    func store() throws -> SessionStore { try SessionStore.open(home: home) { [] }.0 }

    @Test func takesAreNumberedAndComparedWithTheLastTakeAndTheLastSession() throws {
        let store = try store()
        let first = try PracticeRun(
            store: store, home: home, deck: nil, startedAt: Date(timeIntervalSince1970: 1_795_000_000))
        let recorder = ScriptedRecorder([answer, answer, answer])
        let asked = try first.ask(prompt)
        let one = try first.recordTake(of: asked, prompt: prompt, limit: 45, with: recorder)
        let two = try first.recordTake(of: asked, prompt: prompt, limit: 45, with: recorder)
        #expect(one.filed.take.number == 1 && two.filed.take.number == 2)
        #expect(one.previousTake == nil && two.previousTake?.number == 1)
        #expect(one.lastTime == nil)
        #expect(abs((one.filed.take.metrics?.responseLatency ?? 0) - 0.7) < 0.05)
        #expect(try first.finish())

        let second = try PracticeRun(
            store: store, home: home, deck: nil, startedAt: Date(timeIntervalSince1970: 1_795_086_400))
        let three = try second.recordTake(of: try second.ask(prompt), prompt: prompt, limit: 45, with: recorder)
        #expect(three.lastTime?.file == two.filed.take.file)
        #expect(recorder.limits == [45, 45, 45])
        #expect(PracticeRun.answerLimit(for: prompt, requested: nil) == 45)
        #expect(PracticeRun.thinkTime(for: prompt, requested: nil) == PracticeRun.defaultThinkTime)
    }

    @Test func twoRunsStartedInTheSameSecondGetTheirOwnSessions() throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let one = try PracticeRun(store: try store(), home: home, deck: nil, startedAt: date)
        let two = try PracticeRun(store: try store(), home: home, deck: nil, startedAt: date)
        #expect(one.id != two.id)
        #expect(two.id == one.id + "-2")
        #expect(SessionID.date(from: two.id) == SessionID.date(from: one.id))
        let take = TakeFile(session: two.id, position: 1, promptId: "p", take: 1)
        #expect(TakeFile(relativePath: take.relativePath) == take)

        // The run that records nothing removes its session, and never the other run's files.
        _ = try one.recordTake(of: try one.ask(prompt), prompt: prompt, limit: 45, with: ScriptedRecorder([answer]))
        #expect(try !two.finish())
        #expect(try one.finish())
        #expect(try store().sessions().map(\.id) == [one.id])
        #expect(FileManager.default.fileExists(atPath: home.recordings.appendingPathComponent(one.id).path))
        #expect(!FileManager.default.fileExists(atPath: home.recordings.appendingPathComponent(two.id).path))
    }

    @Test func aQuestionCountsAsAnsweredOnlyWhenATakeIsStored() throws {
        let store = try store()
        let run = try PracticeRun(store: store, home: home, deck: nil)
        #expect(throws: AudioDeviceError.self) {
            _ = try run.recordTake(of: try run.ask(prompt), prompt: prompt, limit: 45, with: ScriptedRecorder([nil]))
        }
        #expect(try store.promptHistory()[prompt.id] == nil)
        #expect(try !run.finish())
        #expect(try store.sessions().isEmpty)
        // Only the database (and its write-ahead log) is left: no session folder, no empty take file.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: home.recordings.path).allSatisfy {
                $0.hasPrefix("rehearse.sqlite")
            })
    }

    @Test func whatWasRecordedBeforeADiskFilledUpIsStored() throws {
        let store = try store()
        let run = try PracticeRun(store: store, home: home, deck: nil)
        let recorder = ScriptedRecorder([answer])
        recorder.failAfterFrames = 16_000
        #expect(throws: SoundFileError.self) {
            _ = try run.recordTake(of: try run.ask(prompt), prompt: prompt, limit: 45, with: recorder)
        }
        let takes = try store.answers(in: run.id).flatMap(\.takes)
        #expect(takes.count == 1)
        #expect(abs((takes.first?.duration ?? 0) - 1.0) < 0.001)
        #expect(try run.finish())
    }
}
