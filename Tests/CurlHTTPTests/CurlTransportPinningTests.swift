import CurlHTTP
import Foundation
import Testing

/// `pinnedAddresses` decides where a request connects, for that request only.
@Suite(.timeLimit(.minutes(3))) struct CurlTransportPinningTests {
    @Test func pinnedNameReachesPinnedAddressWithoutDNS() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()

            // `.invalid` never resolves (RFC 6761), so only the pin can lead to the server.
            let response = try await transport.send(
                HTTPRequest(url: server.url("/echo?pinned=1", host: "pinned.invalid"), pinnedAddresses: ["127.0.0.1"])
            )

            #expect(response.status == 200)
            #expect(try JSONDecoder().decode(Echo.self, from: response.body).uri == "/echo?pinned=1")
            #expect(server.probe.requestCount == 1)
        }
    }

    @Test func pinIsForgottenAfterItsRequest() async throws {
        try await TestServer.run { server in
            // One worker, so both requests use the same reused libcurl handle and its DNS cache.
            let transport = CurlTransport(configuration: .init(maxConcurrentRequests: 1))
            let url = server.url("/echo", host: "pinned.invalid")
            _ = try await transport.send(HTTPRequest(url: url, pinnedAddresses: ["127.0.0.1"]))

            await #expect(throws: CurlError.self) {
                try await transport.send(HTTPRequest(url: url, connectTimeout: .seconds(2)))
            }
            #expect(server.probe.requestCount == 1)
        }
    }

    @Test func pinToAHostNameIsRefused() async throws {
        let transport = CurlTransport()

        let error = await #expect(throws: CurlError.self) {
            try await transport.send(HTTPRequest(url: "http://pinned.invalid/", pinnedAddresses: ["localhost"]))
        }

        guard case .invalidRequest = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
    }
}
