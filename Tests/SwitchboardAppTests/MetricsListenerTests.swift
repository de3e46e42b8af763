import CurlHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardApp
import TestSupport
import Testing

/// `SWITCHBOARD_METRICS_ADDRESS` moves `/metrics` to a listener of its own.
@Suite struct MetricsListenerTests {
    @Test func withItsOwnAddressMetricsLeaveTheMainPort() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let metricsPort = try Socket.serverPort()
        var config = AppConfig(host: "127.0.0.1", port: 0, databasePath: directory.path("switchboard.sqlite"))
        config.metricsAddress = MetricsAddress(host: "127.0.0.1", port: metricsPort)
        let (app, _) = try buildApplication(config: config)
        let transport = CurlTransport()
        defer { transport.shutdown() }
        try await app.test(.live) { client in
            for path in ["/metrics", "/metrics/"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path) on the main port")
                }
            }
            var exposition = ""
            try await eventually("the metrics listener answers") {
                guard let reply = try? await transport.send(CurlHTTP.HTTPRequest(url: "http://127.0.0.1:\(metricsPort)/metrics")) else {
                    return false
                }
                exposition = String(decoding: reply.body, as: UTF8.self)
                return reply.status == 200
            }
            #expect(exposition.contains("switchboard_outbox_pending"))
        }
    }

    @Test func theAddressIsHostAndPort() throws {
        #expect(MetricsAddress("127.0.0.1:9100") == MetricsAddress(host: "127.0.0.1", port: 9100))
        #expect(MetricsAddress("[::1]:9100") == MetricsAddress(host: "::1", port: 9100))
        for bad in ["9100", "127.0.0.1", ":9100", "127.0.0.1:99999", "a b:1", "host:port"] {
            #expect(MetricsAddress(bad) == nil, "\(bad)")
        }
        let config = try AppConfig.load(environment: ["SWITCHBOARD_METRICS_ADDRESS": "0.0.0.0:9100"])
        #expect(config.metricsAddress == MetricsAddress(host: "0.0.0.0", port: 9100))
        #expect(try AppConfig.load(environment: [:]).metricsAddress == nil)
        #expect(throws: ConfigError(problems: ["SWITCHBOARD_METRICS_ADDRESS: 'nine' is not host:port"])) {
            try AppConfig.load(environment: ["SWITCHBOARD_METRICS_ADDRESS": "nine"])
        }
    }
}
