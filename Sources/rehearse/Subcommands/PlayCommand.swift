import ArgumentParser
import AudioIO
import Foundation

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play an audio file (WAV, FLAC, OGG, AIFF, …).",
        discussion: "Ctrl-C stops playback."
    )

    @Argument(help: "The file to play.")
    var file: String

    @Option(help: "Start this many seconds into the file.")
    var from: Double = 0

    @Option(name: .customLong("output-device"), help: "Speaker to use: an index or part of a name from 'rehearse devices'.")
    var outputDevice: String?

    func validate() throws {
        if !(from >= 0) { throw ValidationError("--from must be zero or a positive number of seconds") }
    }

    func run() throws {
        try reportingErrors {
            let stop = StopRequest()
            stop.watchSignals()
            let player = try Player(options: PlaybackOptions(path: file, startTime: from, device: outputDevice.map(DeviceSelector.init)))
            Console.note("Playing \(file) (\(clock(player.duration))) on '\(player.device.name)'. Ctrl-C stops.")
            let total = player.duration
            let outcome = try player.play(
                progress: { position in
                    Console.status("▶ \(clock(position)) / \(clock(total))  \(bar(position / total, width: 30))")
                },
                shouldStop: { stop.isRequested }
            )
            Console.endStatus()
            if case .stopped(let position) = outcome {
                Console.note("Stopped at \(clock(position)).")
            }
        }
    }
}
