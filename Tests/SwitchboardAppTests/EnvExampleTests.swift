import Foundation
import Logging
import SwitchboardApp
import Testing

/// `deploy/env.example` is the admin's list of settings: it must name every key, each with a comment,
/// and load as a config file as shipped.
@Suite struct EnvExampleTests {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/env.example").path

    @Test func everyKeyIsListedWithACommentAbove() throws {
        let lines = try String(contentsOfFile: Self.path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for (key, _) in AppConfig.keys {
            let index = lines.firstIndex { line in
                let setting = line.hasPrefix("# ") ? line.dropFirst(2) : line[...]
                return setting.hasPrefix(key + "=")
            }
            guard let index else {
                Issue.record("\(key) is missing from deploy/env.example")
                continue
            }
            let comment = lines[..<index].last { !$0.hasPrefix(key) && !$0.hasPrefix("# SWITCHBOARD_") && !$0.hasPrefix("SWITCHBOARD_") }
            #expect(comment?.hasPrefix("# ") == true, "\(key) needs a comment line above it")
        }
    }

    @Test func fileLoadsAsShipped() throws {
        let contents = try String(contentsOfFile: Self.path, encoding: .utf8)
        // The database folder of a real install does not exist here; the environment overrides it.
        let environment = ["SWITCHBOARD_CONFIG": "env.example", "SWITCHBOARD_DATABASE": NSTemporaryDirectory() + "switchboard.sqlite"]
        let config = try AppConfig.load(environment: environment, readFile: { _ in contents })
        #expect(config.publicURL.absoluteString == "https://support.example.com")
        #expect(config.host == "127.0.0.1")
        #expect(config.logLevel == .info)
    }
}
