public import Foundation

/// A supervisor's review of a resolved conversation: a score and a comment the operator reads.
public struct Review: Sendable, Equatable {
    public var conversationID: ConversationID
    public var reviewerID: OperatorID
    public var reviewerName: String
    /// Who held the conversation when it was reviewed.
    public var operatorID: OperatorID?
    /// 1 to 5.
    public var score: Int
    public var comment: String
    public var reviewedAt: Date

    /// Creates a review.
    public init(
        conversationID: ConversationID,
        reviewerID: OperatorID,
        reviewerName: String,
        operatorID: OperatorID?,
        score: Int,
        comment: String,
        reviewedAt: Date
    ) {
        self.conversationID = conversationID
        self.reviewerID = reviewerID
        self.reviewerName = reviewerName
        self.operatorID = operatorID
        self.score = score
        self.comment = comment
        self.reviewedAt = reviewedAt
    }

    /// Longest comment accepted.
    public static let maxCommentLength = 2000
    /// Scores accepted.
    public static let scores = 1...5
    /// Sample sizes accepted.
    public static let sampleSizes = 1...50
}

/// A resolved conversation offered for review.
public struct ReviewCandidate: Sendable, Equatable {
    public var conversationID: ConversationID
    public var contactName: String
    public var channelID: ChannelID
    public var operatorID: OperatorID?
    public var operatorName: String?
    public var openedAt: Date
    public var resolvedAt: Date
    /// Messages between the client and the desk (notes not counted).
    public var messageCount: Int

    /// Creates a candidate.
    public init(
        conversationID: ConversationID,
        contactName: String,
        channelID: ChannelID,
        operatorID: OperatorID?,
        operatorName: String?,
        openedAt: Date,
        resolvedAt: Date,
        messageCount: Int
    ) {
        self.conversationID = conversationID
        self.contactName = contactName
        self.channelID = channelID
        self.operatorID = operatorID
        self.operatorName = operatorName
        self.openedAt = openedAt
        self.resolvedAt = resolvedAt
        self.messageCount = messageCount
    }
}

/// Why a review could not be saved.
public enum ReviewError: Error, Equatable, Sendable {
    case conversationNotFound
    /// Only resolved conversations are reviewed.
    case notResolved
}
extension Review {
    /// Refuses a review of a conversation that is not resolved.
    public static func check(_ status: ConversationStatus) throws(ReviewError) {
        guard status == .resolved else { throw .notResolved }
    }
}
