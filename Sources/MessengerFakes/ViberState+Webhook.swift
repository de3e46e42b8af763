import Foundation

extension ViberState {
    /// set_webhook: validates, performs the `webhook` handshake, and only then replaces the webhook.
    func setWebhook(token: String, body: [String: Any]) async throws(Rejection) -> [String: Any] {
        guard let urlValue = body["url"] else { throw Rejection(.missingData, "url is missing") }
        guard let urlText = urlValue as? String else { throw Rejection(.badData, "url must be a string") }
        if urlText.isEmpty {
            bots[token]?.webhook = nil
            return [:]
        }
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false,
            scheme == "https" || (scheme == "http" && config.allowInsecureWebhooks)
        else { throw Rejection(.invalidUrl, "invalidUrl: an https URL with a trusted certificate is required") }
        let eventTypes = try Self.eventTypes(body["event_types"])
        let webhook = ViberBotState.Webhook(
            url: url,
            eventTypes: eventTypes,
            sendName: body["send_name"] as? Bool ?? true,
            sendPhoto: body["send_photo"] as? Bool ?? true
        )
        let messageToken = issueMessageToken()
        let callback = JSON.encode(envelope(event: "webhook", messageToken: messageToken))
        let result = await post(token: token, url: url, event: "webhook", messageToken: messageToken, body: callback, maxAttempts: 1)
        guard result.status == 200 else {
            let answer = result.status.map { "HTTP \($0)" } ?? "no answer"
            throw Rejection(.invalidUrl, "Failed to set webhook: the webhook answered the verification callback with \(answer)")
        }
        bots[token]?.webhook = webhook
        return ["event_types": eventTypes ?? ViberBotState.allEventTypes.filter { $0 != "message" }]
    }

    private static func eventTypes(_ value: Any?) throws(Rejection) -> [String]? {
        guard let value, !(value is NSNull) else { return nil }
        guard let types = value as? [String], types.allSatisfy(ViberBotState.allEventTypes.contains) else {
            throw Rejection(.badData, "event_types must list only \(ViberBotState.allEventTypes.joined(separator: ", "))")
        }
        return ViberBotState.allEventTypes.filter(types.contains)
    }

    /// The fields every callback carries.
    func envelope(event: String, messageToken: Int64?) -> [String: Any] {
        var object: [String: Any] = ["event": event, "timestamp": timestamp, "chat_hostname": config.chatHostname]
        object["message_token"] = messageToken
        return object
    }
}
