public import Foundation
public import Logging
public import SwitchboardCore

/// `POST /webhooks/viber/{channel}`: verifies the signature, maps the callback, commits it, answers.
///
/// The HMAC over the raw bytes is checked before anything is parsed; 200 is answered only after
/// the commit (a failed commit answers 500, so Viber redelivers), and `conversation_started` is
/// answered with the channel's welcome message in the body, the only way Viber accepts one.
public struct ViberWebhookEndpoint: WebhookEndpoint {
    /// The signature header, lower-cased as the web layer hands it over.
    public static let signatureHeader = "x-viber-content-signature"

    let token: String
    let mapper: ViberCallbackMapper
    let welcome: ViberMessageBody?
    let sink: any InboundSink
    let logger: Logger

    /// Creates the endpoint.
    /// - Parameters:
    ///   - token: The bot's auth token: the HMAC key of every callback.
    ///   - welcome: The answer to `conversation_started`; nil answers with an empty body (no welcome).
    public init(channelID: ChannelID, token: String, welcome: ViberMessageBody?, sink: any InboundSink, logger: Logger) {
        self.token = token
        self.mapper = ViberCallbackMapper(channelID: channelID, token: token)
        self.welcome = welcome
        self.sink = sink
        self.logger = logger
    }

    public func handle(_ request: WebhookRequest) async -> WebhookResponse {
        guard let presented = request.headers[Self.signatureHeader] else {
            logger.notice("viber callback without signature refused", metadata: ["channel": "\(mapper.channelID)"])
            return .error(401, code: "missing_signature", message: "The X-Viber-Content-Signature header is missing.")
        }
        guard ViberSignature.isValid(presented, body: request.body, token: token) else {
            logger.notice("viber callback with a wrong signature refused", metadata: ["channel": "\(mapper.channelID)"])
            return .error(403, code: "forged", message: "The signature does not match the body.")
        }
        guard let action = mapper.map(request.body, receivedAt: Date()) else {
            return .error(400, code: "invalid_json", message: "The body is not a JSON object with an event.")
        }
        switch action {
        case .handshake:
            return .ok(Data())
        case .ingest(let event, let answersWelcome):
            do {
                _ = try await sink.ingest(event)
            } catch {
                logger.error("viber callback not committed", metadata: ["channel": "\(mapper.channelID)", "error": "\(error)"])
                return .error(500, code: "not_committed", message: "The callback could not be stored; Viber will retry.")
            }
            // A redelivered conversation_started gets the welcome again: Viber never saw the first answer.
            guard answersWelcome, let welcome, let body = try? welcome.encoded() else { return .ok(Data()) }
            return .ok(body)
        }
    }
}
