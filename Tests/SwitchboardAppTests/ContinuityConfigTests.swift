import Foundation
import SwitchboardApp
import Testing

@Suite struct ContinuityConfigTests {
    @Test func contextLifetimeAndPhoneLinkingAreReadAndChecked() throws {
        let config = try AppConfig.load(environment: ["SWITCHBOARD_CONTEXT_TTL": "3600", "SWITCHBOARD_AUTO_LINK_BY_PHONE": "true"])
        #expect(config.contextTTL == 3600)
        #expect(config.autoLinkByPhone)
        let defaults = try AppConfig.load(environment: [:])
        #expect(defaults.contextTTL == 86_400)
        #expect(!defaults.autoLinkByPhone)
        #expect {
            try AppConfig.load(environment: ["SWITCHBOARD_CONTEXT_TTL": "5", "SWITCHBOARD_AUTO_LINK_BY_PHONE": "maybe"])
        } throws: { error in
            (error as? ConfigError)?.problems == [
                "SWITCHBOARD_CONTEXT_TTL: '5' is not a number of seconds between 60 and 7776000",
                "SWITCHBOARD_AUTO_LINK_BY_PHONE: 'maybe' is not true or false",
            ]
        }
    }
}
