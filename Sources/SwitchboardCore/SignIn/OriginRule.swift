public import Foundation

/// Whether a browser's `Origin` may sign in: only the desk's own page, never another site.
public enum OriginRule {
    /// Allows a missing `Origin` (non-browser clients), the public URL's origin, or the origin of
    /// the host the request was sent to (a desk reached by its local address).
    /// - Parameters:
    ///   - origin: the `Origin` header, if any.
    ///   - publicURL: `SWITCHBOARD_PUBLIC_URL`.
    ///   - host: the request's `Host` (authority), if any.
    public static func allows(origin: String?, publicURL: URL, host: String?) -> Bool {
        guard let sent = origin?.lowercased() else { return true }
        if sent == Self.origin(of: publicURL) { return true }
        guard let host = host?.lowercased(), !host.isEmpty else { return false }
        return sent == "http://\(host)" || sent == "https://\(host)"
    }

    /// Whether a WebSocket upgrade with this `Origin` may open the live stream: what ``allows(origin:publicURL:host:)``
    /// allows, and also a `ws://` or `wss://` origin, which no browser page sends (a page names its own
    /// http(s) origin, or `null`) but WebSocket client libraries do.
    public static func allowsUpgrade(origin: String?, publicURL: URL, host: String?) -> Bool {
        if allows(origin: origin, publicURL: publicURL, host: host) { return true }
        guard let sent = origin?.lowercased() else { return true }
        return sent.hasPrefix("ws://") || sent.hasPrefix("wss://")
    }

    /// `scheme://host[:port]` of a URL, lower case.
    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        return url.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }
}
