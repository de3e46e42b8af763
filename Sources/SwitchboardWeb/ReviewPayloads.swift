import Foundation
import SwitchboardCore

/// JSON bodies of the review routes (times ISO 8601 with offset; missing ids are `null`).
enum ReviewPayloads {
    struct Item: Encodable {
        let conversationId: Int64
        let reviewerId: Int64
        let reviewerName: String
        let operatorId: Int64?
        let score: Int
        let comment: String
        let reviewedAt: String

        init(_ review: Review, calendar: ReportCalendar) {
            conversationId = review.conversationID.rawValue
            reviewerId = review.reviewerID.rawValue
            reviewerName = review.reviewerName
            operatorId = review.operatorID?.rawValue
            score = review.score
            comment = review.comment
            reviewedAt = calendar.iso(review.reviewedAt.timeIntervalSince1970)
        }

        private enum CodingKeys: String, CodingKey {
            case conversationId, reviewerId, reviewerName, operatorId, score, comment, reviewedAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(conversationId, forKey: .conversationId)
            try container.encode(reviewerId, forKey: .reviewerId)
            try container.encode(reviewerName, forKey: .reviewerName)
            try container.encode(operatorId, forKey: .operatorId)
            try container.encode(score, forKey: .score)
            try container.encode(comment, forKey: .comment)
            try container.encode(reviewedAt, forKey: .reviewedAt)
        }
    }

    struct Items: Encodable {
        let items: [Item]
    }

    struct Candidate: Encodable {
        let conversationId: Int64
        let contactName: String
        let channelId: Int64
        let operatorId: Int64?
        let operatorName: String?
        let openedAt: String
        let resolvedAt: String
        let messageCount: Int

        init(_ candidate: ReviewCandidate, calendar: ReportCalendar) {
            conversationId = candidate.conversationID.rawValue
            contactName = candidate.contactName
            channelId = candidate.channelID.rawValue
            operatorId = candidate.operatorID?.rawValue
            operatorName = candidate.operatorName
            openedAt = calendar.iso(candidate.openedAt.timeIntervalSince1970)
            resolvedAt = calendar.iso(candidate.resolvedAt.timeIntervalSince1970)
            messageCount = candidate.messageCount
        }

        private enum CodingKeys: String, CodingKey {
            case conversationId, contactName, channelId, operatorId, operatorName, openedAt, resolvedAt, messageCount
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(conversationId, forKey: .conversationId)
            try container.encode(contactName, forKey: .contactName)
            try container.encode(channelId, forKey: .channelId)
            try container.encode(operatorId, forKey: .operatorId)
            try container.encode(operatorName, forKey: .operatorName)
            try container.encode(openedAt, forKey: .openedAt)
            try container.encode(resolvedAt, forKey: .resolvedAt)
            try container.encode(messageCount, forKey: .messageCount)
        }
    }

    struct Candidates: Encodable {
        let items: [Candidate]
    }
}
