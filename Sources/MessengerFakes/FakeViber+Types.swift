public import Foundation

extension FakeViber {
    /// A Viber user as the fake puts it into callbacks and `get_user_details`.
    public struct User: Sendable, Equatable {
        /// Opaque id, unique per bot: base64-like text with `=`, `+` and `/`.
        public var id: String
        /// Display name.
        public var name: String
        /// Avatar URL, if the user has one.
        public var avatar: String?
        /// ISO 639-1 language, e.g. `en`.
        public var language: String
        /// ISO 3166 alpha-2 country, e.g. `UA`.
        public var country: String
        /// Highest API version the user's clients support; `min_api_version` above it gets status 13.
        public var apiVersion: Int

        /// Creates a user.
        public init(id: String, name: String, avatar: String? = nil, language: String = "en", country: String = "UA", apiVersion: Int = 10) {
            self.id = id
            self.name = name
            self.avatar = avatar
            self.language = language
            self.country = country
            self.apiVersion = apiVersion
        }
    }

    /// A failure the next matching call(s) get instead of the normal answer.
    public enum Fault: Sendable, Equatable {
        /// HTTP 200 with this `status` and `status_message` (nil = the code's default message).
        case status(Int, message: String? = nil)
        /// A bare HTTP error such as 500 or 503, as a load balancer in front of Viber would give.
        case httpError(Int)
        /// Waits this long, then answers normally.
        case slow(seconds: Double)
        /// Closes the connection without an answer.
        case dropConnection
    }

    /// How ``FakeViber/sendRawCallback(bot:json:signature:)`` signs its body.
    public enum Signature: Sendable, Equatable {
        /// The correct HMAC-SHA256 of the body keyed by the token.
        case valid
        /// A well-formed but wrong signature (keyed by another secret).
        case forged
        /// No `X-Viber-Content-Signature` header at all.
        case missing
        /// Exactly this header value.
        case custom(String)
    }

    /// One POST of a callback to the webhook.
    public struct CallbackAttempt: Sendable, Equatable {
        /// `event` of the callback.
        public var event: String
        /// `message_token` of the callback; the same on every redelivery.
        public var messageToken: Int64?
        /// 1 for the first try, 2 for the first redelivery, and so on.
        public var attempt: Int
        /// HTTP status answered; nil when the connection failed or timed out.
        public var status: Int?
        /// Why the attempt failed, if it did.
        public var error: String?
        /// When the answer (or failure) arrived.
        public var at: Date
    }

    /// What happened to one callback, returned by the helpers that play the user's side.
    public struct CallbackResult: Sendable {
        /// `event` of the callback.
        public var event: String
        /// `message_token` of the callback.
        public var messageToken: Int64?
        /// The exact bytes POSTed (and signed).
        public var body: Data
        /// The `X-Viber-Content-Signature` value sent, if any.
        public var signature: String?
        /// HTTP status of the last answer; nil when never answered or not sent.
        public var status: Int?
        /// Body of the last answer.
        public var responseBody: Data
        /// POSTs made, redeliveries included.
        public var attempts: Int
        /// True when the webhook's `event_types` filtered the event out, so nothing was sent.
        public var filtered: Bool
        /// For `conversation_started`: the welcome message found in the answer body and accepted.
        public var welcome: SentMessage?
        /// For `conversation_started`: why a non-empty answer body was not accepted as a welcome message.
        public var welcomeRejection: Rejection?

        /// True when the webhook acknowledged with HTTP 200, the only answer Viber accepts.
        public var acknowledged: Bool { status == 200 }
        /// The answer body as text, for assertions.
        public var responseText: String { String(decoding: responseBody, as: UTF8.self) }
    }

    /// One API call made with a known token, whatever it was answered.
    public struct Call: Sendable {
        /// Method, e.g. `send_message`.
        public var method: String
        /// HTTP status answered (200 unless a fault injected another).
        public var httpStatus: Int
        /// `status` answered; nil for bare HTTP errors.
        public var status: Int?
        /// The request body as received.
        public var body: Data
        /// When the fake answered.
        public var at: Date
    }
}
