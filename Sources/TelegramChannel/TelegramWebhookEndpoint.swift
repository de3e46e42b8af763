public import Foundation
public import Logging
public import SwitchboardCore

/// `POST /webhooks/telegram/{channel}`: checks the secret token, then processes the update.
///
/// The secret is compared in constant time before the body is even parsed; 200 is answered
/// only after the commit, and a failed commit answers 500 so Telegram redelivers.
public struct TelegramWebhookEndpoint: WebhookEndpoint {
    /// The header Telegram sends the `secret_token` of setWebhook in, lower-cased as the web layer hands it over.
    public static let secretHeader = "x-telegram-bot-api-secret-token"

    let secret: String
    let processor: TelegramUpdateProcessor
    let logger: Logger

    /// Creates the endpoint.
    /// - Parameter secret: The `secret_token` given to setWebhook.
    public init(secret: String, processor: TelegramUpdateProcessor, logger: Logger) {
        self.secret = secret
        self.processor = processor
        self.logger = logger
    }

    public func handle(_ request: WebhookRequest) async -> WebhookResponse {
        guard let presented = request.headers[Self.secretHeader] else {
            logger.notice("telegram webhook without secret token refused")
            return .error(401, code: "missing_secret", message: "The X-Telegram-Bot-Api-Secret-Token header is missing.")
        }
        guard ConstantTime.equals(presented, secret) else {
            logger.notice("telegram webhook with a wrong secret token refused")
            return .error(403, code: "forged", message: "The secret token does not match.")
        }
        guard let update = try? JSONDecoder().decode(JSONValue.self, from: request.body), case .object = update else {
            return .error(400, code: "invalid_json", message: "The body is not a JSON object.")
        }
        guard update["update_id"]?.intValue != nil else {
            return .error(400, code: "invalid_update", message: "The update has no update_id.")
        }
        do {
            try await processor.process(update)
            return .ok()
        } catch {
            logger.error("telegram webhook update not committed", metadata: ["error": "\(error)"])
            return .error(500, code: "not_committed", message: "The update could not be stored; Telegram will retry.")
        }
    }
}

/// Comparison whose duration does not depend on where two secrets first differ.
enum ConstantTime {
    /// True when both strings have the same UTF-8 bytes.
    static func equals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        difference |= left.count == right.count ? 0 : 1
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
