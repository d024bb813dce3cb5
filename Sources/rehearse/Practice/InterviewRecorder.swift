import Analysis
import AudioIO
import Foundation
import Sessions
import Synchronization

/// The microphone during a mock interview: records one answer until the speaker has finished
/// (`AnswerEndDetector`: they spoke, then stayed silent for `endSilence`), Enter, the limit or
/// Ctrl-C. Before the first word it only waits; once, after `promptAfter` seconds, the interviewer
/// says "Take your time.", and what the microphone hears meanwhile is kept out of the judgement (a
/// speakerphone would otherwise take the interviewer for the answer).
struct InterviewRecorder: AnswerRecorder {
    let device: DeviceSelector?
    let rate: Int
    let stop: StopRequest
    let stopsOnEnter: Bool
    let endSilence: Double
    let promptAfter: Double
    let interviewer: Interviewer

    static let reassurance = "Take your time."

    func record(to path: String, limit: Double) throws -> RecordingSummary {
        let watch = AnswerWatch()
        let recorder = try Recorder(
            options: RecordingOptions(
                path: path, preferredSampleRate: rate, device: device, maximumDuration: limit,
                listener: { watch.hear($0) }))
        watch.begin(sampleRate: recorder.sampleRate, endSilence: endSilence)
        Keyboard.shared.discardPending()
        try recorder.start()
        var reassured = false
        while !stop.isRequested && !recorder.isFinished && !watch.hasEnded {
            if stopsOnEnter, Keyboard.shared.poll() != nil { break }
            if !reassured && !watch.hasStarted && recorder.elapsed >= promptAfter {
                reassured = true
                watch.muted(true)
                Console.status("  ● \(clock(recorder.elapsed))  (the interviewer: \"\(Self.reassurance)\")")
                try? interviewer.say(Self.reassurance) { stop.isRequested }
                Thread.sleep(forTimeInterval: 0.3)  // the line's own tail
                watch.muted(false)
            }
            let state = watch.hasSpoken ? "listening" : "waiting for your answer"
            Console.status("  ● \(clock(recorder.elapsed)) / \(clock(limit))  \(state)")
            Thread.sleep(forTimeInterval: 0.05)
        }
        Console.endStatus()
        return try recorder.stop()
    }
}

/// What the live end-of-answer detector has heard so far, shared between the recorder's writer
/// thread (which feeds it) and the screen (which asks).
final class AnswerWatch: Sendable {
    private struct State {
        var detector: AnswerEndDetector?
        var muted = false
        var samples: [Float] = []
    }
    private let state = Mutex(State())

    /// Starts judging, at the recording's actual rate.
    func begin(sampleRate: Int, endSilence: Double) {
        state.withLock { $0.detector = AnswerEndDetector(sampleRate: sampleRate, endSilence: endSilence) }
    }

    /// While muted, what the microphone hears counts as digital silence.
    func muted(_ isMuted: Bool) { state.withLock { $0.muted = isMuted } }

    /// Takes a block from the writer thread.
    func hear(_ block: UnsafeBufferPointer<Int16>) {
        state.withLock { state in
            guard state.detector != nil else { return }
            if state.samples.count != block.count { state.samples = [Float](repeating: 0, count: block.count) }
            if state.muted {
                for index in block.indices { state.samples[index] = 0 }
            } else {
                for index in block.indices { state.samples[index] = Float(block[index]) / 32_768 }
            }
            state.samples.withUnsafeBufferPointer { state.detector!.process($0) }
        }
    }

    var hasSpoken: Bool { state.withLock { $0.detector?.hasSpoken ?? false } }
    /// True once the speaker has begun, even in the middle of their first words.
    var hasStarted: Bool { state.withLock { $0.detector.map { $0.hasSpoken || $0.isSpeaking } ?? false } }
    var hasEnded: Bool { state.withLock { $0.detector?.hasEnded ?? false } }
}
