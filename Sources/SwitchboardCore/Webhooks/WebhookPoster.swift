public import Foundation

/// One signed POST of a delivery, as the dispatcher asks for it.
public struct WebhookPost: Sendable, Equatable {
    public var url: String
    public var body: Data
    /// The endpoint's secret as stored; only the sender opens it.
    public var secretCiphertext: Data
    /// The signature's `t`: the time of this attempt, so a receiver can refuse replays.
    public var timestamp: Int64

    /// Creates a post.
    public init(url: String, body: Data, secretCiphertext: Data, timestamp: Int64) {
        self.url = url
        self.body = body
        self.secretCiphertext = secretCiphertext
        self.timestamp = timestamp
    }
}

/// How an attempt went.
public struct WebhookPostResult: Sendable, Equatable {
    /// The receiver's status code, nil when none arrived.
    public var statusCode: Int?
    /// Why it failed (a status that is not 2xx, a timeout, a refused address); nil on success.
    public var error: String?
    public var responseMillis: Int?

    /// Creates a result.
    public init(statusCode: Int?, error: String?, responseMillis: Int?) {
        self.statusCode = statusCode
        self.error = error
        self.responseMillis = responseMillis
    }

    /// Whether the receiver took the delivery (a 2xx answer).
    public var succeeded: Bool { error == nil && (200..<300).contains(statusCode ?? 0) }
}

/// Signs and sends a delivery over HTTP.
public protocol WebhookPoster: Sendable {
    /// Sends one attempt; never throws: every failure is a result with an error.
    func post(_ request: WebhookPost) async -> WebhookPostResult
}
