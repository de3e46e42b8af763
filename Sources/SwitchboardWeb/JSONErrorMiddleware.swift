public import Hummingbird
import Logging

/// Turns every error, including Hummingbird's own 404 and decoding failures, into an `APIError` JSON body.
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            context.logger.info("request refused", metadata: ["status": "\(error.status.code)", "code": "\(error.code)"])
            throw error
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
            context.logger.info("request refused", metadata: ["status": "\(error.status.code)", "code": "\(code)"])
            throw APIError(error.status, code: code, message: error.body ?? error.status.reasonPhrase)
        } catch is DecodingError {
            context.logger.info("request refused", metadata: ["status": "400", "code": "invalid_json"])
            throw APIError(.badRequest, code: "invalid_json", message: "The request body is not valid JSON of the expected shape.")
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            // A bug or an unavailable database: the client gets the same JSON shape as for every
            // other error, without the internal detail, which goes to the log with the request id.
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            throw APIError(.internalServerError, code: "internal", message: "The server could not complete the request.")
        }
    }
}
