#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Signal

/// What one 10 ms analysis frame says about the audio.
struct FrameFeatures {
    /// How strongly the frame's spectrum stands out from the noise floor in the speech band: the mean
    /// over bins of γ − 1 − ln γ (γ = power / noise power, bins with γ ≤ 1 count 0). This is the
    /// log-likelihood ratio of Sohn, Kim & Sung (1999, "A statistical model-based voice activity
    /// detection", IEEE Signal Processing Letters 6(1)) with the a-priori SNR set to γ − 1.
    var speechScore: Float
    /// Speech-band power above the noise floor, in dB (relative to full scale, roughly).
    var intensity: Float
    /// Share of that power below 1 kHz: high for vowels (voiced), low for fricatives and noise.
    var lowBandShare: Float
    /// The frame's whole speech-band power, noise included, in dB (relative to full scale, roughly).
    var level: Float = -120
    /// Share of that power at 4 kHz and above: a large part of the fricatives' and of most noises'
    /// in full-band audio, (next to) none in a phone line's (300–3400 Hz) or at 8 kHz.
    var topBandShare: Float = 0
    /// True when the frame holds (next to) nothing at all: the digital zeros a stream or a file may
    /// start with, which say nothing about the room.
    var isDigitalSilence = false
}

/// What a voiced frame's spectrum says about the vowel it may hold, for the filled-pause detector.
struct VowelSound {
    /// The spectrum's shape (`Timbre`).
    var timbre: SIMD8<Float>
    /// How many of the timbre's bands rose above the noise (all of them in a quiet room).
    var audibleBands: Int
    /// F1 and F2 in Hz (`FormantEstimator`), nil when they cannot be read.
    var formants: SIMD2<Float>?
}

/// What takes each measured frame: the file analysis (`SpeechTracker`) or the live end-of-answer
/// watch (`AnswerEndDetector`).
protocol FrameConsumer {
    /// Takes frame `index`'s features, and its vowel sound when it may hold a vowel and that is
    /// measured.
    mutating func consume(frame index: Int, features: FrameFeatures, vowel: VowelSound?)
}

/// Cuts a stream of samples into overlapping windowed frames and measures each one.
///
/// Audio above 32 kHz sample rate is first halved (repeatedly) towards 16–32 kHz: the speech band
/// analysed ends at 8 kHz (sibilants reach that high), and every frame is then cheaper.
struct FrameAnalyzer {
    /// The rate frames are cut at, after decimation, in Hz.
    let sampleRate: Int
    /// Where frames sit in time, in seconds of the original stream.
    let timing: FrameTiming
    private var decimators: [HalfbandDecimator]
    private var decimated: [[Float]]
    /// Samples between frame starts (10 ms).
    let hop: Int
    /// Samples in the analysis window (25 ms), zero-padded to the FFT size.
    let window: Int
    private let fft: RealFFT
    private let taper: [Float]
    private var pending: [Float]
    private var pendingCount = 0
    private var power: [Float]
    private var noise: NoiseFloor
    /// Measure the timbre and formants of voiced frames, for the filled-pause detector; nil when
    /// they are not wanted.
    private let timbre: Timbre?
    private let formants: FormantEstimator?
    private let speechBins: Range<Int>
    /// 1 for the bins of the speech band under 1 kHz, 0 for the others (padded by eight).
    private let lowWeights: [Float]
    /// The speech band cut at 700 Hz, 1.5, 2.5 and 4 kHz.
    private let subBands: [Range<Int>]
    /// The bins at 4 kHz and above (none at 8 kHz).
    private let topBins: Range<Int>
    /// Frames measured so far.
    private(set) var frameCount = 0

    /// - Parameter measuresVowels: measure the timbre and formants of frames that may hold a vowel,
    ///   for the filled-pause detector.
    init(sampleRate inputRate: Int, measuresVowels: Bool = true) {
        var sampleRate = inputRate
        var delay = 0.0
        var decimators: [HalfbandDecimator] = []
        while sampleRate % 2 == 0 && sampleRate / 2 >= 16_000 {
            delay += Double(HalfbandDecimator.delay) / Double(sampleRate)
            decimators.append(HalfbandDecimator())
            sampleRate /= 2
        }
        self.decimators = decimators
        decimated = Array(repeating: [], count: decimators.count)
        self.sampleRate = sampleRate
        let hop = max(1, sampleRate / 100)
        self.hop = hop
        let window = max(8, Int((0.025 * Double(sampleRate)).rounded()))
        self.window = window
        var size = 8
        while size < window { size <<= 1 }
        fft = RealFFT(size: size)
        taper = (0..<window).map { Float(0.5 - 0.5 * cos(2 * Double.pi * (Double($0) + 0.5) / Double(window))) }
        pending = [Float](repeating: 0, count: window)
        power = [Float](repeating: 0, count: size / 2 + 1)
        noise = NoiseFloor(bins: size / 2 + 1)
        timbre = measuresVowels ? Timbre(sampleRate: sampleRate, size: size) : nil
        formants = measuresVowels ? FormantEstimator(sampleRate: sampleRate, size: size) : nil
        timing = FrameTiming(sampleRate: sampleRate, hop: hop, window: window, delay: delay)
        let binWidth = Double(sampleRate) / Double(size)
        let nyquistBin = size / 2
        func bin(_ hertz: Double) -> Int { min(nyquistBin, max(1, Int((hertz / binWidth).rounded()))) }
        // 200 Hz keeps mains hum and DC out; up to 8 kHz (or just under Nyquist) holds the formants
        // and the fricatives (/s/ and /ʃ/ put most of their energy between 4 and 8 kHz).
        speechBins = bin(200)..<min(nyquistBin, max(bin(200) + 1, bin(min(8_000, 0.95 * Double(sampleRate) / 2))))
        let lowBins = speechBins.lowerBound..<min(speechBins.upperBound, bin(1_000))
        lowWeights = (0..<(size / 2 + 9)).map { lowBins.contains($0) ? 1 : 0 }
        let band = speechBins
        let edges = [band.lowerBound, bin(700), bin(1_500), bin(2_500), bin(4_000), band.upperBound].map {
            min(max($0, band.lowerBound), band.upperBound)
        }
        subBands = zip(edges, edges.dropFirst()).map { $0..<$1 }.filter { !$0.isEmpty }
        topBins = edges[4]..<band.upperBound
    }

    /// Feeds samples at the input rate; hands each completed frame's features to `tracker`.
    mutating func process(_ samples: UnsafeBufferPointer<Float>, into tracker: inout some FrameConsumer) {
        process(samples, fromStage: 0, into: &tracker)
    }

    private mutating func process(
        _ samples: UnsafeBufferPointer<Float>, fromStage stage: Int, into tracker: inout some FrameConsumer
    ) {
        guard stage < decimators.count else { return frame(samples, into: &tracker) }
        // Borrow the stage's output buffer (a swap, not a copy) so it can be read while self changes.
        var output: [Float] = []
        swap(&output, &decimated[stage])
        decimators[stage].process(samples, into: &output)
        output.withUnsafeBufferPointer { process($0, fromStage: stage + 1, into: &tracker) }
        swap(&output, &decimated[stage])
    }

    private mutating func frame(_ samples: UnsafeBufferPointer<Float>, into tracker: inout some FrameConsumer) {
        var index = 0
        while index < samples.count {
            let take = min(window - pendingCount, samples.count - index)
            pending.withUnsafeMutableBufferPointer { pending in
                (pending.baseAddress! + pendingCount).update(from: samples.baseAddress! + index, count: take)
            }
            pendingCount += take
            index += take
            if pendingCount == window {
                let (features, vowel) = measureFrame()
                tracker.consume(frame: frameCount, features: features, vowel: vowel)
                frameCount += 1
                // Keep the overlap for the next frame.
                let keep = window - hop
                if keep > 0 {
                    pending.withUnsafeMutableBufferPointer { pending in
                        pending.baseAddress!.update(from: pending.baseAddress! + hop, count: keep)
                    }
                }
                pendingCount = max(0, window - hop)
            }
        }
    }

    /// The frame's features, and its vowel sound when it may hold a vowel: voiced (`lowBandShare` at
    /// least `FilledPauseDetector.voicedShare`) and above the noise.
    private mutating func measureFrame() -> (FrameFeatures, VowelSound?) {
        let window = self.window, bins = speechBins, fft = self.fft
        pending.withUnsafeBufferPointer { pending in
            taper.withUnsafeBufferPointer { taper in
                power.withUnsafeMutableBufferPointer { power in
                    // Remove the frame's mean (a DC offset) before windowing.
                    let sum = Self.sum(of: UnsafeBufferPointer(rebasing: pending[..<window]))
                    fft.powerSpectrum(
                        of: pending.baseAddress!, count: window, subtracting: sum / Float(window),
                        taper: taper.baseAddress!,
                        bins: bins, into: power.baseAddress!)
                }
            }
        }
        // Digital zeros (a stream starting, a file padded with silence) are not the room's noise:
        // the floor learns them as the quietest noise there can be, not as nothing at all.
        let quietest = Self.digitalSilence * Float(fft.size * fft.size) / 4 / Float(speechBins.count)
        let bandPower = power.withUnsafeMutableBufferPointer { power in
            let band = UnsafeMutableBufferPointer(rebasing: power[speechBins])
            let total = Self.sum(of: UnsafeBufferPointer(band))
            for bin in band.indices { band[bin] = max(band[bin], quietest) }
            return total
        }
        let isDigitalSilence = bandPower < quietest * Float(speechBins.count)
        let level = 10 * log10(bandPower / (Float(fft.size * fft.size) / 4) + 1e-12)
        // Until the noise estimate has settled, scores mean nothing: learn first, then judge.
        if noise.isWarmingUp {
            power.withUnsafeBufferPointer { noise.update(with: $0, bins: speechBins, looksLikeNoise: true) }
            return (
                FrameFeatures(
                    speechScore: 0, intensity: -120, lowBandShare: 0, level: level, isDigitalSilence: isDigitalSilence),
                nil
            )
        }
        let scored = power.withUnsafeBufferPointer { power in
            noise.power.withUnsafeBufferPointer { floor in
                score(power: power, floor: floor)
            }
        }
        var features = scored
        features.isDigitalSilence = isDigitalSilence
        features.level = level
        if bandPower > 0 && !topBins.isEmpty {
            features.topBandShare =
                power.withUnsafeBufferPointer { Self.sum(of: UnsafeBufferPointer(rebasing: $0[topBins])) } / bandPower
        }
        let looksLikeNoise = features.speechScore < Self.noiseScore
        var vowel: VowelSound?
        if let timbre, let formants, !looksLikeNoise && features.lowBandShare >= FilledPauseDetector.voicedShare {
            // The shape of what rises above the noise (floored at a tenth of the noise, after
            // Berouti, Schwartz & Makhoul 1979), so steady noise does not make speech look steady.
            vowel = power.withUnsafeBufferPointer { power in
                noise.power.withUnsafeBufferPointer { floor in
                    let shape = timbre.coefficients(of: power, above: floor)
                    return VowelSound(
                        timbre: shape.coefficients, audibleBands: shape.audibleBands,
                        // Every other frame is enough to follow a vowel held for a fifth of a second.
                        formants: frameCount % 2 == 0
                            ? formants.formants(of: power, above: floor, floorShare: Timbre.floorShare) : nil)
                }
            }
        }
        power.withUnsafeBufferPointer { noise.update(with: $0, bins: speechBins, looksLikeNoise: looksLikeNoise) }
        return (features, vowel)
    }

    /// The sum of `values`, eight lanes at a time: a single running sum would make every addition
    /// wait for the one before.
    @inline(__always)
    static func sum(of values: UnsafeBufferPointer<Float>) -> Float {
        var lanes = SIMD8<Float>()
        var index = 0
        while index + 8 <= values.count {
            lanes += SIMD8(values[index..<index + 8])
            index += 8
        }
        var total = lanes.sum()
        while index < values.count {
            total += values[index]
            index += 1
        }
        return total
    }

    /// Band power (relative to full scale) below which a frame is digital silence: −110 dB, under the
    /// quantisation noise of 16-bit audio, far under any microphone's self-noise.
    static let digitalSilence: Float = 1e-11

    /// Scale of the noise floor in the likelihood ratio.
    static let floorBias: Float = 1.0
    /// Frames scoring below this teach the noise floor.
    static let noiseScore: Float = 1.0

    private func score(power: UnsafeBufferPointer<Float>, floor: UnsafeBufferPointer<Float>) -> FrameFeatures {
        lowWeights.withUnsafeBufferPointer { score(power: power, floor: floor, lowWeights: $0) }
    }

    private func score(
        power: UnsafeBufferPointer<Float>, floor: UnsafeBufferPointer<Float>, lowWeights: UnsafeBufferPointer<Float>
    ) -> FrameFeatures {
        var best: Float = 0
        var excess = SIMD8<Float>()
        var lowExcess = SIMD8<Float>()
        // Score each sub-band on its own and keep the best: speech concentrates its energy (voicing
        // below 1 kHz, fricatives high up) where broadband noise spreads thin. Eight bins at a time;
        // a band's last few bins are padded with ratio 1, which adds nothing.
        for band in subBands {
            var likelihood = SIMD8<Float>()
            var bin = band.lowerBound
            while bin < band.upperBound {
                var spectrum = SIMD8<Float>(repeating: 1)
                var noise = SIMD8<Float>(repeating: 1)
                if bin + 8 <= band.upperBound {
                    spectrum = UnsafeRawPointer(power.baseAddress! + bin).loadUnaligned(as: SIMD8<Float>.self)
                    let floorLanes = UnsafeRawPointer(floor.baseAddress! + bin).loadUnaligned(as: SIMD8<Float>.self)
                    noise = floorLanes * Self.floorBias
                    noise.replace(with: 1e-12, where: noise .< 1e-12)
                } else {
                    for lane in 0..<(band.upperBound - bin) {
                        spectrum[lane] = power[bin + lane]
                        noise[lane] = max(floor[bin + lane] * Self.floorBias, 1e-12)
                    }
                }
                let lowWeight = UnsafeRawPointer(lowWeights.baseAddress! + bin).loadUnaligned(as: SIMD8<Float>.self)
                let ratio = spectrum / noise
                let above = ratio .> 1
                likelihood += (ratio - 1 - fastLog(ratio)).replacing(with: 0, where: .!above)
                let surplus = (spectrum - noise).replacing(with: 0, where: .!above)
                excess += surplus
                lowExcess += surplus * lowWeight
                bin += 8
            }
            best = max(best, likelihood.sum() / Float(band.count))
        }
        let total = excess.sum()
        let normalisation = Float(fft.size * fft.size) / 4
        return FrameFeatures(
            speechScore: best,
            intensity: 10 * log10(total / normalisation + 1e-12),
            lowBandShare: total > 0 ? lowExcess.sum() / total : 0
        )
    }
}

/// Natural logarithm of a positive, finite `x` to within about 2e-4, several times faster than
/// `log`: the exponent comes from the float's bits, the mantissa's logarithm from a polynomial.
@inline(__always)
func fastLog(_ x: Float) -> Float {
    let bits = x.bitPattern
    let exponent = Float(Int32(bitPattern: (bits >> 23) & 0xFF) - 127)
    let m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)  // mantissa in [1, 2)
    // log2(m) on [1, 2) by a least-squares quartic in (m - 1).
    let t = m - 1
    let log2Mantissa = t * (1.438_547_7 + t * (-0.678_087_5 + t * (0.323_642_3 + t * -0.084_292_26)))
    return (exponent + log2Mantissa) * 0.693_147_18
}

/// `fastLog` of eight values at once.
@inline(__always)
func fastLog(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
    let exponent = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: (bits &>> 23) & 0xFF) &- 127)
    let m = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F80_0000, to: SIMD8<Float>.self)
    let t = m - 1
    let log2Mantissa = t * (1.438_547_7 + t * (-0.678_087_5 + t * (0.323_642_3 + t * -0.084_292_26)))
    return (exponent + log2Mantissa) * 0.693_147_18
}
