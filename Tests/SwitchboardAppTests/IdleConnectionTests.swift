import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardApp
import TestSupport
import Testing

/// `SWITCHBOARD_IDLE_TIMEOUT`: a connection that has gone quiet does not hold a slot forever.
@Suite struct IdleConnectionTests {
    /// A kept-alive connection that goes quiet after its request is closed; the next request opens a new one.
    @Test func anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var config = AppConfig(host: "127.0.0.1", port: 0, databasePath: directory.path("switchboard.sqlite"))
        config.idleTimeout = 1
        let (app, _) = try buildApplication(config: config)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
            let closedAfter = try Socket.secondsUntilIdleConnectionCloses(port: port, after: request, limit: .seconds(30))
            #expect(closedAfter != nil, "the server kept an idle connection open for 30 s")
        }
    }

    /// A connection that never sends a byte, or trickles a request head that never ends, is closed too:
    /// Hummingbird's own timer starts only after the first head.
    @Test(arguments: ["", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"])
    func aConnectionThatNeverCompletesItsFirstRequestIsClosed(sent: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var config = AppConfig(host: "127.0.0.1", port: 0, databasePath: directory.path("switchboard.sqlite"))
        config.idleTimeout = 1
        let (app, _) = try buildApplication(config: config)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let closedAfter = try Socket.secondsUntilIdleConnectionCloses(port: port, after: sent, limit: .seconds(30))
            #expect(closedAfter != nil, "the server kept a connection without a complete request open for 30 s")
        }
    }

    @Test func theTimeoutIsASettingAndWebSocketsArePingedWithinIt() throws {
        #expect(try AppConfig.load(environment: [:]).idleTimeout == AppConfig.defaultIdleTimeout)
        let config = try AppConfig.load(environment: ["SWITCHBOARD_IDLE_TIMEOUT": "20"])
        #expect(config.idleTimeout == 20 && config.webSocketPingPeriod == 10)
        #expect(AppConfig().webSocketPingPeriod == 30)
        #expect(throws: ConfigError(problems: ["SWITCHBOARD_IDLE_TIMEOUT: '0' is not a number of seconds between 1 and 3600"])) {
            try AppConfig.load(environment: ["SWITCHBOARD_IDLE_TIMEOUT": "0"])
        }
    }
}
