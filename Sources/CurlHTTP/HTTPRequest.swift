/// A request for an ``HTTPTransport`` to send.
///
/// Its `description` shows only the method and the URL's origin, never the path, query or
/// header values: Telegram puts the bot token in the path (`/bot<token>/sendMessage`) and
/// Viber puts it in a header.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    /// The request method.
    public var method: HTTPMethod
    /// The absolute `http://` or `https://` URL, query string included.
    public var url: String
    /// Header fields in sending order. A `Content-Type` here wins over the body's default.
    public var headers: [(name: String, value: String)]
    /// The body and its encoding.
    public var body: HTTPBody
    /// Limit for the whole transfer; `nil` uses the transport's default.
    public var timeout: Duration?
    /// Limit for establishing the connection; `nil` uses the transport's default.
    public var connectTimeout: Duration?
    /// Proxy choice for this request only; `nil` uses the transport's configured proxy.
    public var proxy: ProxyOverride?
    /// Numeric addresses to connect to instead of resolving the URL's host (`CURLOPT_RESOLVE`), for
    /// this request only; `nil` resolves as usual. A caller that checked where a name points pins
    /// the checked addresses, so a second DNS answer cannot send the request elsewhere.
    public var pinnedAddresses: [String]?

    /// Creates a request.
    /// - Parameters:
    ///   - method: The request method, `GET` by default.
    ///   - url: The absolute URL.
    ///   - headers: Extra header fields.
    ///   - body: The body, none by default.
    ///   - timeout: Total time limit, or `nil` for the transport's default.
    ///   - connectTimeout: Connection time limit, or `nil` for the transport's default.
    ///   - proxy: Proxy override, or `nil` for the transport's configured proxy.
    ///   - pinnedAddresses: Addresses to connect to instead of resolving the host, or `nil`.
    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: [(name: String, value: String)] = [],
        body: HTTPBody = .none,
        timeout: Duration? = nil,
        connectTimeout: Duration? = nil,
        proxy: ProxyOverride? = nil,
        pinnedAddresses: [String]? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.proxy = proxy
        self.pinnedAddresses = pinnedAddresses
    }

    /// The first value of the named header, compared case-insensitively.
    /// - Parameter name: The header name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return self.headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Method and origin only, for example `POST https://api.telegram.org`.
    public var description: String {
        "\(self.method) \(RedactedURL.origin(of: self.url))"
    }
}
