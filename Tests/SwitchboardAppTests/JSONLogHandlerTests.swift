import Foundation
import Logging
import SwitchboardApp
import Synchronization
import Testing

/// `SWITCHBOARD_LOG_FORMAT=json`: one JSON object per line that a log shipper parses, whatever the message says.
@Suite struct JSONLogHandlerTests {
    /// Collects what a handler writes.
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var stream: LogStream { LogStream { line in self.lines.withLock { $0.append(line) } } }
    }

    func object(_ line: String) throws -> [String: String] {
        #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false)
        return try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
    }

    @Test func anEntryIsOneObjectWithTheFixedFieldsAndTheMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "switchboard") { JSONLogHandler(label: $0, instance: "desk-2", stream: lines.stream) }
        logger[metadataKey: "request_id"] = "r-17"
        logger.warning("send failed", metadata: ["channel": "support-tg", "conversation": "42"])

        let entry = try object(try #require(lines.all.first))
        #expect(entry["level"] == "warning")
        #expect(entry["message"] == "send failed")
        #expect(entry["instance"] == "desk-2")
        #expect(entry["request_id"] == "r-17")
        #expect(entry["channel"] == "support-tg")
        #expect(entry["conversation"] == "42")
        let time = try #require(entry["time"])
        #expect(try Date(time, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)).timeIntervalSinceNow < 5)
    }

    @Test func hostileTextStaysInsideItsField() throws {
        let lines = Lines()
        let logger = Logger(label: "switchboard") { JSONLogHandler(label: $0, instance: "desk-1", stream: lines.stream) }
        let hostile = "line one\nline two \"quoted\" \\ back\u{0}slash\u{7} tab\t 🙂 \u{2028}"
        logger.info("\(hostile)", metadata: ["message": "\(hostile)", "instance": "forged"])

        #expect(lines.all.count == 1)
        let entry = try object(lines.all[0])
        #expect(entry["message"] == hostile)
        #expect(entry["instance"] == "desk-1")
        #expect(entry["meta_message"] == hostile)
        #expect(entry["meta_instance"] == "forged")
    }

    @Test func theFormatAndTheInstanceAreSettings() throws {
        let config = try AppConfig.load(environment: ["SWITCHBOARD_LOG_FORMAT": "JSON", "SWITCHBOARD_INSTANCE": "desk-3"])
        #expect(config.logFormat == .json)
        #expect(config.instance == "desk-3")
        #expect(try AppConfig.load(environment: [:]).instance == AppConfig.defaultInstanceName)
        #expect {
            try AppConfig.load(environment: ["SWITCHBOARD_LOG_FORMAT": "xml", "SWITCHBOARD_INSTANCE": "two words"])
        } throws: { error in
            let problems = (error as? ConfigError)?.problems ?? []
            return problems.count == 2 && problems[0].hasPrefix("SWITCHBOARD_LOG_FORMAT") && problems[1].hasPrefix("SWITCHBOARD_INSTANCE")
        }
    }
}
