import AudioIO
import Sessions

/// What practice and the mock interview share on the terminal: a sitting that is closed whatever
/// happens, and takes whose disk failures are one line.
extension PracticeRun {
    /// Runs `questions`, then closes the sitting (removing it when nothing was recorded); an error
    /// closes it too before it goes on.
    /// - Returns: false, after printing `nothingSaved`, when nothing was recorded.
    func sitting(nothingSaved: String, _ questions: () throws -> Void) throws -> Bool {
        do {
            try questions()
        } catch {
            Console.endStatus()
            _ = try? finish()
            throw error
        }
        Console.endStatus()
        guard try finish() else {
            print("\n" + nothingSaved)
            return false
        }
        return true
    }

    /// `recordTake`, with a failure to write (a full disk) as one line saying that the audio
    /// recorded before it is kept.
    func recordTakeKeepingAudio(
        of answer: Answer, prompt: Prompt, limit: Double, with recorder: some AnswerRecorder
    ) throws -> PracticeTake {
        do {
            return try recordTake(of: answer, prompt: prompt, limit: limit, with: recorder)
        } catch let error as SoundFileError {
            throw CommandFailure("\(error.description); what was recorded before is kept")
        }
    }
}
