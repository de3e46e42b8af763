public import Foundation

/// A messenger's webhook call as the web layer hands it to a channel: raw bytes, nothing parsed yet,
/// so the channel can verify a signature over the exact body before reading it.
public struct WebhookRequest: Sendable {
    /// Header names in lower case.
    public var headers: [String: String]
    public var query: [String: String]
    public var body: Data

    /// Creates a request.
    public init(headers: [String: String], query: [String: String] = [:], body: Data) {
        self.headers = headers
        self.query = query
        self.body = body
    }
}

/// What the web layer answers the messenger.
public struct WebhookResponse: Sendable, Equatable {
    public var status: Int
    /// A JSON body; some messengers read it (Viber's welcome message answers `conversation_started`).
    public var jsonBody: Data?
    /// A machine-readable code for error answers (`forged`, `invalid_json`, ...), sent as the standard error body.
    public var errorCode: String?
    public var errorMessage: String?

    /// A success answer, optionally with a JSON body.
    public static func ok(_ jsonBody: Data? = nil) -> WebhookResponse {
        WebhookResponse(status: 200, jsonBody: jsonBody, errorCode: nil, errorMessage: nil)
    }

    /// An error answer with the standard JSON error body.
    public static func error(_ status: Int, code: String, message: String) -> WebhookResponse {
        WebhookResponse(status: status, jsonBody: nil, errorCode: code, errorMessage: message)
    }
}

/// One channel's webhook: verifies, maps and ingests. Answers 2xx only after the commit.
public protocol WebhookEndpoint: Sendable {
    /// Handles one call.
    func handle(_ request: WebhookRequest) async -> WebhookResponse
}

/// Finds the webhook endpoint of a channel by its kind and name (the URL `/webhooks/{kind}/{name}`).
public protocol WebhookEndpointRegistry: Sendable {
    /// The endpoint, or nil for an unknown or paused channel.
    func endpoint(kind: ChannelKind, channelName: String) async -> (any WebhookEndpoint)?
}
