import Analysis
import AudioIO
import Foundation

/// Records one answer into a file. The microphone in `rehearse practice`; a fixture file in tests.
public protocol AnswerRecorder {
    /// Records into `path` (created and locked by the caller, empty) until `limit` seconds, a stop
    /// request or the recorder's own end.
    /// - Throws: when nothing could be recorded, or recording ended early (a full disk); audio
    ///   already written stays in the file.
    func record(to path: String, limit: Double) throws -> RecordingSummary
}

/// A recorded take, ready to show: the take, its cautions, and what to compare it with.
public struct PracticeTake: Sendable {
    public var filed: FiledTake
    /// The previous take of the same answer in this session, if this is a retake.
    public var previousTake: Take?
    /// The latest analysed take of the same prompt in an earlier session.
    public var lastTime: Take?
}

/// One practice session: the rules of a sitting, independent of the terminal. It claims a session
/// id no other process can share, numbers takes, applies the default think time and answer
/// limit, stores every take through the one take pipeline, and finds what each take is compared
/// with. The command-line front end only asks, counts down, draws and reads keys.
public final class PracticeRun {
    /// Seconds to think when neither the command line nor the deck says.
    public static let defaultThinkTime = 15.0
    /// Longest answer in seconds when neither the command line nor the deck says.
    public static let defaultAnswerLimit = 120.0

    public let store: SessionStore
    public let home: PracticeHome
    /// The session's id (also its folder name under `Recordings/`).
    public let id: String
    /// How every take is analysed (whether filled pauses are looked for).
    public let settings: AnalysisSettings
    private var takesRecorded = 0
    /// The latest take of each answer recorded in this session, by answer id.
    private var latestTakes: [Int64: Take] = [:]

    /// Starts a session now: claims its folder and records it in the store.
    public init(
        store: SessionStore, home: PracticeHome, deck: String?, kind: PracticeSession.Kind = .practice,
        settings: AnalysisSettings = AnalysisSettings(), startedAt: Date = Date()
    ) throws {
        self.store = store
        self.home = home
        self.settings = settings
        try FileManager.default.createDirectory(at: home.recordings, withIntermediateDirectories: true)
        id = try SessionID.claim(at: startedAt, in: home.recordings) { try store.session($0) != nil }
        do {
            _ = try store.startSession(id: id, at: startedAt, deck: deck, kind: kind)
        } catch {
            rmdir(home.recordings.appendingPathComponent(id).path)
            throw error
        }
    }

    /// The think time for `prompt`: the command line's, else the deck's, else the default.
    public static func thinkTime(for prompt: Prompt, requested: Double?) -> Double {
        requested ?? prompt.thinkTime ?? defaultThinkTime
    }

    /// The answer limit for `prompt`: the command line's, else the deck's, else the default.
    public static func answerLimit(for prompt: Prompt, requested: Double?) -> Double {
        requested ?? prompt.answerLimit ?? defaultAnswerLimit
    }

    /// Records that `prompt` is asked now. It only counts as answered once a take is stored.
    public func ask(_ prompt: Prompt) throws -> Answer {
        try store.ask(prompt, in: id)
    }

    /// Records the next take of `answer` with `recorder` and stores it. The file is locked from its
    /// creation until the take is in the database, so no other command adopts it half-written.
    /// An answer whose first take fails is removed again: an unanswered question is not answered.
    public func recordTake(
        of answer: Answer, prompt: Prompt, limit: Double, with recorder: some AnswerRecorder
    ) throws -> PracticeTake {
        let previous = latestTakes[answer.id!]
        let number = (previous?.number ?? 0) + 1
        let file = TakeFile(session: id, position: answer.position, promptId: prompt.id, take: number)
        let path = home.url(of: file.relativePath).path
        let recordedAt = Date()
        let filed: FiledTake
        do {
            let lock = try TakeLock(creating: path)
            let summary: RecordingSummary
            do {
                summary = try recorder.record(to: path, limit: limit)
            } catch {
                // Keep what was recorded before the failure (a full disk): store it, then report.
                if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 44,
                    let kept = try? store.file(
                        RecordedTake(file: file, recordedAt: recordedAt), answer: answer.id!, home: home,
                        settings: settings)
                {
                    latestTakes[answer.id!] = kept.take
                    takesRecorded += 1
                } else {
                    unlink(path)
                }
                throw error
            }
            filed = try store.file(
                RecordedTake(file: file, recordedAt: recordedAt, droppedFrames: summary.droppedFrames),
                answer: answer.id!, home: home, settings: settings)
            lock.release()
        } catch {
            if latestTakes[answer.id!] == nil { try? store.deleteAnswer(answer.id!, andEmptySession: false) }
            throw error
        }
        latestTakes[answer.id!] = filed.take
        takesRecorded += 1
        let lastTime = try store.previousTakes(of: prompt.id, before: id).last
        return PracticeTake(filed: filed, previousTake: previous, lastTime: lastTime)
    }

    /// Answers with at least one take so far.
    public var answersRecorded: Int { latestTakes.count }

    /// Ends the session. One in which nothing was recorded is removed (database row and its own
    /// empty folder; never files that are not this session's takes).
    /// - Returns: false when the session was removed for being empty.
    public func finish() throws -> Bool {
        guard takesRecorded == 0 else { return true }
        if try store.answers(in: id).allSatisfy({ $0.takes.isEmpty }) {
            try store.deleteSession(id)
            rmdir(home.recordings.appendingPathComponent(id).path)  // Only if empty.
        }
        return false
    }
}
