public import Foundation

// The payload of each event kind, typed. The store encodes them once into the log's JSON; rules
// decide on these values, never on the JSON text.

/// Payload of `conversation.status_changed`.
public struct StatusChangePayload: Sendable, Codable, Equatable {
    public var conversationID: ConversationID
    public var from: ConversationStatus
    public var to: ConversationStatus
    /// The change took a resolved conversation back to open.
    public var reopened: Bool

    public init(conversationID: ConversationID, from: ConversationStatus, to: ConversationStatus, reopened: Bool) {
        self.conversationID = conversationID
        self.from = from
        self.to = to
        self.reopened = reopened
    }
}

/// Payload of `message.delivery`: enough for the inbox to redraw the message's ticks.
public struct DeliveryPayload: Sendable, Codable, Equatable {
    public var messageID: MessageID
    public var conversationID: ConversationID
    public var state: DeliveryState
    public var reason: String?
    public var nextAttemptAt: Date?

    public init(messageID: MessageID, conversationID: ConversationID, state: DeliveryState, reason: String? = nil, nextAttemptAt: Date? = nil) {
        self.messageID = messageID
        self.conversationID = conversationID
        self.state = state
        self.reason = reason
        self.nextAttemptAt = nextAttemptAt
    }
}

/// Payload of `conversation.escalated`: what automation needs to tell the client a human is coming.
public struct EscalationPayload: Sendable, Codable, Equatable {
    public var conversationID: ConversationID
    public var messageID: MessageID
    /// The listed word or phrase the client typed.
    public var trigger: String
    public var departmentID: DepartmentID?
    /// The client's language as the messenger reports it, for the automatic answer.
    public var language: String?

    public init(conversationID: ConversationID, messageID: MessageID, trigger: String, departmentID: DepartmentID?, language: String?) {
        self.conversationID = conversationID
        self.messageID = messageID
        self.trigger = trigger
        self.departmentID = departmentID
        self.language = language
    }
}

/// Payload of `conversation.assigned`, by an operator or by routing (then with a `reason`).
public struct AssignmentPayload: Sendable, Codable, Equatable {
    public var conversationID: ConversationID
    public var from: OperatorID?
    public var to: OperatorID?
    /// Nil when the system (the client's choice, routing) made the change.
    public var byOperatorID: OperatorID?
    public var note: String?
    /// Why routing chose the operator; nil for a manual change or a release.
    public var reason: AssignmentPolicy.Reason?
    public var departmentID: DepartmentID?

    public init(
        conversationID: ConversationID,
        from: OperatorID?,
        to: OperatorID?,
        byOperatorID: OperatorID? = nil,
        note: String? = nil,
        reason: AssignmentPolicy.Reason? = nil,
        departmentID: DepartmentID? = nil
    ) {
        self.conversationID = conversationID
        self.from = from
        self.to = to
        self.byOperatorID = byOperatorID
        self.note = note
        self.reason = reason
        self.departmentID = departmentID
    }
}

/// Payload of `conversation.department_changed`.
public struct DepartmentChangePayload: Sendable, Codable, Equatable {
    public var conversationID: ConversationID
    public var from: DepartmentID?
    public var to: DepartmentID
    public var byOperatorID: OperatorID?
    public var note: String?

    public init(conversationID: ConversationID, from: DepartmentID?, to: DepartmentID, byOperatorID: OperatorID? = nil, note: String? = nil) {
        self.conversationID = conversationID
        self.from = from
        self.to = to
        self.byOperatorID = byOperatorID
        self.note = note
    }
}

/// Payload of `operator.presence_changed`.
public struct PresencePayload: Sendable, Codable, Equatable {
    public var operatorID: OperatorID
    public var status: PresenceStatus
    public var previous: PresenceStatus
    public var reason: PresenceChangeReason

    public init(operatorID: OperatorID, status: PresenceStatus, previous: PresenceStatus, reason: PresenceChangeReason) {
        self.operatorID = operatorID
        self.status = status
        self.previous = previous
        self.reason = reason
    }
}

/// Payload of `operator.sessions_revoked`.
public struct SessionsRevokedPayload: Sendable, Codable, Equatable {
    public var operatorID: OperatorID

    public init(operatorID: OperatorID) {
        self.operatorID = operatorID
    }
}

/// Payload of `labels.changed`, for a contact's or a conversation's labels.
public struct LabelsPayload: Sendable, Codable, Equatable {
    public var contactID: ContactID?
    public var conversationID: ConversationID?
    public var labels: [String]

    public init(contactID: ContactID? = nil, conversationID: ConversationID? = nil, labels: [String]) {
        self.contactID = contactID
        self.conversationID = conversationID
        self.labels = labels
    }
}

/// Payload of `contact.merged` and `contact.unmerged`.
public struct MergePayload: Sendable, Codable, Equatable {
    public var mergeID: Int64
    public var targetID: ContactID
    public var sourceID: ContactID
    public var reason: MergeReason

    public init(mergeID: Int64, targetID: ContactID, sourceID: ContactID, reason: MergeReason) {
        self.mergeID = mergeID
        self.targetID = targetID
        self.sourceID = sourceID
        self.reason = reason
    }
}

extension LabelsPayload {
    /// A label set as it is stored and announced: each label once, in order.
    public static func normalized(_ labels: [String]) -> [String] {
        Array(Set(labels)).sorted()
    }
}
