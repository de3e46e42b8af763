import Foundation

/// Which address a request comes from, for the sign-in throttle.
public enum ClientAddress {
    /// The client's address: the last `X-Forwarded-For` hop when the peer is loopback (the shipped
    /// Caddy config proxies from 127.0.0.1 and appends the address it saw last), otherwise the peer.
    ///
    /// A peer that is not loopback cannot choose its address with the header. Without this, every
    /// client behind the proxy would share 127.0.0.1 and one stranger could block everyone.
    /// - Parameters:
    ///   - peer: the TCP peer's IP address, nil when unknown.
    ///   - forwardedFor: the `X-Forwarded-For` header, if any.
    public static func resolve(peer: String?, forwardedFor: String?) -> String {
        let peer = peer ?? "unknown"
        guard isLoopback(peer), let forwardedFor,
            let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        else { return peer }
        // An address is short; anything longer is not one and must not become a huge key.
        return String(last.prefix(64))
    }

    /// Whether `address` is 127.0.0.0/8 or ::1.
    public static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
