import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

@Suite struct ProxyTests {
    @Test(arguments: [TestProxy.Kind.http, .socks5])
    func callsGoThroughTheChannelsProxy(kind: TestProxy.Kind) async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let proxy = try TestProxy(kind)
        defer { proxy.stop() }
        let scheme = kind == .http ? "http" : "socks5h"
        let endpoint = TelegramBotAPI.Endpoint(baseURL: harness.telegram.baseURL.absoluteString, proxy: "\(scheme)://127.0.0.1:\(proxy.port)")
        let api = TelegramBotAPI(token: TelegramHarness.token, endpoint: endpoint, transport: harness.transport)

        let bot = try await api.getMe()

        #expect(bot.username == "desk_bot")
        #expect(proxy.forwarded.count == 1)
    }

    @Test func globalProxyOfTheTransportIsUsedWhenTheChannelHasNone() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let proxy = try TestProxy(.http)
        defer { proxy.stop() }
        let transport = CurlTransport(configuration: .init(proxy: "http://127.0.0.1:\(proxy.port)"))
        defer { transport.shutdown() }
        let api = TelegramBotAPI(
            token: TelegramHarness.token,
            endpoint: .init(baseURL: harness.telegram.baseURL.absoluteString),
            transport: transport
        )

        _ = try await api.getMe()

        #expect(proxy.forwarded.count == 1)
    }
}
