import Foundation

/// An error answer of the Bot API: `{ok:false, error_code, description, parameters?}`.
struct BotAPIError: Error, Sendable, Equatable {
    /// `error_code`, which is also the HTTP status.
    var code: Int
    /// `description`, worded like the real server's.
    var description: String
    /// `parameters.retry_after` (seconds); also sent as the `Retry-After` header.
    var retryAfter: Int?
    /// `parameters.migrate_to_chat_id` for upgraded groups.
    var migrateToChatId: Int64?

    /// 400 with the server's `Bad Request: ` prefix.
    static func badRequest(_ text: String) -> BotAPIError { BotAPIError(code: 400, description: "Bad Request: \(text)") }

    /// 400 for a required parameter that is absent, as the server words it.
    static func missing(_ parameter: String) -> BotAPIError { badRequest("\(parameter) is empty") }

    /// 401 for an unknown token.
    static let unauthorized = BotAPIError(code: 401, description: "Unauthorized")

    /// 404 for an unknown method or path.
    static let notFound = BotAPIError(code: 404, description: "Not Found")

    /// 403 for a chat whose user blocked the bot.
    static let blocked = BotAPIError(code: 403, description: "Forbidden: bot was blocked by the user")

    /// 409 with the server's `Conflict: ` prefix.
    static func conflict(_ text: String) -> BotAPIError { BotAPIError(code: 409, description: "Conflict: \(text)") }

    /// 429 with `retry_after` in the body and the header.
    static func tooManyRequests(retryAfter: Int) -> BotAPIError {
        BotAPIError(code: 429, description: "Too Many Requests: retry after \(retryAfter)", retryAfter: retryAfter)
    }

    /// A 5xx answer with the standard reason phrase.
    static func serverError(_ code: Int) -> BotAPIError {
        let reason =
            switch code {
            case 502: "Bad Gateway"
            case 503: "Service Unavailable"
            case 504: "Gateway Timeout"
            default: "Internal Server Error"
            }
        return BotAPIError(code: code, description: reason)
    }
}

/// A finished HTTP answer of the fake, independent of Hummingbird so the state actor can build it.
struct BotResponse: Sendable {
    /// HTTP status code.
    var status: Int
    /// Response body.
    var body: Data
    /// MIME type of the body.
    var contentType = "application/json"
    /// Value of the `Retry-After` header, when set.
    var retryAfter: Int?
    /// When true the handler closes the connection instead of answering (fault injection).
    var dropConnection = false

    /// `{ok:true, result}`.
    static func success(_ result: Any) -> BotResponse {
        BotResponse(status: 200, body: JSON.encode(["ok": true, "result": result]))
    }

    /// `{ok:false, error_code, description, parameters?}` with HTTP status = error_code.
    static func failure(_ error: BotAPIError) -> BotResponse {
        var envelope: [String: Any] = ["ok": false, "error_code": error.code, "description": error.description]
        var parameters: [String: Any] = [:]
        if let retryAfter = error.retryAfter { parameters["retry_after"] = retryAfter }
        if let migrate = error.migrateToChatId { parameters["migrate_to_chat_id"] = migrate }
        if !parameters.isEmpty { envelope["parameters"] = parameters }
        return BotResponse(status: error.code, body: JSON.encode(envelope), retryAfter: error.retryAfter)
    }
}

/// JSONSerialization helpers for the untyped Bot API objects the fake builds.
enum JSON {
    /// Serializes a JSON object graph; the fake only builds valid graphs, so failure is a bug.
    static func encode(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// Parses JSON text that may be an object, array or fragment.
    static func decode(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Renders one decoded JSON value the way it would arrive in a form field.
    static func fieldText(_ value: Any) -> String {
        if let string = value as? String { return string }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

extension JSON {
    /// Reads an integer from a decoded or hand-built JSON value (`Int`, `Int64`, `NSNumber`, numeric text).
    static func int64(_ value: Any?) -> Int64? {
        switch value {
        case let value as Int64: value
        case let value as Int: Int64(value)
        case let value as Int32: Int64(value)
        case let value as NSNumber: value.int64Value
        case let value as String: Int64(value)
        default: nil
        }
    }
}
