/// Where `/metrics` gets a listener of its own (`SWITCHBOARD_METRICS_ADDRESS`), so the public port never serves it.
public struct MetricsAddress: Sendable, Equatable, CustomStringConvertible {
    /// Host name or address to bind; an IPv6 address without brackets.
    public var host: String
    /// Port to bind; 0 picks a free one.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`, or `[v6-address]:port`; nil for anything else.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "[" || $0 == "]" }) else { return nil }
        self.init(host: host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

extension AppConfig {
    /// Reads `SWITCHBOARD_METRICS_ADDRESS`: unset keeps `/metrics` on the main listener, as before.
    static func loadMetricsAddress(_ value: (String) -> String?, problems: inout [String]) -> MetricsAddress? {
        guard let raw = value("SWITCHBOARD_METRICS_ADDRESS") else { return nil }
        guard let address = MetricsAddress(raw) else {
            problems.append("SWITCHBOARD_METRICS_ADDRESS: '\(raw)' is not host:port")
            return nil
        }
        return address
    }
}
