public import Foundation
public import SwitchboardCore

/// Builders for inbound events, so tests read as a story.
public enum InboundEvents {
    /// A text message from a client.
    public static func text(
        _ text: String,
        channel: ChannelID,
        from user: String = "u-1",
        name: String = "Olena",
        delivery: String? = nil,
        messageID: String? = nil,
        at date: Date = Date(timeIntervalSince1970: 1_800_000_000),
        context: String? = nil
    ) -> InboundEvent {
        let key = delivery ?? UUID().uuidString
        return InboundEvent(
            channelID: channel,
            deliveryKey: key,
            sender: SenderProfile(externalID: user, displayName: name, language: "uk"),
            occurredAt: date,
            payload: .message(externalMessageID: messageID ?? "m-\(key)", text: text, attachments: [], contextKey: context)
        )
    }

    /// Any payload from a client.
    public static func event(
        _ payload: InboundEvent.Payload,
        channel: ChannelID,
        from user: String = "u-1",
        delivery: String? = nil,
        at date: Date = Date(timeIntervalSince1970: 1_800_000_000)
    ) -> InboundEvent {
        InboundEvent(
            channelID: channel,
            deliveryKey: delivery ?? UUID().uuidString,
            sender: SenderProfile(externalID: user, displayName: "Olena"),
            occurredAt: date,
            payload: payload
        )
    }
}
