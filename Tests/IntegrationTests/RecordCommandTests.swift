import AudioIO
import Foundation
import Testing
import TestSupport

/// `rehearse record` as a user runs it, in a child process, against the virtual microphone.
extension AudioIntegration {
    @Suite struct RecordCommandTests {
        let audio: VirtualAudio
        let scratch: TemporaryFolder
        var folder: URL { scratch.url }
        let rehearse = Paths.rehearseExecutable.path

        init() throws {
            audio = try VirtualAudio.require()
            scratch = try TemporaryFolder("rehearse-cli")
        }

        func startRecording(_ output: String, _ extra: [String] = []) throws -> ChildProcess {
            try ChildProcess(
                rehearse, ["record", output, "--rate", "48000"] + extra, environment: audio.childEnvironment)
        }

        /// SIGKILL mid-answer (as a crash or power cut would): the file must be readable and hold the
        /// audio up to at most one second before the kill.
        @Test(arguments: [AudioFileFormat.wav, .flac])
        func killedRecordingKeepsEverythingUpToTheLastSecond(format: AudioFileFormat) throws {
            let source = try SpeechFixtures.speech(SpeechFixtures.interviewAnswer, sampleRate: 48_000, in: folder)
            let sourceSamples = try AudioFileReader(path: source.path).readAllMono()
            let output = folder.appendingPathComponent("killed.\(format.fileExtension)").path
            let recording = try startRecording(output)
            #expect(try audio.waitForRecordingClient() != nil)
            let started = Date()
            let feeder = try audio.startFeedingMicrophone(source)
            Thread.sleep(forTimeInterval: 4)
            recording.signal(SIGKILL)
            let killedAfter = Date().timeIntervalSince(started)
            let result = recording.finish()
            feeder.signal(SIGKILL)
            _ = feeder.finish()
            #expect(result.status == 128 + SIGKILL)

            let reader = try AudioFileReader(path: output)
            let kept = reader.duration
            #expect(kept >= killedAfter - 1.0, "kept \(kept) s of \(killedAfter) s")
            #expect(kept <= killedAfter + 0.5)
            let recorded = try reader.readAllMono()
            // What was kept is the answer as spoken, sample for sample.
            let onset = SignalComparison.activeSpan(recorded, threshold: 0.02).lowerBound
            let heard = max(0, recorded.count - onset - 4_800)
            let comparison = SignalComparison(source: Array(sourceSamples.prefix(heard)), recording: recorded)
            #expect(comparison.correlation >= 0.99, "correlation \(comparison.correlation)")
            print(
                "crash[\(format)]: killed after \(killedAfter) s, file holds \(kept) s (lost \(max(0, killedAfter - kept)) s), correlation \(comparison.correlation)"
            )
        }

        @Test(arguments: [SIGINT, SIGTERM])
        func interruptFinishesTheFileAndReportsIt(signal: Int32) throws {
            let output = folder.appendingPathComponent("interrupted-\(signal).wav").path
            let recording = try startRecording(output)
            #expect(try audio.waitForRecordingClient() != nil)
            let started = Date()
            Thread.sleep(forTimeInterval: 2)
            recording.signal(signal)
            let stoppedAfter = Date().timeIntervalSince(started)
            let result = recording.finish()
            #expect(result.status == 0, "stderr: \(result.standardError)")
            #expect(result.standardOutput.hasPrefix("Saved \(output): "))
            let reader = try AudioFileReader(path: output)
            #expect(
                abs(reader.duration - stoppedAfter) < 0.5, "file \(reader.duration) s, stopped after \(stoppedAfter) s")
        }

        @Test func durationOptionRecordsExactlyThatLong() throws {
            let output = folder.appendingPathComponent("timed.flac").path
            let result = try ChildProcess.run(
                rehearse, ["record", output, "--duration", "1.25", "--rate", "16000"],
                environment: audio.childEnvironment)
            #expect(result.status == 0, "stderr: \(result.standardError)")
            #expect(result.standardOutput == "Saved \(output): 1.25 s at 16000 Hz.\n")
            let reader = try AudioFileReader(path: output)
            #expect(reader.frameCount == 20_000)
            #expect(reader.sampleRate == 16_000)
        }

        @Test func fullDiskStopsTheRecordingAndKeepsWhatFits() throws {
            let mountPoint = folder.appendingPathComponent("small-disk").path
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            let mount = try ChildProcess.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint])
            try #require(mount.status == 0, "needs root to mount a small tmpfs: \(mount.standardError)")
            defer { _ = try? ChildProcess.run("umount", [mountPoint]) }
            let output = mountPoint + "/answer.wav"

            let result = try ChildProcess.run(
                rehearse, ["record", output, "--duration", "3"], environment: audio.childEnvironment)
            #expect(result.status == 1)
            let lines = result.standardError.split(separator: "\n")
            #expect(
                lines.last?.hasPrefix("rehearse: error: cannot write '\(output)': no space left on device") == true,
                "\(lines)")
            #expect(lines.last?.hasSuffix("the audio recorded before that is saved in \(output)") == true)
            let reader = try AudioFileReader(path: output)
            #expect(reader.duration > 0.5)
        }

        /// The same, without root: the debug build's fault hook fills the disk after 1 s of audio.
        @Test func aDiskThatFillsAfterOneSecondKeepsThatSecond() throws {
            let output = folder.appendingPathComponent("full.wav").path
            var environment = audio.childEnvironment
            environment["REHEARSE_FAULT"] = "disk-full-after=1"
            let result = try ChildProcess.run(
                rehearse, ["record", output, "--duration", "3", "--rate", "16000"], environment: environment)
            #expect(result.status == 1)
            #expect(
                result.standardError.split(separator: "\n").last.map(String.init)
                    == "rehearse: error: cannot write '\(output)': no space left on device after 1.0 s of audio; "
                    + "the audio recorded before that is saved in \(output)")
            #expect(try AudioFileReader(path: output).frameCount == 16_000)
        }

        /// Practice on a disk that fills up mid-answer stores the part that was written, then stops.
        @Test func practiceOnAFillingDiskStoresWhatWasRecorded() throws {
            let home = try Paths.practiceHome(in: folder)
            var environment = audio.childEnvironment
            environment["REHEARSE_FAULT"] = "disk-full-after=1.5"
            let result = try ChildProcess.run(
                rehearse,
                [
                    "practice", "--home", home.path, "--count", "2", "--think", "0", "--limit", "4",
                    "--non-interactive", "--rate", "16000",
                ],
                environment: environment)
            #expect(result.status == 1)
            #expect(
                result.standardError.contains("no space left on device after 1.5 s of audio"), "\(result.standardError)"
            )
            let shown = try ChildProcess.run(
                rehearse, ["show", "last", "--format", "json", "--home", home.path], environment: environment)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
            let answers = try #require(object["answers"] as? [[String: Any]])
            #expect(answers.count == 1)
            let take = try #require((answers.first?["takes"] as? [[String: Any]])?.first)
            #expect(abs((take["duration"] as? Double ?? 0) - 1.5) < 0.001)
        }

        /// A microphone another program holds: one line, and no file left behind.
        @Test func aBusyDeviceIsOneLine() throws {
            let output = folder.appendingPathComponent("busy.wav").path
            var environment = audio.childEnvironment
            environment["REHEARSE_FAULT"] = "device-busy"
            let result = try ChildProcess.run(
                rehearse, ["record", output, "--duration", "1"], environment: environment)
            #expect(result.status == 1)
            #expect(result.standardError.hasPrefix("rehearse: error: "))
            #expect(result.standardError.contains("the device is busy or unavailable"), "\(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: output))
        }

        @Test func missingFolderIsOneLineAndNoFile() throws {
            let output = folder.appendingPathComponent("no/such/folder/a.wav").path
            let result = try ChildProcess.run(
                rehearse, ["record", output, "--duration", "1"], environment: audio.childEnvironment)
            #expect(result.status == 1)
            #expect(
                result.standardError
                    == "rehearse: error: cannot write '\(output)': folder '\(folder.path)/no/such/folder' does not exist\n"
            )
        }

        @Test func unknownInputDeviceListsTheAvailableOnes() throws {
            let output = folder.appendingPathComponent("never.wav").path
            let result = try ChildProcess.run(
                rehearse, ["record", output, "--input-device", "blue yeti"], environment: audio.childEnvironment)
            #expect(result.status == 1)
            #expect(
                result.standardError
                    == "rehearse: error: audio device 'blue yeti': no input device name contains 'blue yeti'; available: #0 default\n"
            )
            #expect(!FileManager.default.fileExists(atPath: output))
        }

        @Test func devicesAsJSONListsTheVirtualDevice() throws {
            let result = try ChildProcess.run(rehearse, ["devices", "--json"], environment: audio.childEnvironment)
            #expect(result.status == 0)
            let devices = try JSONDecoder().decode([AudioDevice].self, from: Data(result.standardOutput.utf8))
            #expect(devices.contains { $0.isDefaultInput && $0.maxInputChannels > 0 })
            #expect(devices.contains { $0.isDefaultOutput && $0.maxOutputChannels > 0 })
        }

        /// `play --phone` sends the file through the phone line: of a 1 kHz and a 5 kHz tone mixed,
        /// the speaker gets the first as it was and the second at least 25 dB down.
        @Test func playThroughAPhoneLineCutsWhatAPhoneCannotCarry() throws {
            let tones = folder.appendingPathComponent("tones.wav")
            let made = try ChildProcess.run(
                "sox",
                [
                    "-n", "-r", "48000", "-b", "16", tones.path, "synth", "1.5", "sine", "1000", "sine", "5000",
                    "remix", "1v0.3,2v0.3",
                ])
            try #require(made.status == 0, "\(made.standardError)")
            let captured = folder.appendingPathComponent("phone-speaker.wav")
            let capture = try audio.startCapturingSpeaker(to: captured)
            Thread.sleep(forTimeInterval: 0.5)
            let result = try ChildProcess.run(
                rehearse, ["play", "--phone", tones.path], environment: audio.childEnvironment)
            Thread.sleep(forTimeInterval: 0.3)
            capture.signal(SIGINT)
            _ = capture.finish()
            #expect(result.status == 0, "stderr: \(result.standardError)")
            #expect(result.standardError.contains("through a phone line"))
            let heard = try AudioFileReader(path: captured.path).readAllMono()
            let loud = heard.indices.filter { abs(heard[$0]) > 0.05 }
            let first = try #require(loud.first), last = try #require(loud.last)
            let middle = heard[(first + 9_600)...(last - 9_600)]  // 0.2 s in from each end
            func decibels(_ frequency: Double) -> Double {
                var sine = 0.0, cosine = 0.0
                for (offset, sample) in middle.enumerated() {
                    let phase = 2 * Double.pi * frequency * Double(offset) / 48_000
                    sine += Double(sample) * sin(phase)
                    cosine += Double(sample) * cos(phase)
                }
                return 20 * log10(2 * (sine * sine + cosine * cosine).squareRoot() / Double(middle.count) / 0.3)
            }
            let kept = decibels(1_000), cut = decibels(5_000)
            #expect(abs(kept) < 1.5, "1 kHz at \(kept) dB")
            #expect(cut < -25, "5 kHz at \(cut) dB")
        }

        @Test func playCommandPlaysToTheEnd() throws {
            let source = try SpeechFixtures.speech(
                "Thank you for your time.", sampleRate: 48_000, in: folder, name: "short")
            let result = try ChildProcess.run(rehearse, ["play", source.path], environment: audio.childEnvironment)
            #expect(result.status == 0, "stderr: \(result.standardError)")
            #expect(result.standardError.hasPrefix("Playing \(source.path)"))
        }
    }
}
