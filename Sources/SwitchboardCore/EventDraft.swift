public import Foundation

/// What an event says, typed: one case per payload shape of the log.
public enum EventPayload: Sendable, Equatable, Encodable {
    case contact(Contact)
    case identity(Identity)
    case conversation(Conversation)
    case message(Message)
    case statusChange(StatusChangePayload)
    case delivery(DeliveryPayload)
    case escalation(EscalationPayload)
    case assignment(AssignmentPayload)
    case departmentChange(DepartmentChangePayload)
    case feedback(ConversationFeedback)
    case buttonPress(ButtonPressPayload)
    case presence(PresencePayload)
    case sessionsRevoked(SessionsRevokedPayload)
    case labels(LabelsPayload)
    case merge(MergePayload)
    case revision(MessageRevisionPayload)
    case revisionDelivery(RevisionDeliveryPayload)
    case floodMute(FloodMutePayload)

    /// Encodes the wrapped value itself, so the log's JSON is the payload's own shape.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .contact(let value): try value.encode(to: encoder)
        case .identity(let value): try value.encode(to: encoder)
        case .conversation(let value): try value.encode(to: encoder)
        case .message(let value): try value.encode(to: encoder)
        case .statusChange(let value): try value.encode(to: encoder)
        case .delivery(let value): try value.encode(to: encoder)
        case .escalation(let value): try value.encode(to: encoder)
        case .assignment(let value): try value.encode(to: encoder)
        case .departmentChange(let value): try value.encode(to: encoder)
        case .feedback(let value): try value.encode(to: encoder)
        case .buttonPress(let value): try value.encode(to: encoder)
        case .presence(let value): try value.encode(to: encoder)
        case .sessionsRevoked(let value): try value.encode(to: encoder)
        case .labels(let value): try value.encode(to: encoder)
        case .merge(let value): try value.encode(to: encoder)
        case .revision(let value): try value.encode(to: encoder)
        case .revisionDelivery(let value): try value.encode(to: encoder)
        case .floodMute(let value): try value.encode(to: encoder)
        }
    }
}

/// An event a decision wants appended; the store gives it its `seq` when it commits.
public struct EventDraft: Sendable, Equatable {
    public var kind: EventKind
    public var occurredAt: Date
    public var contactID: ContactID?
    public var conversationID: ConversationID?
    public var messageID: MessageID?
    public var payload: EventPayload

    public init(
        _ kind: EventKind,
        at occurredAt: Date,
        contact: ContactID? = nil,
        conversation: ConversationID? = nil,
        message: MessageID? = nil,
        payload: EventPayload
    ) {
        self.kind = kind
        self.occurredAt = occurredAt
        self.contactID = contact
        self.conversationID = conversation
        self.messageID = message
        self.payload = payload
    }
}

extension EventDraft {
    /// `conversation.status_changed` for a change the state machine allowed.
    public static func statusChanged(_ change: StatusChangePayload, contact: ContactID, at date: Date) -> EventDraft {
        EventDraft(.conversationStatusChanged, at: date, contact: contact, conversation: change.conversationID, payload: .statusChange(change))
    }

    /// `message.created` for a stored message.
    public static func messageCreated(_ message: Message, contact: ContactID) -> EventDraft {
        EventDraft(
            .messageCreated,
            at: message.createdAt,
            contact: contact,
            conversation: message.conversationID,
            message: message.id,
            payload: .message(message)
        )
    }

    /// `conversation.assigned` for an assignment change.
    public static func assigned(_ change: AssignmentPayload, contact: ContactID, at date: Date) -> EventDraft {
        EventDraft(.conversationAssigned, at: date, contact: contact, conversation: change.conversationID, payload: .assignment(change))
    }
}
