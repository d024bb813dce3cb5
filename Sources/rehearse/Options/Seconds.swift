import ArgumentParser

/// A time value from the command line, in seconds: parsed once, and checked to be a finite number
/// within a day, so no later arithmetic or conversion can overflow.
struct Seconds: ExpressibleByArgument, Sendable {
    /// The longest time any option accepts: a day.
    static let maximum = 86_400.0

    let value: Double

    init?(argument: String) {
        guard let value = Double(argument) else { return nil }
        self.value = value
    }

    init(_ value: Double) { self.value = value }

    /// How help shows a default: "2.5", not the struct.
    var defaultValueDescription: String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Throws a `ValidationError` naming `option` unless the value is finite, not negative (or
    /// positive when zero is not allowed) and at most a day.
    func validate(option: String, allowsZero: Bool) throws {
        guard value.isFinite, allowsZero ? value >= 0 : value > 0 else {
            throw ValidationError("\(option) must be \(allowsZero ? "zero or more" : "a positive number of") seconds")
        }
        guard value <= Self.maximum else {
            throw ValidationError("\(option) must be at most \(Int(Self.maximum)) seconds (a day)")
        }
    }
}
