import Foundation
import RepeatableRandom
import Testing

@testable import Analysis

/// The room's decay: a reverberant room dies away along a straight line in dB; a word fading into
/// noise falls as slowly now and then, but ragged.
@Suite struct RoomDecayTests {
    /// Levels of `count` words: each a syllable wavering 2 dB around -19 dB for 20 frames, then
    /// falling `depth` dB (30 unless said) at `slope` dB per frame, wandering around that line by a sine of `wobble` dB
    /// (period 20 frames) and a uniform `jitter` (±dB), every eighth frame `flicker` dB above the
    /// line, into a noise floor `depth` dB under the fall's top (±1 dB) held for 20 frames.
    static func words(
        count: Int, slope: Float, wobble: Float, jitter: Float = 0.3, flicker: Float = 0, depth: Float = 30
    ) -> [Float] {
        var random = RepeatableRandomNumberGenerator(seed: 5)
        var levels: [Float] = []
        for _ in 0..<count {
            levels += (0..<20).map { -20 + 2 * Float($0 % 2) }
            levels += (1...Int(depth / slope)).map { frame in
                let wander = wobble * sin(2 * Float.pi * Float(frame) / 20)
                let flickering = frame % 8 == 0 ? flicker : 0
                return -20 - slope * Float(frame) + wander + flickering
                    + Float.random(in: -jitter...jitter, using: &random)
            }
            levels += (0..<20).map { _ in -20 - depth + Float.random(in: -1...1, using: &random) }
        }
        return levels
    }

    static func decay(of levels: [Float]) -> RoomDecay {
        var decay = RoomDecay()
        for level in levels { decay.process(level: level) }
        return decay
    }

    @Test func aSmoothSlowFallIsAReverberantRoom() throws {
        let decay = Self.decay(of: Self.words(count: 10, slope: 0.7, wobble: 0))
        #expect(decay.isReverberant(signalToNoise: 50))
        #expect(!decay.ringsLightly(signalToNoise: 50), "reverberant, not lightly ringing")
        #expect(abs(try #require(decay.medianFall(signalToNoise: 50)) - 0.7) < 0.1)
    }

    @Test func aRaggedSlowFallIsNot() {
        // As slow, one fall each, but wandering 4 dB around the line: a word fading into white noise.
        let decay = Self.decay(of: Self.words(count: 10, slope: 0.7, wobble: 4))
        #expect(
            abs((decay.medianFall(signalToNoise: 50) ?? 0) - RoomDecay.roughFall) < 0.1, "each fall counted, as fast")
        #expect(!decay.isReverberant(signalToNoise: 50))
        #expect(!decay.ringsLightly(signalToNoise: 50), "a ragged fall is no ringing")
    }

    /// A room of about 0.3 s falls about 2 dB per frame in theory, its answers 1.4 to 2.2: smooth
    /// falls that are slower than a rough one but faster than a reverberant room's ring lightly.
    @Test func aSmoothFallOfOnePointFiveDecibelsAFrameRingsLightly() throws {
        let decay = Self.decay(of: Self.words(count: 10, slope: 1.5, wobble: 0))
        #expect(abs(try #require(decay.medianFall(signalToNoise: 50)) - 1.5) < 0.1)
        #expect(decay.ringsLightly(signalToNoise: 50))
        #expect(!decay.isReverberant(signalToNoise: 50))
        #expect(!decay.ringsLightly(signalToNoise: 20), "not judged in a noisy recording")
    }

    /// A long reverberation's tail flickers: a frame 2 dB above the line every 80 ms rises 1.3 dB
    /// over the frame before, and no fall of 20 dB survives a 1 dB tolerance. Followed with 1.5 dB
    /// of leeway, the falls are there, as slow as the room (detector version 9 found none, and took
    /// such rooms of 0.9 s for dry ones).
    @Test func aFlickeringSlowFallIsAReverberantRoom() throws {
        let decay = Self.decay(of: Self.words(count: 10, slope: 0.7, wobble: 0, jitter: 0, flicker: 2))
        #expect(decay.isReverberant(signalToNoise: 50))
        #expect(abs(try #require(decay.medianFall(signalToNoise: 50)) - 0.7) < 0.15)
    }

    /// A long reverberation's tail, synthetic or real, can flicker by several dB from frame to
    /// frame: every fall breaks into short pieces, and detector version 27 found none at all here
    /// (±5 dB, and 3 dB up every eighth frame) and took the room for a dry one. On the level
    /// averaged over 30 ms its falls are there, as slow as the room.
    @Test func aRoomWhoseTailFlickersHardIsStillReverberant() throws {
        let decay = Self.decay(of: Self.words(count: 10, slope: 0.7, wobble: 0, jitter: 5, flicker: 3))
        #expect(decay.isReverberant(signalToNoise: 50))
        #expect(abs(try #require(decay.medianFall(signalToNoise: 50)) - 0.7) < 0.25)
    }

    /// Short phrases in a long reverberation: the next one starts before the ringing has fallen 20
    /// dB. Falls of 15 dB judge the room then (detector version 23 found no fall at all and took
    /// such rooms for dry ones); falls of 10 dB are too shallow to judge anything.
    @Test func aRoomWhoseFallsAreCutShortIsStillReverberant() throws {
        let cutShort = Self.decay(of: Self.words(count: 10, slope: 0.7, wobble: 0, depth: 17))
        #expect(cutShort.isReverberant(signalToNoise: 50))
        #expect(abs(try #require(cutShort.medianFall(signalToNoise: 50)) - 0.7) < 0.1)
        #expect(
            Self.decay(of: Self.words(count: 10, slope: 0.7, wobble: 0, depth: 10)).medianFall(signalToNoise: 50) == nil
        )
    }

    @Test func aFastFallIsADryRoom() {
        let decay = Self.decay(of: Self.words(count: 10, slope: 3, wobble: 0))
        #expect(!decay.isReverberant(signalToNoise: 50))
        #expect(!decay.ringsLightly(signalToNoise: 50))
    }

    /// In a recording whose noise lies less than 25 dB under its speech, a fall of 20 dB ends in
    /// the noise's own dips (or too near them): the same slow, smooth falls are not judged there.
    @Test func aNoisyRecordingIsNotJudged() {
        let decay = Self.decay(of: Self.words(count: 10, slope: 0.7, wobble: 0))
        #expect(decay.isReverberant(signalToNoise: 25))
        #expect(!decay.isReverberant(signalToNoise: 24))
        #expect(decay.medianFall(signalToNoise: 20) == nil)
    }
}
