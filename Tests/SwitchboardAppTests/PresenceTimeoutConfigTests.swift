import Foundation
import SwitchboardApp
import Testing

@Suite struct PresenceTimeoutConfigTests {
    @Test func thePresenceTimeoutIsReadInSecondsWithAFifteenMinuteDefault() throws {
        #expect(try AppConfig.load(environment: [:]).presenceTimeout == 900)
        #expect(try AppConfig.load(environment: ["SWITCHBOARD_PRESENCE_TIMEOUT": "300"]).presenceTimeout == 300)
        #expect(try AppConfig.load(flags: ["SWITCHBOARD_PRESENCE_TIMEOUT": "120"], environment: [:]).presenceTimeout == 120)
        #expect(AppConfig.keys.contains { $0.key == "SWITCHBOARD_PRESENCE_TIMEOUT" })
    }

    @Test(arguments: ["soon", "0", "59", "86401", "-5"])
    func aBadPresenceTimeoutIsReported(_ raw: String) {
        #expect {
            try AppConfig.load(environment: ["SWITCHBOARD_PRESENCE_TIMEOUT": raw])
        } throws: { error in
            (error as? ConfigError)?.problems == ["SWITCHBOARD_PRESENCE_TIMEOUT: '\(raw)' is not a number of seconds between 60 and 86400"]
        }
    }
}
