public import Foundation
public import SwitchboardCore

/// What one verified callback asks of the bridge.
public enum ViberCallbackAction: Sendable, Equatable {
    /// The `webhook` handshake of set_webhook: answer 200, store nothing.
    case handshake
    /// Commit the event; `answersWelcome` for `conversation_started`, whose answer body is the welcome message.
    case ingest(InboundEvent, answersWelcome: Bool)
}

/// Turns Viber callbacks into `InboundEvent`s: one case per event, nothing dropped.
///
/// Ids: the identity is the Viber user id; the delivery key is `event:message_token`, so a
/// redelivered callback is stored once; a client message's external id is its `message_token`,
/// the same text the adapter stores for what it sends, so receipts find our messages.
public struct ViberCallbackMapper: Sendable {
    /// The channel the events belong to.
    public let channelID: ChannelID
    let seal: ViberButtonSeal

    /// Creates a mapper.
    /// - Parameter token: The bot's auth token, which sealed the `ActionBody` of its buttons.
    public init(channelID: ChannelID, token: String) {
        self.channelID = channelID
        self.seal = ViberButtonSeal(token: token)
    }

    /// Maps the raw body of a verified callback.
    /// - Returns: nil when the body is not a JSON object with an `event`.
    public func map(_ body: Data, receivedAt: Date) -> ViberCallbackAction? {
        // The typed decode reads every callback of a known shape; only a body it cannot read is parsed
        // loosely, to tell an unknown shape (kept as unsupported) from what is not a callback at all.
        guard let callback = try? JSONDecoder().decode(ViberCallback.self, from: body) else {
            guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], let event = object["event"] as? String else {
                return nil
            }
            let raw = String(decoding: body, as: UTF8.self)
            return .ingest(unsupported(event, raw: raw, userID: Self.anyUserID(object), key: nil, at: receivedAt), answersWelcome: false)
        }
        let event = callback.event
        let at = callback.timestamp.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) } ?? receivedAt
        let key = "\(event):\(callback.messageToken ?? Self.digest(body))"
        func make(_ sender: SenderProfile, _ payload: InboundEvent.Payload) -> InboundEvent {
            InboundEvent(channelID: channelID, deliveryKey: key, sender: sender, occurredAt: at, payload: payload)
        }
        switch event {
        case "webhook":
            return .handshake
        case "message":
            guard let user = callback.sender, let message = callback.message, let content = ViberMessageContent(message) else { break }
            var sender = Self.profile(user)
            // A contact card is some contact's number; it is the sender's own only when it answers our share-phone request.
            if ViberTrackingData.answersPhoneRequest(message.trackingData) { sender.phone = content.phone }
            // A keyboard tap arrives as text whose body is the button's ActionBody; only a sealed one is a press,
            // so a client who types `sb:…` sends an ordinary message.
            if message.type == "text", content.attachments.isEmpty, let action = seal.action(fromActionBody: content.text) {
                return .ingest(make(sender, .buttonPress(action: action)), answersWelcome: false)
            }
            let payload = InboundEvent.Payload.message(
                externalMessageID: callback.messageToken ?? key,
                text: content.text,
                attachments: content.attachments,
                contextKey: nil
            )
            return .ingest(make(sender, payload), answersWelcome: false)
        case "conversation_started":
            guard let user = callback.user else { break }
            // Not a conversation yet: the store keeps the context until the client's first message.
            return .ingest(make(Self.profile(user), .opened(contextKey: callback.context)), answersWelcome: true)
        case "subscribed", "unsubscribed":
            guard let id = callback.user?.id ?? callback.userID else { break }
            let sender = callback.user.map(Self.profile) ?? SenderProfile(externalID: id, displayName: "")
            return .ingest(make(sender, .reachability(isReachable: event == "subscribed")), answersWelcome: false)
        case "delivered", "seen", "failed":
            guard let id = callback.userID, let token = callback.messageToken else { break }
            let state: DeliveryState = event == "delivered" ? .delivered : event == "seen" ? .seen : .failed
            let reason = event == "failed" ? (callback.desc ?? "Viber could not deliver the message") : nil
            let payload = InboundEvent.Payload.delivery(externalMessageID: token, state: state, reason: reason)
            return .ingest(make(SenderProfile(externalID: id, displayName: ""), payload), answersWelcome: false)
        default:
            break
        }
        let kind = callback.message.map { "\(event).\($0.type)" } ?? event
        let userID = callback.user?.id ?? callback.sender?.id ?? callback.userID
        return .ingest(unsupported(kind, raw: String(decoding: body, as: UTF8.self), userID: userID, key: key, at: at), answersWelcome: false)
    }

    /// Anything the bridge cannot map: stored with its raw JSON and shown to operators as such.
    func unsupported(_ kind: String, raw: String, userID: String?, key: String?, at: Date) -> InboundEvent {
        InboundEvent(
            channelID: channelID,
            deliveryKey: key ?? "\(kind):\(Self.digest(Data(raw.utf8)))",
            sender: SenderProfile(externalID: userID ?? "unknown", displayName: userID == nil ? "Viber" : ""),
            occurredAt: at,
            payload: .unsupported(kind: kind, rawJSON: raw)
        )
    }

    static func profile(_ user: ViberCallback.User) -> SenderProfile {
        SenderProfile(
            externalID: user.id,
            displayName: user.name ?? "",
            language: user.language,
            avatarURL: user.avatar,
            country: user.country
        )
    }

    /// The user id wherever this event kind puts it.
    static func anyUserID(_ object: [String: Any]) -> String? {
        for key in ["user", "sender"] {
            if let id = (object[key] as? [String: Any])?["id"] as? String { return id }
        }
        return object["user_id"] as? String
    }

    /// A stable key for a callback without `message_token`: FNV-1a of its bytes.
    static func digest(_ body: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
