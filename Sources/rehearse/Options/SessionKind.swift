import ArgumentParser
import Sessions

/// `--kind practice|interview`.
extension PracticeSession.Kind: ExpressibleByArgument {}
