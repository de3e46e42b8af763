public import SwitchboardCore

/// Why a Bot API call failed. Descriptions come from Telegram or from CurlHTTP (which scrubs URLs),
/// so none of them contains the bot token.
public enum TelegramAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Telegram answered `ok: false`.
    /// - Parameters:
    ///   - code: `error_code`, equal to the HTTP status.
    ///   - description: Telegram's text, e.g. `Forbidden: bot was blocked by the user`.
    ///   - retryAfter: `parameters.retry_after` in seconds (429).
    ///   - migrateToChatID: `parameters.migrate_to_chat_id` (a group became a supergroup).
    case api(code: Int, description: String, retryAfter: Int?, migrateToChatID: Int64?)
    /// No answer arrived: connection, proxy, timeout.
    case transport(String)
    /// An answer arrived but it is not a Bot API envelope (a proxy's error page, a 502 from a load balancer).
    case unexpectedResponse(status: Int)

    public var description: String {
        switch self {
        case .api(let code, let description, _, _): "Telegram error \(code): \(description)"
        case .transport(let reason): "Telegram unreachable: \(reason)"
        case .unexpectedResponse(let status): "Telegram answered HTTP \(status) without a Bot API body"
        }
    }

    /// The HTTP status / `error_code`, when Telegram answered.
    public var code: Int? {
        switch self {
        case .api(let code, _, _, _): code
        case .unexpectedResponse(let status): status
        case .transport: nil
        }
    }

    /// Classifies the failure for the outbox dispatcher.
    ///
    /// 429 → wait exactly `retry_after`; 403 → the user blocked the bot (or left), never retry;
    /// 400 → the request itself is wrong, never retry unchanged; 401/404 → our token is wrong,
    /// which an admin can fix, so it is retried; 5xx and network trouble → retry with backoff.
    public var deliveryFailure: DeliveryFailure {
        switch self {
        case .api(429, let description, let retryAfter, _):
            return .retryAfter(seconds: Double(retryAfter ?? 1), reason: description)
        case .api(403, let description, _, _):
            return .permanent(reason: description, recipientUnreachable: true)
        case .api(400, let description, _, let migrated?):
            return .recipientMoved(toExternalID: String(migrated), reason: description)
        case .api(400, let description, _, _):
            return .permanent(reason: description, recipientUnreachable: false)
        case .api(let code, let description, _, _) where code == 401 || code == 404:
            return .transient(reason: "the bot token was rejected (\(code) \(description))")
        case .api(_, let description, _, _):
            return .transient(reason: description)
        case .transport(let reason):
            return .transient(reason: reason)
        case .unexpectedResponse(let status):
            return .transient(reason: "HTTP \(status) from Telegram")
        }
    }
}
