import Foundation
import SwitchboardCore
import Testing

@Suite struct DeliveryDecisionTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func outbound(_ state: DeliveryState?) -> Message {
        Message(
            id: MessageID(9),
            conversationID: ConversationID(7),
            direction: .outbound,
            author: .operator(OperatorID(1)),
            text: "hi",
            deliveryState: state,
            createdAt: now
        )
    }

    static func decide(
        _ report: DeliveryReport,
        _ state: DeliveryState?,
        inOutbox: Bool = true,
        receipts: [EarlyReceipt] = []
    ) throws
        -> (changes: [DeliveryChange], events: [EventDraft])
    {
        try DeliveryDecision.decide(report, message: outbound(state), inOutbox: inOutbox, earlyReceipts: receipts, at: now)
    }

    static func states(_ events: [EventDraft]) -> [DeliveryState] {
        events.compactMap { if case .delivery(let payload) = $0.payload { payload.state } else { nil } }
    }

    @Test func sentLeavesTheOutboxAndMovesTheTicks() throws {
        let (changes, events) = try Self.decide(.sent(MessageID(9), externalMessageID: "x1"), .queued)
        #expect(changes == [.removeFromOutbox(MessageID(9)), .markSent(MessageID(9), externalID: "x1")])
        #expect(Self.states(events) == [.sent])
    }

    @Test func aLateSentNeverMovesTicksBack() throws {
        let (changes, events) = try Self.decide(.sent(MessageID(9), externalMessageID: "x1"), .seen)
        #expect(changes == [.removeFromOutbox(MessageID(9))])
        #expect(events.isEmpty)
    }

    @Test func earlyReceiptsApplyWhenSentIsRecordedFurthestStateWinning() throws {
        let receipts = [EarlyReceipt(state: .delivered), EarlyReceipt(state: .seen)]
        let (changes, events) = try Self.decide(.sent(MessageID(9), externalMessageID: "x1"), .queued, receipts: receipts)
        #expect(changes.contains(.forgetEarlyReceipts(externalID: "x1")))
        #expect(changes.last == .setState(MessageID(9), .seen, reason: nil))
        #expect(Self.states(events) == [.sent, .seen])
    }

    @Test func aRetryIsRecordedOnlyWhileTheMessageIsInTheOutbox() throws {
        let at = Self.now.addingTimeInterval(30)
        let (changes, events) = try Self.decide(.retry(MessageID(9), at: at, reason: "429"), .queued)
        #expect(changes == [.scheduleRetry(MessageID(9), at: at, reason: "429")])
        guard case .delivery(let payload)? = events.first?.payload else {
            Issue.record("no delivery event")
            return
        }
        #expect(payload.nextAttemptAt == at && payload.state == .queued && payload.reason == "429")
        let gone = try Self.decide(.retry(MessageID(9), at: at, reason: "429"), .queued, inOutbox: false)
        #expect(gone.changes.isEmpty && gone.events.isEmpty)
    }

    @Test func aRetryRecordsThePartsTheMessengerAcceptedWhileInTheOutbox() throws {
        let at = Self.now.addingTimeInterval(30)
        let progress = DeliveryProgress(acknowledgedParts: ["1:10", "1:11"])
        let (changes, _) = try Self.decide(.retry(MessageID(9), at: at, reason: "429", progress: progress), .queued)
        #expect(
            changes == [.scheduleRetry(MessageID(9), at: at, reason: "429"), .recordAcknowledgedParts(MessageID(9), externalIDs: ["1:10", "1:11"])]
        )
        let gone = try Self.decide(.retry(MessageID(9), at: at, reason: "429", progress: progress), .queued, inOutbox: false)
        #expect(gone.changes.isEmpty)
    }

    @Test func aFailureIsFinalAndMayMarkTheClientUnreachable() throws {
        let (changes, events) = try Self.decide(.failed(MessageID(9), reason: "blocked", recipientUnreachable: true), .queued)
        #expect(
            changes == [.removeFromOutbox(MessageID(9)), .markUnreachable(ConversationID(7)), .setState(MessageID(9), .failed, reason: "blocked")]
        )
        #expect(Self.states(events) == [.failed])
    }

    @Test func onlyOutboundMessagesHaveDeliveries() {
        #expect(throws: StoreError.invalid("message 9 is not outbound")) {
            try Self.decide(.sent(MessageID(9), externalMessageID: nil), nil)
        }
    }
}
