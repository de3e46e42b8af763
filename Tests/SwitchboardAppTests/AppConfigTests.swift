import Foundation
import Logging
import SwitchboardApp
import Testing

@Suite struct AppConfigTests {
    @Test func defaultsNeedNoSettings() throws {
        let config = try AppConfig.load(environment: [:])
        #expect(config == AppConfig(host: "127.0.0.1", port: 8080, databasePath: "switchboard.sqlite", logLevel: .info))
        #expect(config.publicURL.absoluteString == "http://127.0.0.1:8080")
    }

    @Test func malformedConfigGivesOneErrorListingEveryBadKey() {
        let file = """
            # a comment
            SWITCHBOARD_LOG_LEVEL=loud
            SWITCHBOARD_HOTS=typo
            not a pair
            """
        let environment = [
            "SWITCHBOARD_PORT": "eighty",
            "SWITCHBOARD_PUBLIC_URL": "ftp://example.com",
            "SWITCHBOARD_DATABASE": "/definitely/missing/dir/db.sqlite",
            "SWITCHBOARD_CONFIG": "/etc/switchboard.env",
            "SWITCHBOARD_COLOUR": "blue",
            "HOME": "/root",
        ]
        #expect {
            try AppConfig.load(environment: environment, readFile: { _ in file })
        } throws: { error in
            let problems = (error as? ConfigError)?.problems ?? []
            return problems == [
                "SWITCHBOARD_COLOUR: unknown setting (environment)",
                "/etc/switchboard.env:4: expected KEY=VALUE",
                "SWITCHBOARD_HOTS: unknown setting (/etc/switchboard.env)",
                "SWITCHBOARD_PORT: 'eighty' is not a port (0-65535)",
                "SWITCHBOARD_DATABASE: directory '/definitely/missing/dir' does not exist",
                "SWITCHBOARD_PUBLIC_URL: 'ftp://example.com' is not an absolute http(s) URL",
                "SWITCHBOARD_LOG_LEVEL: 'loud' is not a log level",
            ]
        }
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() throws {
        let file = "SWITCHBOARD_PORT=7000\nSWITCHBOARD_HOST=0.0.0.0\nSWITCHBOARD_LOG_LEVEL=\"debug\"\n"
        let config = try AppConfig.load(
            flags: ["SWITCHBOARD_PORT": "9000"],
            environment: ["SWITCHBOARD_PORT": "8000", "SWITCHBOARD_HOST": "127.0.0.2", "SWITCHBOARD_CONFIG": "x.env"],
            readFile: { _ in file }
        )
        #expect(config.port == 9000)
        #expect(config.host == "127.0.0.2")
        #expect(config.logLevel == .debug)
    }

    @Test func unreadableConfigFileIsReported() {
        #expect(throws: ConfigError(problems: ["SWITCHBOARD_CONFIG: cannot read /nope.env"])) {
            try AppConfig.load(environment: ["SWITCHBOARD_CONFIG": "/nope.env"], readFile: { _ in throw CocoaError(.fileNoSuchFile) })
        }
    }

    @Test func publicURLIsKeptAsGiven() throws {
        let config = try AppConfig.load(environment: ["SWITCHBOARD_PUBLIC_URL": "https://support.example.com"])
        #expect(config.publicURL.absoluteString == "https://support.example.com")
    }

    @Test func channelSettingsHaveDefaultsBesideTheDatabase() throws {
        let config = try AppConfig.load(environment: ["SWITCHBOARD_DATABASE": "/tmp/switchboard.sqlite"])
        #expect(config.mediaDirectory == "/tmp/media")
        #expect(config.secretKeyFile == "/tmp/switchboard.key")
        #expect(config.mediaMaxBytes == 5 << 30)
        #expect(config.proxy == nil)
    }

    @Test func badChannelSettingsAreListedWithoutEchoingTheKey() {
        let environment = [
            "SWITCHBOARD_SECRET_KEY": "c2hvcnQta2V5",
            "SWITCHBOARD_MEDIA_MAX_BYTES": "lots",
            "SWITCHBOARD_PROXY": "ftp://proxy:21",
        ]
        #expect {
            try AppConfig.load(environment: environment)
        } throws: { error in
            let problems = (error as? ConfigError)?.problems ?? []
            return problems.count == 3 && !problems.joined().contains("c2hvcnQta2V5")
        }
    }

    @Test func descriptionHidesTheKeyAndTheProxyPassword() throws {
        let key = Data(repeating: 7, count: 32).base64EncodedString()
        let config = try AppConfig.load(environment: [
            "SWITCHBOARD_SECRET_KEY": key, "SWITCHBOARD_PROXY": "socks5h://user:hunter2@proxy.example:1080",
        ])
        #expect(config.secretKey == key)
        #expect(!config.description.contains(key))
        #expect(!config.description.contains("hunter2"))
        #expect(config.description.contains("proxy=socks5h://proxy.example"))
    }
}
