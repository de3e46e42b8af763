import Foundation
import Glibc
import Synchronization

/// A tiny forward proxy on 127.0.0.1 for tests, speaking either HTTP (absolute-form requests) or SOCKS5.
///
/// Each connection gets its own thread; upstream is always 127.0.0.1, which is all the tests need.
public final class TestProxy: Sendable {
    /// The protocol the proxy speaks.
    public enum Kind: Sendable {
        /// `GET http://host:port/path HTTP/1.1`, forwarded with `Connection: close`.
        case http
        /// SOCKS5 without authentication, IPv4 and domain-name addresses.
        case socks5
    }

    /// The listening port.
    public let port: Int
    private let listener: Int32
    /// HTTP request lines, or `host:port` SOCKS targets, in arrival order.
    private let seen = Mutex<[String]>([])

    /// Starts listening and accepting on a background thread.
    public init(_ kind: Kind) throws {
        (self.listener, self.port) = try Socket.listener()
        let thread = Thread { [self] in
            self.acceptLoop(kind)
        }
        thread.start()
    }

    /// What the proxy was asked to forward so far.
    public var forwarded: [String] {
        self.seen.withLock { $0 }
    }

    /// Stops accepting; `shutdown` wakes the blocked `accept`, which `close` alone would not on Linux.
    public func stop() {
        shutdown(self.listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop(_ kind: Kind) {
        defer { close(self.listener) }
        while true {
            let client = accept(self.listener, nil, nil)
            guard client >= 0 else { return }
            let thread = Thread { [self] in
                switch kind {
                case .http: self.serveHTTP(client)
                case .socks5: self.serveSocks(client)
                }
            }
            thread.start()
        }
    }

    private func serveHTTP(_ client: Int32) {
        var head: [UInt8] = []
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        while !head.ends(with: terminator) {
            guard let byte = Socket.read(client, count: 1) else {
                close(client)
                return
            }
            head += byte
        }
        var lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let requestLine = lines.removeFirst()
        self.seen.withLock { $0.append(requestLine) }
        let words = requestLine.split(separator: " ")
        guard words.count == 3, let target = URLComponents(string: String(words[1])), let port = target.port,
            let upstream = try? Socket.connected(port: port)
        else {
            Socket.write(client, Array("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            close(client)
            return
        }
        // Rewrite to origin-form and make both hops close after one exchange.
        let path = target.percentEncodedPath + (target.percentEncodedQuery.map { "?" + $0 } ?? "")
        let kept = lines.filter { line in
            let lower = line.lowercased()
            return !lower.hasPrefix("proxy-connection:") && !lower.hasPrefix("connection:")
        }
        let rewritten = (["\(words[0]) \(path) \(words[2])"] + kept + ["Connection: close", "", ""]).joined(separator: "\r\n")
        Socket.write(upstream, Array(rewritten.utf8))
        Socket.relay(client, upstream)
    }

    private func serveSocks(_ client: Int32) {
        // Greeting: version 5, method count, methods. Answer "no authentication".
        guard let greeting = Socket.read(client, count: 2), greeting[0] == 5,
            Socket.read(client, count: Int(greeting[1])) != nil, Socket.write(client, [5, 0]),
            let request = Socket.read(client, count: 4), request[0] == 5, request[1] == 1,
            let host = self.readSocksHost(client, addressType: request[3]),
            let portBytes = Socket.read(client, count: 2)
        else {
            close(client)
            return
        }
        let port = Int(portBytes[0]) << 8 | Int(portBytes[1])
        self.seen.withLock { $0.append("\(host):\(port)") }
        guard host == "127.0.0.1" || host == "localhost", let upstream = try? Socket.connected(port: port) else {
            Socket.write(client, [5, 5, 0, 1, 0, 0, 0, 0, 0, 0])
            close(client)
            return
        }
        Socket.write(client, [5, 0, 0, 1, 0, 0, 0, 0, 0, 0])
        Socket.relay(client, upstream)
    }

    private func readSocksHost(_ client: Int32, addressType: UInt8) -> String? {
        switch addressType {
        case 1:
            return Socket.read(client, count: 4).map { $0.map(String.init).joined(separator: ".") }
        case 3:
            guard let length = Socket.read(client, count: 1), let name = Socket.read(client, count: Int(length[0])) else { return nil }
            return String(decoding: name, as: UTF8.self)
        default:
            return nil
        }
    }
}

extension [UInt8] {
    /// True when the last bytes equal `suffix`.
    func ends(with suffix: [UInt8]) -> Bool {
        self.count >= suffix.count && Array(self[(self.count - suffix.count)...]) == suffix
    }
}
