public import SwitchboardCore

/// Why a Viber REST call failed. Descriptions never contain the token: it travels only in a header.
public enum ViberAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Viber answered HTTP 200 with a non-zero `status`: how it reports every application error.
    case status(code: Int, message: String)
    /// No answer arrived: connection, proxy, timeout.
    case transport(String)
    /// An answer arrived that is not a Viber JSON body (a 5xx page from a load balancer).
    case unexpectedResponse(status: Int)

    /// `invalidAuthToken`: the token is wrong or revoked.
    public static let invalidAuthToken = 2
    /// `receiverNotRegistered`: the receiver is not a Viber user.
    public static let receiverNotRegistered = 5
    /// `receiverNotSubscribed`: the receiver unsubscribed or never subscribed.
    public static let receiverNotSubscribed = 6
    /// `tooManyRequests`: more than 100 messages to one user without a reply in an hour.
    public static let tooManyRequests = 12

    public var description: String {
        switch self {
        case .status(let code, let message): "Viber status \(code): \(message)"
        case .transport(let reason): "Viber unreachable: \(reason)"
        case .unexpectedResponse(let status): "Viber answered HTTP \(status) without a JSON body"
        }
    }

    /// True when Viber refused the token, which only an admin can fix.
    public var isTokenRejected: Bool {
        if case .status(Self.invalidAuthToken, _) = self { return true }
        return false
    }

    /// Classifies the failure for the outbox dispatcher.
    ///
    /// 5/6 → the user cannot receive (unreachable, never retried); 12 → Viber's rate control, which
    /// carries no wait hint, so back off a minute; 2 → the token, fixable by an admin, so retried;
    /// other statuses → the request itself is wrong, never retried unchanged; network and 5xx → retried.
    public var deliveryFailure: DeliveryFailure {
        switch self {
        case .status(let code, let message) where code == Self.receiverNotSubscribed || code == Self.receiverNotRegistered:
            return .permanent(reason: "Viber: \(message) (status \(code))", recipientUnreachable: true)
        case .status(Self.tooManyRequests, let message):
            return .retryAfter(seconds: 60, reason: "Viber: \(message) (status \(Self.tooManyRequests))")
        case .status(Self.invalidAuthToken, let message):
            return .transient(reason: "the Viber token was rejected (\(message)); the channel is marked broken")
        case .status(let code, let message):
            return .permanent(reason: "Viber: \(message) (status \(code))", recipientUnreachable: false)
        case .transport(let reason):
            return .transient(reason: reason)
        case .unexpectedResponse(let status):
            return .transient(reason: "HTTP \(status) from Viber")
        }
    }
}
