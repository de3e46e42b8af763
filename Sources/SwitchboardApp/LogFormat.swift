public import Foundation
public import Logging

/// How `serve` writes its log (`SWITCHBOARD_LOG_FORMAT`).
public enum LogFormat: String, Sendable, Equatable, CaseIterable {
    /// One readable line per entry.
    case text
    /// One JSON object per line, for the log shippers clusters use.
    case json
}

extension AppConfig {
    /// The instance name logs carry when `SWITCHBOARD_INSTANCE` is not set: the host and the process,
    /// which tell apart two instances on one machine as well as on two.
    public static var defaultInstanceName: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Reads `SWITCHBOARD_LOG_FORMAT` and `SWITCHBOARD_INSTANCE`.
    static func loadLogSettings(_ value: (String) -> String?, problems: inout [String]) -> (format: LogFormat, instance: String?) {
        var format = LogFormat.text
        if let raw = value("SWITCHBOARD_LOG_FORMAT") {
            if let parsed = LogFormat(rawValue: raw.lowercased()) {
                format = parsed
            } else {
                problems.append("SWITCHBOARD_LOG_FORMAT: '\(raw)' is not text or json")
            }
        }
        let instance = value("SWITCHBOARD_INSTANCE")
        if let instance, instance.isEmpty || instance.count > 64 || instance.contains(where: { $0.isWhitespace || $0.isNewline }) {
            problems.append("SWITCHBOARD_INSTANCE: '\(instance)' must be 1-64 characters without spaces")
        }
        return (format, instance)
    }

    /// Makes every logger of the process write in the configured format with the instance's name.
    /// Call it once, before the first logger is made (swift-log allows one bootstrap per process).
    public func bootstrapLogging(to stream: LogStream = .standardError) {
        let instance = instance
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, instance: instance, stream: stream)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.metadata["instance"] = .string(instance)
                return handler
            }
        }
    }
}
