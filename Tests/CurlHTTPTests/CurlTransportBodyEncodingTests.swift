import CurlHTTP
import Foundation
import Testing

/// Form and multipart bodies arrive at the server byte-for-byte.
@Suite(.timeLimit(.minutes(3))) struct CurlTransportBodyEncodingTests {
    @Test func formFieldsWithReservedAndNonASCIICharactersArriveIntact() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            let fields = ["chat_id": "-100123", "text": "héllo wörld & more=yes+1 👍", "parse_mode": "HTML"]
            let response = try await transport.send(HTTPRequest(method: .post, url: server.url("/form"), body: .form(fields)))

            #expect(response.status == 200)
            #expect(try JSONDecoder().decode([String: String].self, from: response.body) == fields)
        }
    }

    @Test func formBodyIsSentAsURLEncoded() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            let response = try await transport.send(HTTPRequest(method: .post, url: server.url("/echo"), body: .form(["b": "2 3", "a": "1"])))

            let echo = try JSONDecoder().decode(Echo.self, from: response.body)
            #expect(echo.contentType == "application/x-www-form-urlencoded")
            #expect(echo.body == "a=1&b=2%203")
        }
    }

    @Test func multipartFieldsAndFileKeepNamesTypeAndBytes() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            // Every byte value, so any text conversion or truncation at NUL would show.
            let fileBytes = Data((0...255).map(UInt8.init) + (0...255).map(UInt8.init).reversed())
            let parts: [MultipartPart] = [
                .field(name: "chat_id", value: "42"),
                .field(name: "caption", value: "ünïcödé caption"),
                .file(name: "photo", fileName: "cat picture.png", mimeType: "image/png", data: fileBytes),
            ]
            let response = try await transport.send(HTTPRequest(method: .post, url: server.url("/multipart"), body: .multipart(parts)))

            #expect(response.status == 200)
            let echoed = try JSONDecoder().decode([EchoedPart].self, from: response.body)
            #expect(
                echoed == [
                    EchoedPart(name: "chat_id", data: Data("42".utf8)),
                    EchoedPart(name: "caption", data: Data("ünïcödé caption".utf8)),
                    EchoedPart(name: "photo", fileName: "cat picture.png", contentType: "image/png", data: fileBytes),
                ]
            )
        }
    }
}
