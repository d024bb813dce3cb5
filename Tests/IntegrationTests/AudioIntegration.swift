import Testing
import TestSupport

/// Every test that drives the one virtual microphone and speaker lives in a suite nested here, so
/// they run one after another instead of talking over each other.
@Suite(.serialized, .enabled(if: VirtualAudio.shouldRunTests))
enum AudioIntegration {}
