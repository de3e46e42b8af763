import Foundation
import Glibc
import Synchronization

/// Blocking POSIX socket helpers for the test proxy, which runs on plain threads.
public enum Socket {
    /// A system call failed with `errno`.
    enum Failure: Error {
        case call(String, Int32)
    }

    /// A listening TCP socket on 127.0.0.1 and the port the kernel chose.
    static func listener() throws -> (descriptor: Int32, port: Int) {
        let descriptor = try self.make()
        var address = self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw Failure.call("bind/listen", errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            close(descriptor)
            throw Failure.call("getsockname", errno)
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port on 127.0.0.1 that nothing listens on: bound by the kernel, then released.
    public static func closedPort() throws -> Int {
        let (descriptor, port) = try self.listener()
        close(descriptor)
        return port
    }

    /// A free port for a server a test starts later under a URL fixed in advance.
    ///
    /// A port the kernel chose and released can be handed to any `bind(0)` listener in this process
    /// before the server binds it; ports below the kernel's ephemeral range are never handed out that
    /// way, and a process-wide counter keeps two harnesses apart.
    public static func serverPort() throws -> Int {
        let ceiling = min(self.ephemeralRangeStart(), 32_768)
        let floor = 10_000
        for _ in 0..<200 {
            let port = floor + nextServerPortOffset.add(1) % (ceiling - floor)
            let descriptor = try self.make()
            var address = self.loopback(port: port)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(descriptor)
            if bound == 0 { return port }
        }
        throw Failure.call("bind (no free server port)", errno)
    }

    private static let nextServerPortOffset = Counter(start: Int.random(in: 0..<20_000))

    private static func ephemeralRangeStart() -> Int {
        let range = try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)
        return range?.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
    }

    /// Connects to 127.0.0.1:`port`.
    static func connected(port: Int) throws -> Int32 {
        let descriptor = try self.make()
        var address = self.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure.call("connect", errno)
        }
        return descriptor
    }

    /// Opens a TCP connection to 127.0.0.1:`port`, sends `request`, reads whatever comes back and then
    /// stays silent, waiting up to `limit` for the server to close the connection.
    /// - Returns: the seconds until the server closed the connection, or nil if it was still open at `limit`.
    /// - Throws: when the connection cannot be made.
    public static func secondsUntilIdleConnectionCloses(port: Int, after request: String, limit: Duration) throws -> Double? {
        let descriptor = try self.connected(port: port)
        defer { close(descriptor) }
        guard self.write(descriptor, Array(request.utf8)) else { return 0 }
        let started = ContinuousClock.now
        let deadline = started + limit
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let left = deadline - ContinuousClock.now
            let milliseconds = Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard poll(&entry, 1, milliseconds) > 0 else { continue }
            // The response's bytes are read and dropped; no data (0) or a reset (-1) means the server hung up.
            if buffer.withUnsafeMutableBytes({ recv(descriptor, $0.baseAddress, $0.count, 0) }) <= 0 {
                let elapsed = ContinuousClock.now - started
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            }
        }
        return nil
    }

    /// Reads exactly `count` bytes, or nil if the peer closed first.
    static func read(_ descriptor: Int32, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let received = bytes.withUnsafeMutableBytes { raw in
                recv(descriptor, raw.baseAddress.map { $0 + filled }, count - filled, 0)
            }
            guard received > 0 else { return nil }
            filled += received
        }
        return bytes
    }

    /// Writes all of `bytes`.
    @discardableResult
    static func write(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress.map { $0 + sent }, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { return false }
            sent += written
        }
        return true
    }

    /// Copies bytes both ways until either side closes, then closes both.
    static func relay(_ first: Int32, _ second: Int32) {
        defer {
            close(first)
            close(second)
        }
        var fds = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while poll(&fds, 2, 10_000) > 0 {
            for (index, entry) in fds.enumerated() where entry.revents != 0 {
                let received = buffer.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, 0) }
                guard received > 0, self.write(fds[1 - index].fd, Array(buffer[0..<received])) else { return }
            }
        }
    }

    private static func make() throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.call("socket", errno) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        return descriptor
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// A thread-safe counter that hands out each value once.
final class Counter: Sendable {
    private let value: Mutex<Int>

    init(start: Int) { value = Mutex(start) }

    /// Returns the current value and advances it by `step`.
    func add(_ step: Int) -> Int {
        value.withLock { current in
            defer { current += step }
            return current
        }
    }
}
