internal import CPortAudio

/// An audio device as the system reports it.
public struct AudioDevice: Sendable, Equatable, Codable {
    /// PortAudio's index for the device; stable while the set of devices does not change.
    public let index: Int
    public let name: String
    /// The audio system that provides it (ALSA, JACK, Core Audio, …).
    public let hostAPI: String
    public let maxInputChannels: Int
    public let maxOutputChannels: Int
    /// The rate the device prefers, in Hz.
    public let defaultSampleRate: Double
    public let isDefaultInput: Bool
    public let isDefaultOutput: Bool

    public var isInput: Bool { maxInputChannels > 0 }
    public var isOutput: Bool { maxOutputChannels > 0 }
}

/// Whether a device is wanted for capture or for playback.
public enum AudioDirection: Sendable {
    case input, output
}

/// How the user names a device: by its index, or by part of its name (case-insensitive).
public enum DeviceSelector: Sendable, Equatable, CustomStringConvertible {
    case index(Int)
    case name(String)

    /// Parses the text of `--input-device` / `--output-device`: a number is an index, anything
    /// else a name fragment.
    public init(_ text: String) {
        if let index = Int(text) {
            self = .index(index)
        } else {
            self = .name(text)
        }
    }

    public var description: String {
        switch self {
        case .index(let index): "#\(index)"
        case .name(let name): name
        }
    }
}

/// The devices PortAudio can see.
public enum AudioDevices {
    /// Every input and output device, in PortAudio's order.
    public static func all() throws(AudioDeviceError) -> [AudioDevice] {
        let session = try PortAudioSession()
        defer { withExtendedLifetime(session) {} }
        return enumerate()
    }

    /// Finds the device to use for `direction`: the system default when `selector` is nil.
    /// - Throws: `.noInputDevice` / `.noOutputDevice` when there is none at all, `.deviceNotFound`
    ///   when the selector matches nothing suitable, naming what is available.
    public static func resolve(
        _ selector: DeviceSelector?, for direction: AudioDirection
    ) throws(AudioDeviceError) -> AudioDevice {
        let session = try PortAudioSession()
        defer { withExtendedLifetime(session) {} }
        return try resolve(selector, for: direction, among: enumerate())
    }

    /// Resolution on an explicit device list; exposed for tests of the selection rules.
    public static func resolve(
        _ selector: DeviceSelector?, for direction: AudioDirection, among devices: [AudioDevice]
    ) throws(AudioDeviceError) -> AudioDevice {
        let suitable = devices.filter { direction == .input ? $0.isInput : $0.isOutput }
        let kind = direction == .input ? "input" : "output"
        guard !suitable.isEmpty else {
            let code: AudioDeviceError.Code = direction == .input ? .noInputDevice : .noOutputDevice
            let hint = direction == .input ? " (is a microphone connected and a sound server running?)" : ""
            throw AudioDeviceError(code, reason: "no audio \(kind) device found\(hint)")
        }
        let available = suitable.map { "#\($0.index) \($0.name)" }.joined(separator: ", ")
        switch selector {
        case nil:
            let isDefault = { (device: AudioDevice) in
                direction == .input ? device.isDefaultInput : device.isDefaultOutput
            }
            return suitable.first(where: isDefault) ?? suitable[0]
        case .index(let index):
            if let device = suitable.first(where: { $0.index == index }) { return device }
            throw AudioDeviceError(
                .deviceNotFound, device: "#\(index)",
                reason: "no \(kind) device with index \(index); available: \(available)")
        case .name(let fragment):
            let needle = fragment.lowercased()
            let matches = suitable.filter { $0.name.lowercased().contains(needle) }
            if let exact = matches.first(where: { $0.name.lowercased() == needle }) { return exact }
            if matches.count == 1 { return matches[0] }
            if matches.isEmpty {
                throw AudioDeviceError(
                    .deviceNotFound, device: fragment,
                    reason: "no \(kind) device name contains '\(fragment)'; available: \(available)")
            }
            let names = matches.map { "#\($0.index) \($0.name)" }.joined(separator: ", ")
            throw AudioDeviceError(
                .deviceNotFound, device: fragment,
                reason: "'\(fragment)' matches several \(kind) devices: \(names); give an index instead")
        }
    }

    /// Reads the device table; PortAudio must be initialised.
    static func enumerate() -> [AudioDevice] {
        let count = Pa_GetDeviceCount()
        guard count > 0 else { return [] }
        let defaultInput = Pa_GetDefaultInputDevice()
        let defaultOutput = Pa_GetDefaultOutputDevice()
        return (0..<count).compactMap { index -> AudioDevice? in
            guard let info = Pa_GetDeviceInfo(index)?.pointee else { return nil }
            let host = Pa_GetHostApiInfo(info.hostApi)?.pointee.name.map { String(cString: $0) } ?? "unknown"
            return AudioDevice(
                index: Int(index),
                name: info.name.map { String(cString: $0) } ?? "device \(index)",
                hostAPI: host,
                maxInputChannels: Int(info.maxInputChannels),
                maxOutputChannels: Int(info.maxOutputChannels),
                defaultSampleRate: info.defaultSampleRate,
                isDefaultInput: index == defaultInput,
                isDefaultOutput: index == defaultOutput
            )
        }
    }
}
