import CurlHTTP
import Foundation
import TestSupport
import Testing

/// How failures surface: typed errors, quickly, and without the URL.
@Suite(.timeLimit(.minutes(3))) struct CurlTransportFailureTests {
    @Test func requestTimeoutFiresAgainstHangingServer() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            let clock = ContinuousClock()
            let start = clock.now

            await #expect(throws: CurlError.timeout) {
                try await transport.send(HTTPRequest(url: server.url("/hang"), timeout: .milliseconds(300)))
            }

            let elapsed = clock.now - start
            // `/hang` never answers until the test ends, so any bound proves the timeout fired; 20 s leaves
            // room for a CI machine running every suite at once on two cores (5 s has been seen there).
            #expect(elapsed >= .milliseconds(250))
            #expect(elapsed < .seconds(20))
        }
    }

    @Test func closedPortGivesCouldNotConnect() async throws {
        let port = try Socket.closedPort()
        let transport = CurlTransport()

        let error = await #expect(throws: CurlError.self) {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:\(port)/", connectTimeout: .seconds(2)))
        }

        guard case .couldNotConnect = error else {
            Issue.record("expected couldNotConnect, got \(String(describing: error))")
            return
        }
    }

    @Test func errorTextNeverContainsURLPathOrQuery() async throws {
        let port = try Socket.closedPort()
        let transport = CurlTransport()
        let url = "http://127.0.0.1:\(port)/bot123456:SECRET-token/sendMessage?chat_id=SECRETCHAT"

        let error = await #expect(throws: CurlError.self) {
            try await transport.send(HTTPRequest(url: url))
        }

        let texts = [String(describing: error), String(reflecting: error), "\(HTTPRequest(url: url))"]
        for text in texts {
            #expect(!text.contains("SECRET"), "leaked: \(text)")
        }
    }

    @Test func oversizedResponseIsRejected() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport(configuration: .init(maxResponseBytes: 1000))

            let small = try await transport.send(HTTPRequest(url: server.url("/bytes?count=1000")))
            #expect(small.body.count == 1000)
            await #expect(throws: CurlError.responseTooLarge(limit: 1000)) {
                try await transport.send(HTTPRequest(url: server.url("/bytes?count=100000")))
            }
        }
    }

    @Test func headerWithLineBreakIsRefusedBeforeSending() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()

            let error = await #expect(throws: CurlError.self) {
                try await transport.send(HTTPRequest(url: server.url("/echo"), headers: [("X-Test", "a\r\nX-Injected: 1")]))
            }

            guard case .invalidRequest = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                return
            }
            #expect(server.probe.requestCount == 0)
        }
    }

    @Test func sendAfterShutdownThrowsCancelled() async throws {
        let transport = CurlTransport()
        transport.shutdown()

        await #expect(throws: CurlError.cancelled) {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:1/"))
        }
    }
}
