/// A failure to find, open or drive an audio device, with the device and PortAudio's own explanation.
///
/// Catch a specific case by its code: `catch AudioDeviceError.Code.noInputDevice { … }`.
public struct AudioDeviceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in categories a caller can act on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public var description: String { rawValue }

        /// The system has no audio input device at all (no microphone, no sound server).
        public static let noInputDevice = Code(rawValue: "no input device")
        /// The system has no audio output device at all.
        public static let noOutputDevice = Code(rawValue: "no output device")
        /// No device matches the index or name the user gave.
        public static let deviceNotFound = Code(rawValue: "device not found")
        /// The device exists but another program holds it, or it vanished.
        public static let deviceUnavailable = Code(rawValue: "device unavailable")
        /// The device accepts neither the requested sample rate nor a usable fallback.
        public static let unsupportedSampleRate = Code(rawValue: "unsupported sample rate")
        /// The device cannot provide the requested number of channels.
        public static let unsupportedChannels = Code(rawValue: "unsupported channel count")
        /// Any other PortAudio failure.
        public static let portAudio = Code(rawValue: "audio system error")
    }

    public let code: Code
    /// The device involved (its name, or the selector the user typed), if any.
    public let device: String?
    /// A short human explanation (often PortAudio's own text).
    public let reason: String

    public init(_ code: Code, device: String? = nil, reason: String) {
        self.code = code
        self.device = device
        self.reason = reason
    }

    /// One line suitable for a terminal.
    public var description: String {
        if let device { return "audio device '\(device)': \(reason)" }
        return reason
    }
}

extension AudioDeviceError.Code {
    /// Lets `catch AudioDeviceError.Code.x` match an error of that code.
    public static func ~= (code: Self, error: any Error) -> Bool {
        (error as? AudioDeviceError)?.code == code
    }
}
