internal import CPortAudio

/// An open PortAudio stream, owned: aborted and closed when it goes out of scope. Recording and
/// playback both use it, so opening, starting, stopping and closing are written once; being
/// `~Copyable`, it cannot be used after it is closed.
struct PortAudioStream: ~Copyable {
    private let raw: UnsafeMutableRawPointer
    /// The device's name, for errors.
    let device: String

    /// Opens a stream on an initialised PortAudio (`session` keeps it so for the call).
    /// - Parameters:
    ///   - capture: for recording, the state `captureCallback` fills in real time; nil for the
    ///     blocking write API of playback.
    init(
        input: PaStreamParameters?, output: PaStreamParameters?, sampleRate: Int,
        capture: UnsafeMutablePointer<CaptureState>?, device: String, session: PortAudioSession, doing action: String
    ) throws(AudioDeviceError) {
        #if DEBUG
        if case .deviceBusy = Fault.active {
            throw PortAudio.error(paDeviceUnavailable.rawValue, device: device, doing: action)
        }
        #endif
        var input = input
        var output = output
        var stream: UnsafeMutableRawPointer?
        let code = withExtendedLifetime(session) {
            QuietStandardError.run {
                withOptionalPointer(&input) { input in
                    withOptionalPointer(&output) { output in
                        capture == nil
                            ? Pa_OpenStream(
                                &stream, input, output, Double(sampleRate), 0, PaStreamFlags(paClipOff), nil, nil)
                            : Pa_OpenStream(
                                &stream, input, output, Double(sampleRate), 0, PaStreamFlags(paClipOff),
                                captureCallback,
                                capture)
                    }
                }
            }
        }
        try PortAudio.check(code, device: device, doing: action)
        guard let stream else { throw PortAudio.error(paInternalError.rawValue, device: device, doing: action) }
        self.raw = stream
        self.device = device
    }

    func start(doing action: String) throws(AudioDeviceError) {
        try PortAudio.check(QuietStandardError.run { Pa_StartStream(raw) }, device: device, doing: action)
    }

    /// Stops after the queued audio has been handed over (PortAudio's ALSA backend drops it anyway;
    /// see `Player`).
    func stop() { QuietStandardError.run { _ = Pa_StopStream(raw) } }

    /// Stops at once, discarding queued audio.
    func abort() { QuietStandardError.run { _ = Pa_AbortStream(raw) } }

    /// Seconds between a sample written and its sound.
    var outputLatency: Double { Pa_GetStreamInfo(raw)?.pointee.outputLatency ?? 0.2 }

    /// Writes interleaved frames with the blocking API; an underflow (a click) is not an error.
    func write(_ frames: UnsafeBufferPointer<Float>, channels: Int, doing action: String) throws(AudioDeviceError) {
        let code = Pa_WriteStream(raw, frames.baseAddress, UInt(frames.count / channels))
        if code != paOutputUnderflowed.rawValue {
            try PortAudio.check(code, device: device, doing: action)
        }
    }

    deinit {
        QuietStandardError.run {
            _ = Pa_AbortStream(raw)
            _ = Pa_CloseStream(raw)
        }
    }
}

/// Calls `body` with a pointer to the value, or nil when there is none (PortAudio's way of saying
/// "no input" or "no output").
private func withOptionalPointer<T, R>(_ value: inout T?, _ body: (UnsafePointer<T>?) -> R) -> R {
    guard value != nil else { return body(nil) }
    return withUnsafePointer(to: &value!) { body($0) }
}
