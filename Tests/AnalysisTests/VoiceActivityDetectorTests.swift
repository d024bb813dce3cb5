import Testing

@testable import Analysis

/// What the detector ends: stretches of speech, and bursts too short to be speech on their own,
/// which the tracker keeps only where they bridge a silence.
@Suite struct VoiceActivityDetectorTests {
    /// Everything the detector ends over `scores` (one per frame, from frame 0), and at the end.
    static func endings(of scores: [Float], minimumSpeechFrames: Int = 5) -> [VoiceActivityDetector.Ending] {
        var detector = VoiceActivityDetector(minimumSpeechFrames: minimumSpeechFrames)
        var endings = scores.enumerated().compactMap { detector.process(frame: $0.offset, score: $0.element) }
        if let last = detector.finish() { endings.append(last) }
        return endings
    }

    @Test func aSingleLoudFrameIsABurst() {
        let scores: [Float] = Array(repeating: 0, count: 10) + [50] + Array(repeating: 0, count: 10)
        #expect(Self.endings(of: scores) == [.burst(10...10)])
    }

    /// The lower threshold judges two frames' mean, so a stretch ends a frame after its last loud one.
    @Test func aStretchShorterThanTheShortestSpeechIsABurst() {
        let scores: [Float] = Array(repeating: 0, count: 10) + [9, 9, 9] + Array(repeating: 0, count: 20)
        #expect(Self.endings(of: scores) == [.burst(10...13)])
    }

    @Test func aLongEnoughStretchIsSpeechAndQuietFramesAreNothing() {
        let scores: [Float] =
            Array(repeating: 0.1, count: 10) + Array(repeating: 9, count: 30) + Array(repeating: 0.1, count: 20)
        #expect(Self.endings(of: scores) == [.speech(10...40)])
    }
}
