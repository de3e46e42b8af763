public import SwitchboardCore

/// Sends operators' replies to Viber with the persona the client should see.
///
/// Every `send_message` carries `sender {name, avatar}` from `OutboundMessage.sender` (the assigned
/// operator, else the bot persona; Viber applies no default) and `tracking_data` = our message id
/// (marked when it asks for the client's phone, see ``ViberTrackingData``).
/// Text above 7000 characters is split; attachments go as `picture` (carrying a short text as its
/// caption), `video`, `file` or `url` messages. Viber fetches media itself, so operators' uploads go
/// out as signed, expiring links (``OutgoingFileLinks``) under `SWITCHBOARD_PUBLIC_URL`.
public struct ViberAdapter: ChannelAdapter {
    /// Viber's limit on a text message, in UTF-16 units.
    public static let textLimit = 7000

    let api: ViberBotAPI
    /// Public links to uploads; nil when `SWITCHBOARD_PUBLIC_URL` is not set.
    let links: OutgoingFileLinks?
    let onTokenRejected: @Sendable (String) async -> Void

    /// Creates an adapter.
    /// - Parameters:
    ///   - api: The bot's client.
    ///   - links: Publishes operators' uploads for Viber to fetch; nil when Switchboard has no public URL.
    ///   - onTokenRejected: Called with the reason when Viber refuses the token, so the channel is marked broken.
    public init(api: ViberBotAPI, links: OutgoingFileLinks? = nil, onTokenRejected: @escaping @Sendable (String) async -> Void = { _ in }) {
        self.api = api
        self.links = links
        self.onTokenRejected = onTokenRejected
    }

    public func send(_ message: OutboundMessage, resuming progress: DeliveryProgress) async throws -> DeliveryReceipt {
        let keyboard = message.requestsPhone ? .sharePhone : ViberKeyboard(replyButtons: message.buttons, seal: ViberButtonSeal(token: api.token))
        return try await send(message, keyboard: keyboard, resuming: progress)
    }

    /// Sends the parts of a message after those in `progress`, with `keyboard` under the last part (for example CSAT buttons).
    /// - Returns: The `message_token` of the last part: delivered/seen of the whole reply.
    /// - Throws: `PartialDeliveryFailure` when a part fails, `DeliveryFailure` for a reply Viber cannot take.
    public func send(
        _ message: OutboundMessage,
        keyboard: ViberKeyboard?,
        resuming progress: DeliveryProgress = .none
    ) async throws
        -> DeliveryReceipt
    {
        let bodies = try self.bodies(for: message, keyboard: keyboard)
        let tokens = try await PartwiseSend.run(partCount: bodies.count, resuming: progress) { index in
            String(try await perform(bodies[index]))
        }
        return DeliveryReceipt(externalMessageID: tokens.last)
    }

    /// The `send_message` bodies of one reply, in sending order.
    /// - Throws: `DeliveryFailure.permanent` for an attachment Viber cannot fetch or an empty reply.
    func bodies(for message: OutboundMessage, keyboard: ViberKeyboard?) throws -> [ViberMessageBody] {
        let sender = ViberMessageBody.Sender(name: message.sender.name, avatar: message.sender.avatarURL)
        let tracking = ViberTrackingData.make(messageID: message.messageID.rawValue, requestsPhone: message.requestsPhone)
        func body(_ type: String?) -> ViberMessageBody {
            ViberMessageBody(receiver: message.recipientExternalID, type: type, sender: sender, trackingData: tracking)
        }
        let media = ViberMediaBodies(links: links)
        var bodies: [ViberMessageBody] = []
        for attachment in message.attachments {
            bodies.append(try media.body(for: attachment, base: body))
        }
        if let first = bodies.first, first.type == "picture", ViberMediaBodies.fitsCaption(message.text) {
            bodies[0].text = message.text
        } else {
            let texts = ViberTextSplitter.split(message.text, limit: Self.textLimit).map { piece in
                var text = body("text")
                text.text = piece
                return text
            }
            bodies.insert(contentsOf: texts, at: 0)
        }
        if var last = bodies.popLast() {
            last.keyboard = keyboard
            bodies.append(last)
        } else if keyboard != nil {
            var keyboardOnly = body(nil)
            keyboardOnly.keyboard = keyboard
            bodies.append(keyboardOnly)
        } else {
            throw DeliveryFailure.permanent(reason: "the reply has no text and no attachment", recipientUnreachable: false)
        }
        return bodies.map { body in
            var body = body
            if body.keyboard != nil { body.minAPIVersion = ViberKeyboard.minAPIVersion }
            return body
        }
    }

    private func perform(_ body: ViberMessageBody) async throws -> Int64 {
        do {
            return try await api.sendMessage(body)
        } catch let error as ViberAPIError {
            if error.isTokenRejected { await onTokenRejected(error.description) }
            throw error.deliveryFailure
        }
    }
}
