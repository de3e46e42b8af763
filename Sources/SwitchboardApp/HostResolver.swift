import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a host name to its numeric addresses with the system resolver.
enum HostResolver {
    /// Every IPv4 and IPv6 address of `host` as text; empty when it does not resolve. A numeric
    /// host resolves to itself.
    static func addresses(of host: String) async -> [String] {
        // getaddrinfo blocks for as long as DNS takes: on a thread of its own, not the shared executor.
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: resolve(host)) }.start()
        }
    }

    private static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var result: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let text = numericHost(info.pointee) { result.append(text) }
            cursor = info.pointee.ai_next
        }
        return result
    }

    private static func numericHost(_ info: addrinfo) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(info.ai_addr, info.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
