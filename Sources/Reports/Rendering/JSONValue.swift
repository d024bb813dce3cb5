import Foundation

/// A JSON value, written by Foundation's `JSONEncoder` (about ten times faster than
/// `JSONSerialization` on reports of thousands of rows, with the same text). Every JSON output of
/// rehearse goes through `JSONText.encode`.
public enum JSONValue: Encodable, Sendable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .integer(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in members { try container.encode(value, forKey: Key(stringValue: key)) }
        }
    }

    /// The value of a tree of `String`, `Int`, `Double`, `Bool`, `NSNull`, arrays and
    /// dictionaries, as the views build them; anything else becomes `null`.
    public init(_ any: Any) {
        switch any {
        case let value as JSONValue: self = value
        case let text as String: self = .string(text)
        case let number as Int: self = .integer(number)
        case let number as Double: self = .number(number)
        case let value as Bool: self = .bool(value)
        case let values as [Any]: self = .array(values.map(JSONValue.init))
        case let members as [String: Any]: self = .object(members.mapValues(JSONValue.init))
        default: self = .null
        }
    }
}

/// Pretty, sorted, slash-preserving JSON text, as every JSON output of rehearse prints it.
public enum JSONText {
    public static func encode(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    public static func encode(_ object: Any) -> String { encode(JSONValue(object)) }
}
