import ArgumentParser
import AudioIO
import Foundation

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record from the microphone into an audio file.",
        usage:
            "rehearse record <file> [--duration <seconds>] [--input-device <device>]\n  [--rate <hz>] [--format <format>] [--force]",
        discussion: """
            Stops when you press Enter or Ctrl-C, or after --duration seconds. The file is written \
            while you speak, so even if the program or the machine dies, everything up to the last \
            second is kept.
            """
    )

    @Argument(
        help: "The file to create: answer.wav or answer.flac (an existing file is kept unless --force).",
        completion: .file(extensions: ["wav", "flac"]))
    var file: String

    @Option(help: "Stop after this many seconds.")
    var duration: Seconds?

    @Option(help: "Microphone to use: an index or part of a name from 'rehearse devices'.")
    var inputDevice: DeviceSelector?

    @Option(help: "Sample rate in Hz; the device's own rate is used if it refuses this one.")
    var rate = 48_000

    @Option(help: "File format: wav or flac (default: from the file name, else wav).")
    var format: AudioFileFormat?

    @Flag(help: "Replace the file if it exists.")
    var force = false

    /// The format to write: the file name's, which --format may repeat but not contradict.
    func chosenFormat() throws -> AudioFileFormat {
        let name = (file as NSString).lastPathComponent
        let named = AudioFileFormat(pathExtension: name)
        if named == nil, name.contains("."), !name.hasPrefix(".") {
            throw ValidationError("rehearse records WAV or FLAC: name the file .wav or .flac, not '\(name)'")
        }
        if let format, let named, format != named {
            throw ValidationError("--format \(format.rawValue) does not match the file name '\(name)'")
        }
        return format ?? named ?? .wav
    }

    func validate() throws {
        if let duration { try duration.validate(option: "--duration", allowsZero: false) }
        if !(8_000...192_000).contains(rate) { throw ValidationError("--rate must be between 8000 and 192000 Hz") }
        _ = try chosenFormat()
    }

    func run() throws {
        if !force, FileManager.default.fileExists(atPath: file) {
            throw CommandFailure("'\(file)' already exists; add --force to replace it")
        }
        let stop = StopRequest()
        stop.watchSignals()
        let options = RecordingOptions(
            path: file,
            format: try chosenFormat(),
            preferredSampleRate: rate,
            device: inputDevice,
            maximumDuration: duration?.value
        )
        let recorder = try Recorder(options: options)
        if recorder.sampleRate != rate {
            Console.note(
                "note: '\(recorder.device.name)' does not record at \(rate) Hz; using \(recorder.sampleRate) Hz")
        }
        let stopHint =
            duration.map { "for \(clock($0.value)), or until Enter or Ctrl-C" } ?? "until you press Enter or Ctrl-C"
        Console.note("Recording from '\(recorder.device.name)' to \(file) \(stopHint).")
        try recorder.start()
        let summary: RecordingSummary
        do {
            summary = try runRecording(recorder, stop: stop, stopsOnEnter: true, status: meter)
        } catch {
            throw CommandFailure("\(error); the audio recorded before that is saved in \(file)")
        }
        print(String(format: "Saved %@: %.2f s at %d Hz.", file, summary.duration, summary.sampleRate))
        if summary.droppedFrames > 0 || summary.deviceOverflows > 0 {
            Console.note(
                "warning: \(summary.droppedFrames) frames (\(String(format: "%.3f", Double(summary.droppedFrames) / Double(summary.sampleRate))) s) "
                    + "were lost because the disk could not keep up, and the device reported \(summary.deviceOverflows) overflows."
            )
        }
    }

    private func meter(_ recorder: Recorder) -> String {
        let level = recorder.level
        // Map -60…0 dBFS onto the bar; speech usually sits around -30…-10.
        let fraction = (level.peakDBFS + 60) / 60
        let remaining = duration.map { "  -" + clock(max(0, $0.value - recorder.elapsed)) } ?? ""
        return
            "● REC \(clock(recorder.elapsed))\(remaining)  \(bar(fraction, width: 24)) \(String(format: "%4.0f", level.peakDBFS)) dBFS   Enter stops"
    }
}

extension AudioFileFormat: ExpressibleByArgument {}
