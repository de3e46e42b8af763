/// Something that sends HTTP requests: ``CurlTransport`` in production, a fake in tests.
public protocol HTTPTransport: Sendable {
    /// Sends a request and waits for the whole response.
    /// - Parameter request: The request to send.
    /// - Returns: The final response, whatever its status; non-`2xx` statuses do not throw.
    /// - Throws: ``CurlError`` when no response arrived, `CancellationError` when the task was cancelled.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
