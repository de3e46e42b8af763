public import Foundation

/// An automatic message about to be stored: bot-authored, sent through the outbox like every reply.
public struct BotMessageDraft: Sendable, Equatable {
    public var conversationID: ConversationID
    /// What caused it, unique per conversation (`welcome`, `greeting:3`, `feedback:asked_score`):
    /// a trigger already used sends nothing, so no automatic message goes out twice.
    public var trigger: String
    public var text: String
    public var buttons: [ReplyButton]

    /// Creates a draft.
    public init(conversationID: ConversationID, trigger: String, text: String, buttons: [ReplyButton] = []) {
        self.conversationID = conversationID
        self.trigger = trigger
        self.text = text
        self.buttons = buttons
    }
}

/// A timer kept in the database, so a restart does not lose it. One timer per key.
public struct ScheduledTimer: Sendable, Equatable {
    /// What the timer does when it fires.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Close the conversation when the client has been idle long enough.
        case autoClose = "auto_close"
    }

    public var key: String
    public var kind: Kind
    public var conversationID: ConversationID
    public var dueAt: Date

    /// Creates a timer.
    public init(key: String, kind: Kind, conversationID: ConversationID, dueAt: Date) {
        self.key = key
        self.kind = kind
        self.conversationID = conversationID
        self.dueAt = dueAt
    }

    /// The auto-close timer of a conversation (one per conversation; rescheduling replaces it).
    public static func autoClose(_ conversationID: ConversationID, dueAt: Date) -> ScheduledTimer {
        ScheduledTimer(key: "auto_close:\(conversationID)", kind: .autoClose, conversationID: conversationID, dueAt: dueAt)
    }
}

/// An admin's override of one automatic text.
public struct AutomationTextOverride: Sendable, Codable, Equatable {
    /// nil for the global text.
    public var channelID: ChannelID?
    public var kind: AutomationText
    public var language: AutomationLanguage
    public var text: String

    /// Creates an override.
    public init(channelID: ChannelID?, kind: AutomationText, language: AutomationLanguage, text: String) {
        self.channelID = channelID
        self.kind = kind
        self.language = language
        self.text = text
    }
}

/// What a client's pressed button is about, as the `button.pressed` event's payload.
public struct ButtonPressPayload: Sendable, Codable, Equatable {
    public var conversationID: ConversationID?
    public var action: String
    /// Whether the press changed anything (false for a stale keyboard).
    public var applied: Bool

    /// Creates a payload.
    public init(conversationID: ConversationID?, action: String, applied: Bool) {
        self.conversationID = conversationID
        self.action = action
        self.applied = applied
    }
}

/// Persistence of the automation: settings, texts, sent-once messages, timers and feedback.
public protocol AutomationStore: Sendable {
    /// The settings a scope changes (nil channel: the global settings); nil when it changes nothing.
    func automationSettingsPatch(channel: ChannelID?) async throws -> AutomationSettingsPatch?
    /// Replaces the settings of a scope.
    /// - Throws: `StoreError.notFound` for an unknown channel.
    func saveAutomationSettingsPatch(_ patch: AutomationSettingsPatch, channel: ChannelID?, at now: Date) async throws
    /// Admins' text overrides of a scope (nil: global).
    func automationTextOverrides(channel: ChannelID?) async throws -> [AutomationTextOverride]
    /// Sets (or with nil text, removes) one override.
    /// - Throws: `StoreError.notFound` for an unknown channel.
    func saveAutomationText(_ text: String?, kind: AutomationText, language: AutomationLanguage, channel: ChannelID?) async throws

    /// The last event seq the automation has handled.
    func automationCursor() async throws -> Int64
    /// Remembers the last handled event seq.
    func saveAutomationCursor(_ seq: Int64) async throws

    /// Stores a bot message as `queued` with its outbox row, unless its trigger was used before.
    /// - Returns: nil when the trigger was used (nothing stored).
    func enqueueBotMessage(_ draft: BotMessageDraft, at now: Date) async throws -> EnqueuedReply?
    /// How many unassigned, unresolved conversations of the same department opened before this one, plus one;
    /// nil when the conversation is assigned or resolved.
    func queuePosition(of conversationID: ConversationID) async throws -> Int?
    /// The departments to offer when the conversation waits for the client to pick one; empty otherwise.
    func departmentChoices(_ conversationID: ConversationID) async throws -> [Department]
    /// When the client asked for a human in this conversation; nil when they have not.
    func escalatedAt(_ conversationID: ConversationID) async throws -> Date?
    /// The display name of an operator.
    func operatorName(_ id: OperatorID) async throws -> String?

    /// Resolves an idle conversation with its farewell: only when it is open or pending, nobody waits
    /// for an operator's reply (or it is pending), and its last message is not after `idleSince`.
    /// - Parameter reopens: whether the client's next message reopens it (else it opens a new conversation).
    /// - Returns: the appended events, or nil when the conversation is not idle.
    func autoClose(
        _ conversationID: ConversationID,
        idleSince: Date,
        reopens: Bool,
        farewell: BotMessageDraft?,
        at now: Date
    ) async throws
        -> [Event]?
    /// Whether the automation closed this conversation last time it was resolved.
    func wasAutoClosed(_ conversationID: ConversationID) async throws -> Bool

    /// Starts the feedback questions (stage `askedResolved`), at most once per conversation.
    /// - Returns: the appended `conversation.feedback` event, or nothing when it was asked before.
    func startFeedback(_ conversationID: ConversationID, at now: Date) async throws -> [Event]
    /// The feedback of a conversation, if it was asked.
    func feedback(_ conversationID: ConversationID) async throws -> ConversationFeedback?

    // MARK: Durable timers (what the scheduler needs)

    /// Creates the timer or moves an existing timer with the same key to the new due time.
    func scheduleTimer(_ timer: ScheduledTimer) async throws
    /// Removes a timer; nothing happens when there is none.
    func cancelTimer(key: String) async throws
    /// Timers due at `now`, earliest first.
    func dueTimers(at now: Date, limit: Int) async throws -> [ScheduledTimer]
    /// The earliest due time, nil when there is no timer.
    func nextTimerDue() async throws -> Date?
    /// Removes a fired timer unless it was rescheduled meanwhile (its due time changed).
    func completeTimer(_ timer: ScheduledTimer) async throws
}
