import Foundation
import SwitchboardCore
import Testing

/// Client feedback asked in the messenger, and supervisors' reviews of resolved conversations.
@Suite struct FeedbackReviewContractTests {
    @Test(arguments: StoreFactory.all)
    func feedbackIsAskedAtMostOncePerConversation(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            #expect(try await desk.store.feedback(id) == nil)

            let first = try await desk.store.startFeedback(id, at: desk.at(10))
            let second = try await desk.store.startFeedback(id, at: desk.at(20))

            #expect(first.map(\.kind) == [.conversationFeedback])
            #expect(second.isEmpty)
            #expect(
                try await desk.store.feedback(id)
                    == ConversationFeedback(conversationID: id, stage: .askedResolved, askedAt: desk.at(10), updatedAt: desk.at(10))
            )
            await expectStoreError(.notFound) { try await desk.store.startFeedback(ConversationID(9_999), at: desk.at(30)) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func buttonsAndACommentCompleteTheFeedbackWithoutReopening(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.transition(id, .resolve, at: desk.at(5))
            _ = try await desk.store.startFeedback(id, at: desk.at(10))

            let resolved = try await desk.ingestNew(desk.event(.buttonPress(action: FeedbackFlow.resolvedAction(false)), at: desk.at(11)))
            _ = try await desk.ingestNew(desk.event(.buttonPress(action: FeedbackFlow.scoreAction(2)), at: desk.at(12)))
            #expect(try await desk.store.feedback(id)?.stage == .askedComment)
            try await desk.clientWrites("  answers were slow ", at: desk.at(13))

            #expect(resolved.events.map(\.kind) == [.conversationFeedback, .buttonPressed])
            let feedback = try #require(try await desk.store.feedback(id))
            #expect(feedback.stage == .done)
            #expect(feedback.resolved == false)
            #expect(feedback.score == 2)
            #expect(feedback.comment == "answers were slow")
            #expect(feedback.updatedAt == desk.at(13))
            #expect(try await desk.conversationValue(id).status == .resolved)
            #expect(try await desk.texts(id) == ["hello from u-1"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aTextInsteadOfAButtonSkipsTheFeedbackAndIsAnOrdinaryMessage(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.startFeedback(id, at: desk.at(10))

            try await desk.clientWrites("actually one more question", at: desk.at(11))

            #expect(try await desk.store.feedback(id)?.stage == .skipped)
            #expect(try await desk.texts(id) == ["hello from u-1", "actually one more question"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func onlyAResolvedConversationCanBeReviewedAndAReviewIsReplaced(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let supervisor = try await desk.makeOperator("sofia", role: .supervisor)
            let id = try await desk.conversation(at: desk.at(0))
            _ = try await desk.store.assign(id, to: desk.agent.id, by: desk.agent.id, note: nil, at: desk.at(1))
            await #expect(throws: ReviewError.notResolved) {
                try await desk.store.saveReview(conversationID: id, reviewerID: supervisor.id, score: 4, comment: "", at: desk.at(2))
            }
            await #expect(throws: ReviewError.conversationNotFound) {
                try await desk.store.saveReview(
                    conversationID: ConversationID(9_999),
                    reviewerID: supervisor.id,
                    score: 4,
                    comment: "",
                    at: desk.at(2)
                )
            }
            _ = try await desk.store.transition(id, .resolve, at: desk.at(3))

            _ = try await desk.store.saveReview(conversationID: id, reviewerID: supervisor.id, score: 4, comment: "ok", at: desk.at(4))
            let review = try await desk.store.saveReview(conversationID: id, reviewerID: supervisor.id, score: 5, comment: "great", at: desk.at(5))

            #expect(
                review
                    == Review(
                        conversationID: id,
                        reviewerID: supervisor.id,
                        reviewerName: "Sofia",
                        operatorID: desk.agent.id,
                        score: 5,
                        comment: "great",
                        reviewedAt: desk.at(5)
                    )
            )
            #expect(try await desk.store.review(of: id) == review)
            #expect(try await desk.store.reviews(operatorID: desk.agent.id, start: desk.at(0), end: desk.at(10)) == [review])
            #expect(try await desk.store.reviews(operatorID: nil, start: desk.at(6), end: desk.at(10)).isEmpty)
            #expect(try await desk.store.handled(id, by: desk.agent.id))
            #expect(try await desk.store.handled(id, by: supervisor.id) == false)
        }
    }

    @Test(arguments: StoreFactory.all)
    func theReviewSampleHoldsResolvedUnreviewedConversationsOfTheRange(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let supervisor = try await desk.makeOperator("sofia", role: .supervisor)
            var resolved: [ConversationID] = []
            for index in 0..<4 {
                let id = try await desk.conversation(from: "c\(index)", at: desk.at(0))
                try await desk.reply("answer", in: id, at: desk.at(1))
                _ = try await desk.store.transition(id, .resolve, at: desk.at(Double(10 + index)))
                resolved.append(id)
            }
            let open = try await desk.conversation(from: "open", at: desk.at(0))
            _ = try await desk.store.saveReview(conversationID: resolved[0], reviewerID: supervisor.id, score: 3, comment: "", at: desk.at(20))

            let sample = try await desk.store.reviewSample(
                start: desk.at(11),
                end: desk.at(13),
                size: 10,
                operatorID: nil,
                departmentID: nil,
                seed: 7
            )
            let all = try await desk.store.reviewSample(start: desk.at(0), end: desk.at(100), size: 10, operatorID: nil, departmentID: nil, seed: 7)
            let small = try await desk.store.reviewSample(start: desk.at(0), end: desk.at(100), size: 2, operatorID: nil, departmentID: nil, seed: 7)

            #expect(Set(sample.map(\.conversationID)) == [resolved[1], resolved[2]])
            #expect(Set(all.map(\.conversationID)) == Set(resolved.dropFirst()))
            #expect(!all.map(\.conversationID).contains(open))
            #expect(small.count == 2)
            let candidate = try #require(all.first { $0.conversationID == resolved[1] })
            #expect(candidate.messageCount == 2)
            #expect(candidate.resolvedAt == desk.at(11))
            #expect(candidate.contactName == "Client c1")
        }
    }
}
