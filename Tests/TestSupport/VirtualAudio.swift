import Foundation

/// The private PulseAudio server that stands in for a sound card (scripts/virtual-audio.sh).
///
/// `scripts/test.sh` and CI start it and export its environment; when a test run finds none, the
/// first use starts one for the rest of the process. If that fails the integration tests are
/// skipped with a loud warning, unless `REHEARSE_REQUIRE_AUDIO=1` (set by CI) makes it a failure.
public final class VirtualAudio: Sendable {
    /// The folder holding the server's socket and configuration.
    public let folder: String
    /// The variables a client (PortAudio, paplay, parecord) needs to reach the server.
    public let environment: [String: String]

    /// The device for this test process, or nil with the reason it could not be started.
    public static let shared: Result<VirtualAudio, FixtureError> = start()

    /// Whether audio integration tests should run: the device is up, or CI requires them (so they
    /// fail on `require()`). Prints a loud warning when they will be skipped.
    public static var shouldRunTests: Bool {
        switch shared {
        case .success: return true
        case .failure(let error):
            let message = "WARNING: audio integration tests SKIPPED: no virtual audio device: \(error)"
            FileHandle.standardError.write(
                Data(
                    ("\n" + String(repeating: "!", count: 80) + "\n" + message + "\n"
                        + String(repeating: "!", count: 80) + "\n").utf8))
            return isRequired ? true : false
        }
    }

    /// True when the environment insists the tests run (CI), so a missing device fails them.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["REHEARSE_REQUIRE_AUDIO"] == "1" }

    /// The running device; throws the start-up failure (used when `isRequired`).
    public static func require() throws -> VirtualAudio {
        try shared.get()
    }

    private init(folder: String, environment: [String: String]) {
        self.folder = folder
        self.environment = environment
    }

    private static func start() -> Result<VirtualAudio, FixtureError> {
        let current = ProcessInfo.processInfo.environment
        let folder: String
        if let existing = current["REHEARSE_VIRTUAL_AUDIO"] {
            folder = existing
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("rehearse-audio-\(getpid())").path
        }
        let script = Paths.packageRoot.appendingPathComponent("scripts/virtual-audio.sh").path
        // `start` is idempotent: with a running server it only prints the environment.
        guard let result = try? ChildProcess.run("/bin/bash", [script, "start", folder, "48000"]), result.status == 0
        else {
            return .failure(FixtureError("scripts/virtual-audio.sh could not start PulseAudio in \(folder)"))
        }
        if current["REHEARSE_VIRTUAL_AUDIO"] == nil {
            // This process started the server, so it must not outlive the process.
            let watchdog =
                "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; exec bash '\(script)' stop '\(folder)'"
            _ = try? ChildProcess("/bin/bash", ["-c", watchdog])
        }
        var environment: [String: String] = [:]
        for line in result.standardOutput.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { environment[String(pair[0])] = String(pair[1]) }
        }
        // In-process PortAudio (Recorder, Player) reads these when it initialises.
        for (key, value) in environment { setenv(key, value, 1) }
        return .success(VirtualAudio(folder: folder, environment: environment))
    }

    /// This process's environment plus the device's, for child processes.
    public var childEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.merging(environment) { _, device in device }
    }

    /// The ids of the recording streams programs have open on the virtual microphone.
    public func recordingClients() throws -> Set<String> {
        let listing = try ChildProcess.run(
            ChildProcess.locate("pactl"), ["list", "short", "source-outputs"], environment: childEnvironment)
        return Set(
            listing.standardOutput.split(separator: "\n").filter { $0.contains("protocol-native") }.compactMap {
                $0.split(separator: "\t").first.map(String.init)
            })
    }

    /// The ids of the recording streams process `pid` has open (on any source).
    public func recordingClients(ofProcess pid: pid_t) throws -> Set<String> {
        let listing = try ChildProcess.run(
            ChildProcess.locate("pactl"), ["list", "source-outputs"], environment: childEnvironment)
        var clients = Set<String>()
        var current: String?
        for line in listing.standardOutput.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("Source Output #") {
                current = String(text.dropFirst("Source Output #".count))
            } else if text == "application.process.id = \"\(pid)\"", let current {
                clients.insert(current)
            }
        }
        return clients
    }

    /// Waits until process `pid` has opened a recording stream other than those in `known`;
    /// returns its id, or nil after `timeout` seconds. Streams of other programs (a capture of the
    /// speaker, another test's recorder) are never mistaken for it.
    public func waitForRecordingClient(
        ofProcess pid: pid_t, timeout: Double = 30, excluding known: Set<String>
    )
        throws -> String?
    {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let fresh = try recordingClients(ofProcess: pid).subtracting(known).first { return fresh }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        return nil
    }

    /// Waits until a program has opened a recording stream on the virtual microphone, other than
    /// the streams in `known`; returns the new stream's id, or nil after `timeout` seconds.
    @discardableResult
    public func waitForRecordingClient(timeout: Double = 10, excluding known: Set<String> = []) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let fresh = try recordingClients().subtracting(known).first { return fresh }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        return nil
    }

    /// Plays `file` into the virtual microphone in real time; returns when it has been played.
    public func feedMicrophone(_ file: URL) throws {
        let result = try ChildProcess.run(
            ChildProcess.locate("paplay"), ["-d", "vmic_feed", file.path], environment: childEnvironment)
        guard result.status == 0 else { throw FixtureError("paplay failed: \(result.standardError)") }
    }

    /// Starts feeding `file` into the virtual microphone without waiting.
    public func startFeedingMicrophone(_ file: URL) throws -> ChildProcess {
        try ChildProcess(ChildProcess.locate("paplay"), ["-d", "vmic_feed", file.path], environment: childEnvironment)
    }

    /// Starts capturing what is played on the virtual speaker into `file` (16-bit mono WAV).
    public func startCapturingSpeaker(to file: URL, sampleRate: Int = 48_000) throws -> ChildProcess {
        try ChildProcess(
            ChildProcess.locate("parecord"),
            [
                "-d", "vspk.monitor", "--rate=\(sampleRate)", "--channels=1", "--format=s16le", "--file-format=wav",
                file.path,
            ],
            environment: childEnvironment
        )
    }
}
