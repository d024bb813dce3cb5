import AudioIO
import Foundation
import Signal

/// The voice that asks the questions: espeak-ng with a voice, pace and pitch, heard directly or
/// through a phone line (`PhoneLine`: 300-3400 Hz, 8-bit mu-law, a little hiss).
struct Interviewer: Sendable {
    /// An espeak-ng voice name ("en-us", "en-gb+f3").
    var voice = "en-us"
    /// Words per minute.
    var speed = 175
    /// espeak-ng's pitch, 0-99.
    var pitch = 50
    var throughPhone = false
    var device: DeviceSelector?

    /// The voices a mock interview picks from: American and British English, male and female.
    static let voices = ["en-us", "en-gb", "en-us+m3", "en-gb+f3", "en-us+f2", "en-gb+m2"]

    /// A different interviewer each time: voice, pace (150-180 words a minute) and pitch (35-65).
    static func random(
        throughPhone: Bool, device: DeviceSelector?, using generator: inout some RandomNumberGenerator
    )
        -> Interviewer
    {
        Interviewer(
            voice: voices.randomElement(using: &generator)!, speed: Int.random(in: 150...180, using: &generator),
            pitch: Int.random(in: 35...65, using: &generator), throughPhone: throughPhone, device: device)
    }

    /// Says `text` and returns when it has been said (or `shouldStop` says so). espeak-ng writes into
    /// a private folder only this process can enter (random name, mode 0700), so no other user can
    /// plant or read the file.
    /// - Throws: when espeak-ng is missing or fails, or the speaker cannot be opened.
    func say(_ text: String, shouldStop: () -> Bool) throws {
        try PrivateFolder.with { folder in
            let file = folder.appendingPathComponent("speech.wav").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "espeak-ng", "-v", voice, "-s", String(speed), "-p", String(pitch), "-w", file, "--", text,
            ]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CommandFailure("espeak-ng exited with status \(process.terminationStatus)")
            }
            let reader = try PlaybackOptions(path: file).openReader()
            if throughPhone {
                _ = try Player(source: PhoneLine(reader), device: device).play(shouldStop: shouldStop)
            } else {
                _ = try Player(source: reader, device: device).play(shouldStop: shouldStop)
            }
        }
    }
}
