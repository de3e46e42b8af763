public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 connection to 127.0.0.1 that sends requests one after the other (keep-alive, no
/// pipelining), like each of wrk's connections. Small on purpose: the load generator shares the
/// machine with the server it measures.
public struct KeepAliveConnection {
    /// A request to send.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [(String, String)]
        public var body: Data

        /// Creates a request.
        public init(method: String = "GET", path: String, headers: [(String, String)] = [], body: Data = Data()) {
            self.method = method
            self.path = path
            self.headers = headers
            self.body = body
        }
    }

    /// The answer to a request.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Data

        /// The first header named `name` (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    /// The connection closed before the answer was complete.
    public struct Closed: Error {}

    private let port: Int
    private var inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>

    /// Opens a connection to `127.0.0.1:port`, runs `body` with it, and closes it.
    /// - Throws: when the connection cannot be made, or what `body` throws.
    public static func with<T: Sendable>(port: Int, _ body: (inout KeepAliveConnection) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = KeepAliveConnection(port: port, inbound: inbound.makeAsyncIterator(), outbound: outbound)
            return try await body(&connection)
        }
    }

    /// Sends `request` and waits for the whole answer.
    /// - Throws: when the connection fails or closes first.
    public mutating func send(_ request: Request) async throws -> Reply {
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: request.path)
        head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
        head.headers.add(name: "Content-Length", value: String(request.body.count))
        for (name, value) in request.headers { head.headers.add(name: name, value: value) }
        try await outbound.write(contentsOf: [
            .head(head), .body(.byteBuffer(ByteBuffer(bytes: request.body))), .end(nil),
        ])
        var reply = Reply(status: 0, headers: [], body: Data())
        while let part = try await inbound.next() {
            switch part {
            case .head(let response):
                reply.status = Int(response.status.code)
                reply.headers = response.headers.map { ($0.name, $0.value) }
            case .body(let buffer):
                reply.body.append(contentsOf: buffer.readableBytesView)
            case .end:
                return reply
            }
        }
        throw Closed()
    }
}
