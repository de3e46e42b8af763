/// Why ``CurlTransport`` got no response.
///
/// Messages come from libcurl and are scrubbed of the request URL's path, query and user info,
/// so logging an error never leaks a bot token. Task cancellation throws `CancellationError`, not this.
public enum CurlError: Error, Equatable, CustomStringConvertible {
    /// The request's total or connect time limit passed.
    case timeout
    /// No connection to the server could be made (refused, unreachable).
    case couldNotConnect(message: String)
    /// The configured proxy could not be reached or refused to forward the request.
    case proxyError(message: String)
    /// The transport shut down before the request finished.
    case cancelled
    /// The response body grew past ``CurlTransport/Configuration/maxResponseBytes``.
    case responseTooLarge(limit: Int)
    /// The request cannot be sent as given, for example a header containing a line break.
    case invalidRequest(reason: String)
    /// Any other libcurl failure.
    /// - Parameters:
    ///   - code: The `CURLcode` value.
    ///   - message: libcurl's explanation.
    case other(code: Int, message: String)

    /// A one-line explanation without the request URL.
    public var description: String {
        switch self {
        case .timeout: "HTTP request timed out"
        case .couldNotConnect(let message): "could not connect: \(message)"
        case .proxyError(let message): "proxy error: \(message)"
        case .cancelled: "HTTP request cancelled: the transport shut down"
        case .responseTooLarge(let limit): "HTTP response body larger than \(limit) bytes"
        case .invalidRequest(let reason): "invalid HTTP request: \(reason)"
        case .other(let code, let message): "libcurl error \(code): \(message)"
        }
    }
}
