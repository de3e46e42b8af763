public import CurlHTTP
public import Foundation

/// A Viber REST Bot API client for one bot over any ``HTTPTransport``.
///
/// The token travels only in the `X-Viber-Auth-Token` header, which CurlHTTP never prints.
/// Every application error is HTTP 200 with a non-zero `status`, so success is `status == 0`, never the HTTP code.
public struct ViberBotAPI: Sendable, CustomStringConvertible {
    /// The official endpoint base.
    public static let officialURL = "https://chatapi.viber.com/pa"

    let transport: any HTTPTransport
    let token: String
    /// Base URL without trailing slash; methods are at `<baseURL>/<method>`.
    public let baseURL: String
    /// Time limit of one call.
    public var requestTimeout: Duration = .seconds(30)

    /// Creates a client.
    /// - Parameters:
    ///   - token: The bot's auth token; never printed.
    ///   - baseURL: The official API, or a fake in tests.
    ///   - transport: Usually the shared `CurlTransport`.
    public init(token: String, baseURL: String = ViberBotAPI.officialURL, transport: any HTTPTransport) {
        self.token = token
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.transport = transport
    }

    public var description: String { "ViberBotAPI(\(baseURL))" }

    /// The account as `get_account_info` reports it.
    public struct Account: Decodable, Sendable, Equatable {
        public var id: String?
        public var name: String?
        public var uri: String?
        public var icon: String?
        public var webhook: String?
    }

    /// `get_account_info`: the cheapest call that proves the token works.
    /// - Throws: ``ViberAPIError``.
    public func getAccountInfo() async throws -> Account {
        try JSONDecoder().decode(Account.self, from: try await call("get_account_info", body: Data("{}".utf8)))
    }

    /// `set_webhook`: Viber immediately calls `url` with the `webhook` event and fails unless it answers 200.
    /// - Throws: ``ViberAPIError``.
    public func setWebhook(url: String) async throws {
        let body = WebhookBody(url: url, eventTypes: WebhookBody.allEvents, sendName: true, sendPhoto: true)
        _ = try await call("set_webhook", body: try JSONEncoder().encode(body))
    }

    /// `send_message`.
    /// - Returns: The `message_token` Viber gave the message; delivery receipts carry the same.
    /// - Throws: ``ViberAPIError``.
    public func sendMessage(_ message: ViberMessageBody) async throws -> Int64 {
        let reply = try await call("send_message", body: try message.encoded())
        guard let token = try JSONDecoder().decode(Sent.self, from: reply).messageToken else {
            throw ViberAPIError.status(code: -1, message: "send_message answered without a message_token")
        }
        return token
    }

    /// POSTs a JSON body to a method and returns the answer once its `status` is 0.
    /// - Throws: ``ViberAPIError``, or `CancellationError`.
    public func call(_ method: String, body: Data) async throws -> Data {
        let request = CurlHTTP.HTTPRequest(
            method: .post,
            url: "\(baseURL)/\(method)",
            headers: [("X-Viber-Auth-Token", token)],
            body: .json(body),
            timeout: requestTimeout
        )
        let response: CurlHTTP.HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as CancellationError {
            throw error
        } catch let error as CurlError {
            throw ViberAPIError.transport(error.description)
        } catch {
            throw ViberAPIError.transport("\(type(of: error))")
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: response.body) else {
            throw ViberAPIError.unexpectedResponse(status: response.status)
        }
        guard envelope.status == 0 else {
            throw ViberAPIError.status(code: envelope.status, message: envelope.statusMessage ?? "no status_message")
        }
        return response.body
    }

    private struct Envelope: Decodable {
        var status: Int
        var statusMessage: String?

        enum CodingKeys: String, CodingKey {
            case status
            case statusMessage = "status_message"
        }
    }

    private struct WebhookBody: Encodable {
        /// Every filterable event: receipts and subscriptions feed the inbox; `message` always arrives.
        static let allEvents = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"]

        var url: String
        var eventTypes: [String]
        var sendName: Bool
        var sendPhoto: Bool

        enum CodingKeys: String, CodingKey {
            case url
            case eventTypes = "event_types"
            case sendName = "send_name"
            case sendPhoto = "send_photo"
        }
    }

    private struct Sent: Decodable {
        var messageToken: Int64?

        enum CodingKeys: String, CodingKey {
            case messageToken = "message_token"
        }
    }
}
