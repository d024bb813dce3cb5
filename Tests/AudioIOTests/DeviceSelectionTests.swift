import Testing

@testable import AudioIO

@Suite struct DeviceSelectionTests {
    static func device(
        _ index: Int, _ name: String, inputs: Int, outputs: Int, defaultIn: Bool = false, defaultOut: Bool = false
    ) -> AudioDevice {
        AudioDevice(
            index: index, name: name, hostAPI: "ALSA", maxInputChannels: inputs, maxOutputChannels: outputs,
            defaultSampleRate: 48_000, isDefaultInput: defaultIn, isDefaultOutput: defaultOut)
    }

    let devices = [
        device(0, "HDA Intel PCH: ALC3246 Analog (hw:0,0)", inputs: 2, outputs: 2),
        device(1, "USB Headset: Audio (hw:1,0)", inputs: 1, outputs: 2),
        device(2, "HDMI 0", inputs: 0, outputs: 8),
        device(3, "default", inputs: 32, outputs: 32, defaultIn: true, defaultOut: true),
    ]

    @Test func noSelectorPicksTheSystemDefault() throws {
        #expect(try AudioDevices.resolve(nil, for: .input, among: devices).index == 3)
        #expect(try AudioDevices.resolve(nil, for: .output, among: devices).index == 3)
    }

    @Test func selectsByIndex() throws {
        #expect(try AudioDevices.resolve(.index(1), for: .input, among: devices).name == "USB Headset: Audio (hw:1,0)")
    }

    @Test func selectsByCaseInsensitiveNameFragment() throws {
        #expect(try AudioDevices.resolve(DeviceSelector("usb headset"), for: .input, among: devices).index == 1)
        #expect(try AudioDevices.resolve(DeviceSelector("hdmi"), for: .output, among: devices).index == 2)
    }

    @Test func anOutputOnlyDeviceCannotRecord() {
        #expect {
            try AudioDevices.resolve(.index(2), for: .input, among: devices)
        } throws: { error in
            let error = error as? AudioDeviceError
            return error?.code == .deviceNotFound && error?.description.contains("no input device with index 2") == true
        }
    }

    @Test func anAmbiguousNameAsksForAnIndex() {
        #expect {
            try AudioDevices.resolve(.name("hw:"), for: .input, among: devices)
        } throws: { error in
            (error as? AudioDeviceError)?.description.contains("matches several input devices") == true
        }
    }

    @Test func anUnknownNameListsWhatIsAvailable() {
        #expect {
            try AudioDevices.resolve(.name("blue yeti"), for: .input, among: devices)
        } throws: { error in
            (error as? AudioDeviceError)?.description
                == "audio device 'blue yeti': no input device name contains 'blue yeti'; available: #0 HDA Intel PCH: ALC3246 Analog (hw:0,0), #1 USB Headset: Audio (hw:1,0), #3 default"
        }
    }

    @Test func noDevicesAtAllIsOneClearMessage() {
        #expect {
            try AudioDevices.resolve(nil, for: .input, among: [])
        } throws: { error in
            let error = error as? AudioDeviceError
            return error?.code == .noInputDevice
                && error?.description
                    == "no audio input device found (is a microphone connected and a sound server running?)"
        }
    }

    @Test func portAudioCodesMapToUserFacingCategories() {
        // paInvalidSampleRate
        #expect(PortAudio.error(-9997, device: "mic", doing: "x").code == .unsupportedSampleRate)
        // paDeviceUnavailable
        #expect(PortAudio.error(-9985, device: "mic", doing: "x").code == .deviceUnavailable)
        // paInvalidChannelCount
        #expect(PortAudio.error(-9998, device: "mic", doing: "x").code == .unsupportedChannels)
        // paInvalidDevice
        #expect(PortAudio.error(-9996, device: "mic", doing: "x").code == .deviceNotFound)
    }
}
