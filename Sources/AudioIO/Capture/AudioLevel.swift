import Foundation

/// The loudness of the most recent block of captured audio, for a level meter.
public struct AudioLevel: Sendable, Equatable {
    /// Largest absolute sample, 0…1 of full scale.
    public let peak: Float
    /// Root mean square, 0…1 of full scale.
    public let rms: Float

    public init(peak: Float, rms: Float) {
        self.peak = peak
        self.rms = rms
    }

    /// Peak in dB relative to full scale; -120 for digital silence.
    public var peakDBFS: Double { Self.decibels(peak) }
    /// RMS in dB relative to full scale; -120 for digital silence.
    public var rmsDBFS: Double { Self.decibels(rms) }

    private static func decibels(_ amplitude: Float) -> Double {
        amplitude > 0 ? max(-120, 20 * log10(Double(amplitude))) : -120
    }
}
