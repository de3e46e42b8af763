public import Foundation

/// The final response to an ``HTTPRequest``.
public struct HTTPResponse: Sendable {
    /// The status code, for example `200`.
    public var status: Int
    /// Header fields of the final response in received order (interim `1xx` and proxy `CONNECT` answers are dropped).
    public var headers: [(name: String, value: String)]
    /// The body, already decompressed when the server used gzip or deflate.
    public var body: Data
    /// How many new connections the transfer opened: 0 when a kept-alive connection was reused.
    public var newConnections: Int

    /// Creates a response, as fakes and tests need to.
    /// - Parameters:
    ///   - status: The status code.
    ///   - headers: Header fields.
    ///   - body: The body bytes.
    ///   - newConnections: Connections opened for this transfer.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data(), newConnections: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.newConnections = newConnections
    }

    /// The first value of the named header, compared case-insensitively.
    /// - Parameter name: The header name, in any case.
    public func header(_ name: String) -> String? {
        self.headerValues(name).first
    }

    /// Every value of the named header in received order, compared case-insensitively.
    /// - Parameter name: The header name, in any case.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return self.headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// True for `2xx` statuses.
    public var isSuccess: Bool {
        (200..<300).contains(self.status)
    }
}
