import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A minimal HTTP/1.1 client on SwiftNIO, enough for the fake to POST webhooks to a local bridge
/// and to GET the media a bot's message points at (as Viber fetches it).
///
/// One connection per request (`Connection: close`), plain HTTP only: the fakes talk to 127.0.0.1,
/// and pulling in async-http-client would drag swift-nio-ssl and BoringSSL into every build.
struct MiniHTTPClient: Sendable {
    /// What came back from the peer.
    struct Response: Sendable {
        /// HTTP status code.
        var status: Int
        /// HTTP reason phrase, for example `Internal Server Error`.
        var reason: String
        /// Response headers (names as received).
        var headers: [(String, String)]
        /// Response body; Viber's `conversation_started` answer carries the welcome message here.
        var body = Data()

        /// The first header with this name, compared case-insensitively.
        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    /// Failures before a response head arrived.
    enum ClientError: Error, CustomStringConvertible {
        /// Only `http://host[:port]/path` URLs are supported.
        case unsupportedURL(String)
        /// The peer closed the connection before answering.
        case noResponse
        /// The peer did not answer within the timeout.
        case timedOut

        var description: String {
            switch self {
            case .unsupportedURL(let url): "unsupported URL \(url)"
            case .noResponse: "connection closed without a response"
            case .timedOut: "timed out"
            }
        }
    }

    /// Event loops the connections run on.
    var eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    /// Upper bound for connect + request + response.
    var timeout: Duration = .seconds(10)
    /// Response bytes kept; the rest is read and dropped.
    static let maxBodyBytes = 1 << 20

    /// POSTs `body` to `url` and returns the response (head and body).
    /// - Throws: `ClientError` or a NIO connection error.
    func post(url: URL, headers: [(String, String)], body: Data) async throws -> Response {
        try await send(.POST, url: url, headers: headers, body: body, keep: Self.maxBodyBytes)
    }

    /// GETs `url`, keeping at most `keep` bytes of the body (a fetched file may be large).
    /// - Throws: `ClientError` or a NIO connection error.
    func get(url: URL, keep: Int) async throws -> Response {
        try await send(.GET, url: url, headers: [], body: nil, keep: keep)
    }

    private func send(_ method: HTTPMethod, url: URL, headers: [(String, String)], body: Data?, keep: Int) async throws -> Response {
        guard url.scheme == "http", let host = url.host else { throw ClientError.unsupportedURL(url.absoluteString) }
        let port = url.port ?? 80
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: target)
        head.headers.add(name: "Host", value: "\(host):\(port)")
        if let body { head.headers.add(name: "Content-Length", value: String(body.count)) }
        head.headers.add(name: "Connection", value: "close")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        let request = head
        let group = eventLoopGroup
        return try await withThrowingTaskGroup(of: Response.self) { tasks in
            tasks.addTask { try await Self.exchange(group: group, host: host, port: port, head: request, body: body, keep: keep) }
            tasks.addTask { [timeout] in
                try await Task.sleep(for: timeout)
                throw ClientError.timedOut
            }
            defer { tasks.cancelAll() }
            guard let first = try await tasks.next() else { throw ClientError.noResponse }
            return first
        }
    }

    private static func exchange(
        group: any EventLoopGroup,
        host: String,
        port: Int,
        head: HTTPRequestHead,
        body: Data?,
        keep: Int
    ) async throws -> Response {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(5))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        return try await withTaskCancellationHandler {
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(.head(head))
                if let body { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                try await outbound.write(.end(nil))
                var response: Response?
                for try await part in inbound {
                    switch part {
                    case .head(let responseHead):
                        response = Response(
                            status: Int(responseHead.status.code),
                            reason: responseHead.status.reasonPhrase,
                            headers: responseHead.headers.map { ($0.name, $0.value) }
                        )
                    case .body(var buffer):
                        // Bounded: a bridge answers callbacks with a small JSON message; a fetched file is cut past `keep`.
                        let kept = response?.body.count ?? 0
                        if let bytes = buffer.readBytes(length: buffer.readableBytes), kept < keep {
                            response?.body.append(contentsOf: bytes.prefix(keep - kept))
                        }
                    case .end:
                        if let response { return response }
                    }
                }
                throw ClientError.noResponse
            }
        } onCancel: {
            // The timeout task won: close the socket so the read loop above ends.
            channel.channel.close(promise: nil)
        }
    }
}
