import AudioIO
import Foundation
import Signal
import Testing
import TestSupport

/// Real PortAudio through the virtual audio device: what goes into the microphone must come out in
/// the file, and what the player sends must reach the speaker.
extension AudioIntegration {
    @Suite struct RecorderAndPlayerTests {
        let audio: VirtualAudio
        let scratch: TemporaryFolder
        var folder: URL { scratch.url }

        init() throws {
            audio = try VirtualAudio.require()
            scratch = try TemporaryFolder("rehearse-integration")
        }

        @Test(arguments: [AudioFileFormat.wav, .flac])
        func recordsSpokenAnswerFaithfully(format: AudioFileFormat) throws {
            let source = try SpeechFixtures.speech(SpeechFixtures.interviewAnswer, sampleRate: 48_000, in: folder)
            let sourceSamples = try AudioFileReader(path: source.path).readAllMono()
            let sourceDuration = Double(sourceSamples.count) / 48_000
            let output = folder.appendingPathComponent("answer.\(format.fileExtension)").path

            let recorder = try Recorder(
                options: RecordingOptions(path: output, format: format, preferredSampleRate: 48_000))
            #expect(recorder.sampleRate == 48_000)
            try recorder.start()
            #expect(try audio.waitForRecordingClient() != nil)
            try audio.feedMicrophone(source)
            Thread.sleep(forTimeInterval: 0.5)
            let summary = try recorder.stop()

            #expect(summary.droppedFrames == 0)
            #expect(summary.deviceOverflows == 0)
            let reader = try AudioFileReader(path: output)
            #expect(reader.frameCount == summary.frames)
            let recorded = try reader.readAllMono()
            #expect(recorded.count >= sourceSamples.count)

            let comparison = SignalComparison(source: sourceSamples, recording: recorded)
            #expect(comparison.correlation >= 0.99, "correlation \(comparison.correlation)")
            let durationError = comparison.spanError(sampleRate: 48_000)
            #expect(
                durationError <= 0.020,
                "speech lasts \(sourceDuration) s in the source; recorded span differs by \(durationError) s")
            print(
                "recorder[\(format)]: correlation \(comparison.correlation), span error \(durationError * 1000) ms, dropped \(summary.droppedFrames), offset \(comparison.offset) samples"
            )
        }

        @Test func stopsByItselfAfterTheMaximumDuration() throws {
            let output = folder.appendingPathComponent("timed.wav").path
            let recorder = try Recorder(
                options: RecordingOptions(path: output, preferredSampleRate: 16_000, maximumDuration: 1.5))
            try recorder.start()
            let deadline = Date().addingTimeInterval(10)
            while !recorder.isFinished && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            let summary = try recorder.stop()
            #expect(recorder.isFinished)
            #expect(summary.frames == 24_000)
            #expect(try AudioFileReader(path: output).frameCount == 24_000)
        }

        @Test func liveLevelFollowsTheMicrophone() throws {
            let loud = try SpeechFixtures.speech(
                "Hello, hello, hello, can you hear me?", sampleRate: 48_000, in: folder, name: "loud")
            let recorder = try Recorder(
                options: RecordingOptions(path: folder.appendingPathComponent("level.wav").path))
            try recorder.start()
            #expect(try audio.waitForRecordingClient() != nil)
            Thread.sleep(forTimeInterval: 0.3)
            let quiet = recorder.level
            let feeder = try audio.startFeedingMicrophone(loud)
            var loudest = quiet.peakDBFS
            while feeder.isRunning {
                loudest = max(loudest, recorder.level.peakDBFS)
                Thread.sleep(forTimeInterval: 0.01)
            }
            _ = feeder.finish()
            try recorder.stop()
            #expect(quiet.peakDBFS < -60)
            #expect(loudest > -20)
        }

        @Test func playerDeliversTheFileToTheSpeaker() throws {
            let source = try SpeechFixtures.speech(
                SpeechFixtures.interviewAnswer, sampleRate: 48_000, in: folder, name: "playback")
            let sourceSamples = try AudioFileReader(path: source.path).readAllMono()
            let captured = folder.appendingPathComponent("speaker.wav")
            let capture = try audio.startCapturingSpeaker(to: captured)
            Thread.sleep(forTimeInterval: 0.5)
            let player = try Player(options: PlaybackOptions(path: source.path))
            var lastProgress = 0.0
            let outcome = try player.play(progress: { lastProgress = $0 })
            Thread.sleep(forTimeInterval: 0.3)
            capture.signal(SIGINT)
            _ = capture.finish()

            #expect(outcome == .finished)
            #expect(abs(lastProgress - player.duration) < 0.05)
            let heard = try AudioFileReader(path: captured.path).readAllMono()
            let comparison = SignalComparison(source: sourceSamples, recording: heard)
            #expect(comparison.correlation >= 0.99, "correlation \(comparison.correlation)")
            // The whole answer arrives, its ending included (PortAudio's ALSA backend cuts the tail
            // unless the player pushes it through).
            let spanError = comparison.spanError(sampleRate: 48_000)
            #expect(spanError <= 0.020, "span error \(spanError) s")
            print("player: correlation \(comparison.correlation), span error \(spanError * 1000) ms")
        }

        /// The player pulls from any `SampleSource`, not only a file: a generated tone reaches the
        /// speaker whole, at its frequency.
        @Test func playerPlaysAGeneratedSource() throws {
            let captured = folder.appendingPathComponent("tone.wav")
            let capture = try audio.startCapturingSpeaker(to: captured)
            Thread.sleep(forTimeInterval: 0.5)
            let player = try Player(
                source: ToneSource(frequency: 1_000, seconds: 1, sampleRate: 48_000, amplitude: 0.5), device: nil)
            #expect(try player.play() == .finished)
            Thread.sleep(forTimeInterval: 0.3)
            capture.signal(SIGINT)
            _ = capture.finish()
            let heard = try AudioFileReader(path: captured.path).readAllMono()
            let loud = heard.indices.filter { abs(heard[$0]) > 0.25 }
            let first = try #require(loud.first), last = try #require(loud.last)
            #expect(abs(Double(last - first) / 48_000 - 1) < 0.02, "tone heard for \(Double(last - first) / 48_000) s")
            // Zero crossings in the loud stretch: 2 per cycle, 1000 cycles a second.
            let tone = heard[first...last]
            let crossings = zip(tone, tone.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
            let frequency = Double(crossings) / 2 / (Double(last - first) / 48_000)
            #expect(abs(frequency - 1_000) < 10, "frequency \(frequency) Hz")
        }

        @Test func playerStartsAtTheRequestedOffsetAndStopsOnRequest() throws {
            let source = try SpeechFixtures.speech(
                SpeechFixtures.interviewAnswer, sampleRate: 48_000, in: folder, name: "offset")
            let player = try Player(options: PlaybackOptions(path: source.path, startTime: 2))
            var positions: [Double] = []
            let outcome = try player.play(
                progress: { positions.append($0) }, shouldStop: { (positions.last ?? 0) >= 3 })
            guard case .stopped(let position) = outcome else {
                Issue.record("expected playback to stop early, got \(outcome)")
                return
            }
            #expect(positions.first.map { $0 > 2 && $0 < 2.1 } == true)
            #expect(position >= 3 && position < 3.1)
        }
    }
}
