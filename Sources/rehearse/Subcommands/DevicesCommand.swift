import ArgumentParser
import AudioIO
import Foundation

struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the audio input and output devices.",
        discussion: """
            Use the index or part of the name with --input-device or --output-device.
            The default input and output are marked with '*'.
            """
    )

    @OptionGroup var output: FormatOptions

    func validate() throws { _ = try output.resolved(default: .table, allowed: [.table, .json]) }

    func run() throws {
        let json = try output.resolved(default: .table, allowed: [.table, .json]) == .json
        let devices = try AudioDevices.all()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(devices), as: UTF8.self))
            return
        }
        guard !devices.isEmpty else {
            throw CommandFailure("no audio devices found (is a sound card connected and a sound server running?)")
        }
        let nameWidth = max(4, devices.map(\.name.count).max() ?? 0)
        print("index  " + "name".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  in  out  rate     host")
        for device in devices {
            let marks = (device.isDefaultInput ? "*in " : "") + (device.isDefaultOutput ? "*out" : "")
            let line =
                String(format: "%5d  ", device.index)
                + device.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + String(
                    format: "  %2d  %3d  %-7.0f  ", device.maxInputChannels, device.maxOutputChannels,
                    device.defaultSampleRate)
                + device.hostAPI + (marks.isEmpty ? "" : "  " + marks)
            print(line)
        }
    }
}
