internal import CPortAudio

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin helpers between PortAudio's C conventions and `AudioDeviceError`.
enum PortAudio {
    /// PortAudio's text for `code`, with the host API's own message when it has one.
    static func message(_ code: PaError) -> String {
        if code == paUnanticipatedHostError.rawValue, let info = Pa_GetLastHostErrorInfo(),
            let text = info.pointee.errorText
        {
            let host = String(cString: text)
            if !host.isEmpty { return host }
        }
        return String(cString: Pa_GetErrorText(code))
    }

    /// Throws an `AudioDeviceError` for a failed PortAudio call; does nothing for `paNoError`.
    static func check(_ code: PaError, device: String? = nil, doing action: String) throws(AudioDeviceError) {
        guard code < 0 else { return }
        throw error(code, device: device, doing: action)
    }

    static func error(_ code: PaError, device: String?, doing action: String) -> AudioDeviceError {
        let text = message(code)
        let reason = "\(action): \(text)"
        switch code {
        case paInvalidSampleRate.rawValue:
            return AudioDeviceError(.unsupportedSampleRate, device: device, reason: reason)
        case paInvalidChannelCount.rawValue:
            return AudioDeviceError(.unsupportedChannels, device: device, reason: reason)
        case paInvalidDevice.rawValue:
            return AudioDeviceError(.deviceNotFound, device: device, reason: reason)
        case paDeviceUnavailable.rawValue, paUnanticipatedHostError.rawValue:
            return AudioDeviceError(
                .deviceUnavailable, device: device, reason: "\(action): the device is busy or unavailable (\(text))")
        default:
            return AudioDeviceError(.portAudio, device: device, reason: reason)
        }
    }
}

/// Keeps PortAudio initialised for as long as it lives. PortAudio counts initialisations, so
/// several may exist at once (a recorder and a player, say).
final class PortAudioSession {
    init() throws(AudioDeviceError) {
        let code = QuietStandardError.run { Pa_Initialize() }
        try PortAudio.check(code, doing: "cannot start the audio system")
    }

    deinit {
        QuietStandardError.run { _ = Pa_Terminate() }
    }
}
