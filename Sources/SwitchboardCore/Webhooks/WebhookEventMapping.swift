import Foundation

/// Which log events become webhook events, and with what payload. Events of other kinds, and
/// changes a receiver has no name for (a release of an assignment, a note), give nothing.
public enum WebhookEventMapping {
    /// The webhook body of an event, or nil when it is not one of the published types.
    public static func body(for event: Event) -> WebhookBody? {
        let decoder = EventPayloadCoding.decoder()
        let payload = Data(event.payload.utf8)
        var data = WebhookEventData(conversationID: event.conversationID?.rawValue, contactID: event.contactID?.rawValue)
        let type: WebhookEventType
        switch event.kind {
        case .conversationOpened:
            guard let conversation = try? decoder.decode(Conversation.self, from: payload) else { return nil }
            type = .conversationOpened
            data.channelID = conversation.channelID.rawValue
            data.departmentID = conversation.departmentID?.rawValue
        case .conversationAssigned:
            guard let change = try? decoder.decode(AssignmentPayload.self, from: payload), let to = change.to else { return nil }
            type = .conversationAssigned
            data.operatorID = to.rawValue
            data.previousOperatorID = change.from?.rawValue
            data.departmentID = change.departmentID?.rawValue
        case .conversationStatusChanged:
            guard let change = try? decoder.decode(StatusChangePayload.self, from: payload) else { return nil }
            if change.to == .resolved {
                type = .conversationResolved
            } else if change.reopened {
                type = .conversationReopened
            } else {
                return nil
            }
        case .messageCreated:
            // A held message (banned or flooding client) notifies no one, outside systems included.
            guard let message = try? decoder.decode(Message.self, from: payload), message.hold == nil else { return nil }
            switch message.direction {
            case .inbound: type = .messageIn
            case .outbound: type = .messageOut
            case .internalNote: return nil
            }
            data.messageID = message.id.rawValue
            data.text = message.text
            data.author = message.author.kind
            if case .operator(let id) = message.author { data.operatorID = id.rawValue }
            data.attachmentCount = message.attachments.count
        case .messageDelivery:
            guard let delivery = try? decoder.decode(DeliveryPayload.self, from: payload), delivery.state == .failed else { return nil }
            type = .deliveryFailed
            data.messageID = delivery.messageID.rawValue
            data.reason = delivery.reason
        case .conversationFeedback:
            guard let feedback = try? decoder.decode(ConversationFeedback.self, from: payload), feedback.stage == .done else { return nil }
            type = .feedbackGiven
            data.resolved = feedback.resolved
            data.score = feedback.score
            data.comment = feedback.comment
        case .contactMerged:
            guard let merge = try? decoder.decode(MergePayload.self, from: payload) else { return nil }
            type = .contactMerged
            data.contactID = merge.targetID.rawValue
            data.mergedContactID = merge.sourceID.rawValue
        default:
            return nil
        }
        return WebhookBody(seq: event.seq, type: type, occurredAt: event.occurredAt, data: data)
    }
}
