public import Foundation
public import Logging
import Synchronization

/// Where a log handler writes: standard error, or a sink tests read.
public struct LogStream: Sendable {
    let write: @Sendable (String) -> Void

    /// Writes each line with a single `write(2)`, so lines of concurrent tasks never interleave.
    public static let standardError = LogStream { line in FileHandle.standardError.write(Data(line.utf8)) }

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }
}

/// Writes one JSON object per line: `time`, `level`, `message`, `instance`, `label`, then every
/// metadata value as a string field (`request_id`, `channel`, `conversation` and the rest), the
/// shape log shippers (Vector, Fluent Bit, Loki's promtail) parse without configuration.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let instance: String
    let stream: LogStream

    public init(label: String, instance: String, stream: LogStream) {
        self.label = label
        self.instance = instance
        self.stream = stream
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        stream.write(Self.line(time: Date(), level: event.level, message: "\(event.message)", instance: instance, label: label, metadata: merged))
    }

    /// One entry as its JSON line, newline included. Fixed fields come first, metadata after in key
    /// order; a metadata key that collides with a fixed field is written with a `meta_` prefix.
    static func line(time: Date, level: Logger.Level, message: String, instance: String, label: String, metadata: Logger.Metadata) -> String {
        var fields: [(String, String)] = [
            ("time", time.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))),
            ("level", level.rawValue),
            ("message", message),
            ("instance", instance),
            ("label", label),
        ]
        let fixed = Set(fields.map(\.0))
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            fields.append((fixed.contains(key) ? "meta_" + key : key, "\(value)"))
        }
        return "{" + fields.map { "\(quoted($0.0)):\(quoted($0.1))" }.joined(separator: ",") + "}\n"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as is (UTF-8).
    static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}":
                result += String(format: "\\u%04X", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
