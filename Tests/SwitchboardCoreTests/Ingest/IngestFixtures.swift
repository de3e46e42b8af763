import Foundation
import SwitchboardCore

/// Values the ingest decision tests build on: one Telegram channel, a returning client and the next ids.
enum IngestFixtures {
    static let channel = ChannelID(1)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let ids = ReservedIDs(contact: ContactID(50), identity: IdentityID(60), conversation: ConversationID(70), message: MessageID(80))
    static let identity = Identity(id: IdentityID(6), contactID: ContactID(5), channelID: channel, externalID: "42", profileName: "Olena")

    static func event(
        _ payload: InboundEvent.Payload,
        sender: SenderProfile = SenderProfile(externalID: "42", displayName: "Olena"),
        at date: Date = now
    )
        -> InboundEvent
    {
        InboundEvent(channelID: channel, deliveryKey: "k-\(date.timeIntervalSince1970)", sender: sender, occurredAt: date, payload: payload)
    }

    static func message(_ text: String, id: String = "m1", context: String? = nil) -> InboundEvent.Payload {
        .message(externalMessageID: id, text: text, attachments: [], contextKey: context)
    }

    static func conversation(
        _ status: ConversationStatus,
        holder: OperatorID? = nil,
        department: DepartmentID? = nil,
        resolvedAt: Date? = nil,
        context: String? = nil
    ) -> Conversation {
        Conversation(
            id: ConversationID(7),
            contactID: identity.contactID,
            channelID: channel,
            identityID: identity.id,
            status: status,
            assigneeID: holder,
            departmentID: department,
            contextKey: context,
            openedAt: now.addingTimeInterval(-3600),
            resolvedAt: resolvedAt,
            lastMessageAt: now.addingTimeInterval(-600)
        )
    }

    static func snapshot(
        returning: Bool = true,
        latest: LatestConversation? = nil,
        channel ingestChannel: IngestChannel = IngestChannel(id: channel),
        configure: (inout IngestSnapshot) -> Void = { _ in }
    ) -> IngestSnapshot {
        var snapshot = IngestSnapshot(
            channel: ingestChannel,
            identity: returning ? IdentityRow(identity: identity) : nil,
            latest: latest,
            nextIDs: ids
        )
        configure(&snapshot)
        return snapshot
    }

    static func decide(_ event: InboundEvent, _ snapshot: IngestSnapshot, reopenWindow: TimeInterval = 7 * 24 * 3600) -> IngestPlan {
        IngestDecision.decide(event, snapshot, InboundTextAnalysis(event, escalation: .defaults), reopenWindow: reopenWindow)
    }
}

extension IngestPlan {
    var eventKinds: [EventKind] { events.map(\.kind) }
}
