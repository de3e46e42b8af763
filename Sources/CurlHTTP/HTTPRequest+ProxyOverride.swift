extension HTTPRequest {
    /// How one request picks its proxy instead of the transport's configured one.
    public enum ProxyOverride: Sendable, Equatable {
        /// Connect directly, even when the transport has a proxy.
        case direct
        /// Use this proxy URL, for example `socks5h://127.0.0.1:1080` or `http://proxy:3128`.
        case url(String)
    }
}
