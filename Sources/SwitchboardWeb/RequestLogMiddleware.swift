import Foundation
public import HTTPTypes
public import Hummingbird
import Logging

/// Gives every request an id, puts it in every log line of the request and in the `X-Request-Id`
/// response header, and logs one line per request when it ends.
///
/// An id from the reverse proxy is kept when it looks like one, so a request can be followed from the
/// proxy's log to ours. Successful requests are logged at debug level: a burst of webhooks must not
/// drown the log; refusals and failures are logged at info and error.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = Self.acceptable(request.headers[Self.header]) ?? Self.newID()
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[Self.header] = id
        Self.log(request, response.status, since: started, to: context.logger)
        return response
    }

    /// The proxy's id, if it is short and plain enough to put in a log line.
    static func acceptable(_ value: String?) -> String? {
        guard let value, (1...64).contains(value.utf8.count),
            value.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") })
        else { return nil }
        return value
    }

    static func newID() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(to: 16)
    }

    private static func log(_ request: Request, _ status: HTTPResponse.Status, since started: ContinuousClock.Instant, to logger: Logger) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        // The path only: query strings may carry a client's search words.
        let metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(status.code),
            "ms": .string(String(format: "%.1f", milliseconds)),
        ]
        let level: Logger.Level = status.code >= 500 ? .error : status.code >= 400 ? .info : .debug
        logger.log(level: level, "request", metadata: metadata)
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
