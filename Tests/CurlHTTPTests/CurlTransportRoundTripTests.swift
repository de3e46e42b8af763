import CurlHTTP
import Foundation
import Testing

/// Plain request/response behaviour against a live local server.
@Suite(.timeLimit(.minutes(3))) struct CurlTransportRoundTripTests {
    @Test func getReturnsServerBodyAndSendsDefaultHeaders() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport(configuration: .init(userAgent: "SwitchboardTest/1"))
            let response = try await transport.send(
                HTTPRequest(url: server.url("/echo?chat_id=42&text=hi%20there"), headers: [("X-Test", "present")])
            )

            #expect(response.status == 200)
            let echo = try JSONDecoder().decode(Echo.self, from: response.body)
            #expect(echo.method == "GET")
            #expect(echo.uri == "/echo?chat_id=42&text=hi%20there")
            #expect(echo.userAgent == "SwitchboardTest/1")
            #expect(echo.testHeader == "present")
            #expect(echo.acceptEncoding?.contains("gzip") == true)
            #expect(echo.body.isEmpty)
        }
    }

    @Test func postedJSONIsDecodedByServerAndReplyDecodes() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            let sent = Greeting(text: "привет, world", count: 41)
            let response = try await transport.send(
                HTTPRequest(method: .post, url: server.url("/greeting"), body: .json(try JSONEncoder().encode(sent)))
            )

            #expect(response.status == 200)
            #expect(try JSONDecoder().decode(Greeting.self, from: response.body) == Greeting(text: "ПРИВЕТ, WORLD", count: 42))
        }
    }

    @Test func bodyContentTypeAndMethodReachServer() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            // Above 1 MiB libcurl sends `Expect: 100-continue` and may stall a second unless suppressed.
            let payload = String(repeating: "z", count: 1_100_000)
            let response = try await transport.send(
                HTTPRequest(method: .put, url: server.url("/echo"), body: .data(Data(payload.utf8), contentType: "text/plain; charset=utf-8"))
            )

            let echo = try JSONDecoder().decode(Echo.self, from: response.body)
            #expect(echo.method == "PUT")
            #expect(echo.contentType == "text/plain; charset=utf-8")
            #expect(echo.expect == nil)
            #expect(echo.body == payload)
        }
    }

    @Test func bodilessPostAndDeleteUseTheirMethods() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            let post = try await transport.send(HTTPRequest(method: .post, url: server.url("/echo")))
            let delete = try await transport.send(HTTPRequest(method: .delete, url: server.url("/echo")))

            #expect(try JSONDecoder().decode(Echo.self, from: post.body).method == "POST")
            #expect(try JSONDecoder().decode(Echo.self, from: delete.body).method == "DELETE")
        }
    }

    @Test func responseStatusAndHeadersAreReadableCaseInsensitively() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            let response = try await transport.send(HTTPRequest(url: server.url("/headers")))

            // A non-2xx status is a response, not an error.
            #expect(response.status == 418)
            #expect(!response.isSuccess)
            #expect(response.header("content-type") == "text/plain")
            #expect(response.header("CACHE-CONTROL") == "no-store")
            #expect(response.headerValues("Set-Cookie") == ["a=1", "b=2"])
            #expect(String(decoding: response.body, as: UTF8.self) == "short and stout")
        }
    }
}
