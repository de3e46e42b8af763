import CurlHTTP
import Foundation
import TestSupport
import Testing

/// Requests travel through the configured proxy, and per-request overrides work.
@Suite(.timeLimit(.minutes(3))) struct CurlTransportProxyTests {
    @Test func httpProxyForwardsAbsoluteFormRequest() async throws {
        try await TestServer.run { server in
            let proxy = try TestProxy(.http)
            defer { proxy.stop() }
            let transport = CurlTransport(configuration: .init(proxy: "http://127.0.0.1:\(proxy.port)"))

            let response = try await transport.send(HTTPRequest(url: server.url("/echo?via=proxy")))

            #expect(response.status == 200)
            #expect(try JSONDecoder().decode(Echo.self, from: response.body).uri == "/echo?via=proxy")
            #expect(proxy.forwarded == ["GET http://127.0.0.1:\(server.port)/echo?via=proxy HTTP/1.1"])
        }
    }

    @Test func directOverrideBypassesConfiguredProxy() async throws {
        try await TestServer.run { server in
            let proxy = try TestProxy(.http)
            defer { proxy.stop() }
            let transport = CurlTransport(configuration: .init(proxy: "http://127.0.0.1:\(proxy.port)"))

            let response = try await transport.send(HTTPRequest(url: server.url("/echo"), proxy: .direct))

            #expect(response.status == 200)
            #expect(proxy.forwarded.isEmpty)
            #expect(server.probe.requestCount == 1)
        }
    }

    @Test func socks5hProxyReceivesHostNameToResolve() async throws {
        try await TestServer.run { server in
            let proxy = try TestProxy(.socks5)
            defer { proxy.stop() }
            let transport = CurlTransport()

            let response = try await transport.send(
                HTTPRequest(url: server.url("/echo", host: "localhost"), proxy: .url("socks5h://127.0.0.1:\(proxy.port)"))
            )

            #expect(response.status == 200)
            // socks5h hands the name to the proxy instead of resolving it locally.
            #expect(proxy.forwarded == ["localhost:\(server.port)"])
        }
    }

    @Test func unreachableProxyGivesProxyError() async throws {
        let port = try Socket.closedPort()
        let transport = CurlTransport(configuration: .init(proxy: "socks5h://switchboard:SECRETPASS@127.0.0.1:\(port)"))

        let error = await #expect(throws: CurlError.self) {
            try await transport.send(HTTPRequest(url: "http://example.invalid/", connectTimeout: .seconds(2)))
        }

        guard case .proxyError = error else {
            Issue.record("expected proxyError, got \(String(describing: error))")
            return
        }
        #expect(!String(describing: error).contains("SECRETPASS"))
        #expect(!transport.configuration.description.contains("SECRETPASS"))
    }
}
