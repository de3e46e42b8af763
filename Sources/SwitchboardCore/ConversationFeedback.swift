public import Foundation

/// The client's in-messenger feedback on one conversation, asked once after an operator resolves it.
public struct ConversationFeedback: Sendable, Codable, Equatable {
    /// Where the questions stand.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        /// "Was your question resolved?" is on screen.
        case askedResolved = "asked_resolved"
        /// "Rate us from 1 to 5" is on screen.
        case askedScore = "asked_score"
        /// "What went wrong?" is on screen; the client's next text is the comment.
        case askedComment = "asked_comment"
        /// All answered.
        case done
        /// The client wrote something else instead of answering.
        case skipped

        /// Whether the client may still answer.
        public var isWaiting: Bool { self == .askedResolved || self == .askedScore || self == .askedComment }
    }

    public var conversationID: ConversationID
    public var stage: Stage
    public var resolved: Bool?
    /// 1 to 5.
    public var score: Int?
    public var comment: String?
    public var askedAt: Date
    public var updatedAt: Date

    /// Creates a value.
    public init(
        conversationID: ConversationID,
        stage: Stage,
        resolved: Bool? = nil,
        score: Int? = nil,
        comment: String? = nil,
        askedAt: Date,
        updatedAt: Date
    ) {
        self.conversationID = conversationID
        self.stage = stage
        self.resolved = resolved
        self.score = score
        self.comment = comment
        self.askedAt = askedAt
        self.updatedAt = updatedAt
    }
}

/// The pure rules of the feedback questions: which answer moves which stage.
public enum FeedbackFlow {
    /// Scores below this ask "what went wrong?".
    public static let commentBelowScore = 3

    /// What a client's free text does to the feedback.
    public enum TextOutcome: Equatable, Sendable {
        /// Not about the feedback: store the text as a normal message.
        case notFeedback
        /// The client wrote instead of answering: the feedback is skipped and the text is a normal message.
        case skipped(ConversationFeedback)
        /// The text is the feedback comment and is not a message.
        case captured(ConversationFeedback)
    }

    /// The action of a button: `fb:resolved:yes`, `fb:resolved:no`, `fb:score:1` … `fb:score:5`.
    public static func resolvedAction(_ resolved: Bool) -> String { "fb:resolved:\(resolved ? "yes" : "no")" }

    /// See ``resolvedAction(_:)``.
    public static func scoreAction(_ score: Int) -> String { "fb:score:\(score)" }

    /// Applies a pressed button; nil when the button does not fit the current stage (a stale keyboard).
    public static func press(_ action: String, on feedback: ConversationFeedback, at now: Date) -> ConversationFeedback? {
        var next = feedback
        next.updatedAt = now
        switch feedback.stage {
        case .askedResolved where action == resolvedAction(true) || action == resolvedAction(false):
            next.resolved = action == resolvedAction(true)
            next.stage = .askedScore
        case .askedScore:
            guard let score = (1...5).first(where: { scoreAction($0) == action }) else { return nil }
            next.score = score
            next.stage = score < commentBelowScore ? .askedComment : .done
        default:
            return nil
        }
        return next
    }

    /// Applies a client's free text.
    public static func text(_ text: String, on feedback: ConversationFeedback?, at now: Date) -> TextOutcome {
        guard var next = feedback, next.stage.isWaiting else { return .notFeedback }
        next.updatedAt = now
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if next.stage == .askedComment, !trimmed.isEmpty {
            next.comment = trimmed
            next.stage = .done
            return .captured(next)
        }
        next.stage = .skipped
        return .skipped(next)
    }
}

extension ConversationFeedback {
    /// The survey a resolution starts, "was your question resolved?" asked now, with its event.
    public static func started(_ conversation: Conversation, at now: Date) -> (feedback: ConversationFeedback, event: EventDraft) {
        let feedback = ConversationFeedback(conversationID: conversation.id, stage: .askedResolved, askedAt: now, updatedAt: now)
        let event = EventDraft(
            .conversationFeedback,
            at: now,
            contact: conversation.contactID,
            conversation: conversation.id,
            payload: .feedback(feedback)
        )
        return (feedback, event)
    }
}
