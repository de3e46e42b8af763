public import Foundation

/// How long ingestion receipts are kept: past every redelivery a messenger still makes, so the
/// receipts keep ingestion idempotent, and no longer, so their tables do not grow forever.
public struct ReceiptRetention: Sendable, Equatable {
    /// Inbound receipts (one per messenger delivery). Telegram keeps an unconfirmed update for
    /// 24 hours and Viber gives up retrying a callback well within a day; a week leaves room for an
    /// outage of our own.
    public var inbound: TimeInterval
    /// Early delivery receipts, waiting for our own "sent" record. That record follows within
    /// seconds; one still unmatched after a day belongs to a message we never recorded.
    public var early: TimeInterval

    /// The retention Switchboard runs with.
    public static let standard = ReceiptRetention(inbound: 7 * 86_400, early: 86_400)

    /// Creates a retention.
    public init(inbound: TimeInterval, early: TimeInterval) {
        self.inbound = inbound
        self.early = early
    }

    /// The receipts older than these go.
    public func cutoffs(now: Date) -> ReceiptCutoffs {
        ReceiptCutoffs(inboundBefore: now.addingTimeInterval(-inbound), earlyBefore: now.addingTimeInterval(-early))
    }
}

/// Dates before which receipts are deleted.
public struct ReceiptCutoffs: Sendable, Equatable {
    /// Inbound receipts received before this go.
    public var inboundBefore: Date
    /// Early delivery receipts received before this go.
    public var earlyBefore: Date

    /// Creates cutoffs.
    public init(inboundBefore: Date, earlyBefore: Date) {
        self.inboundBefore = inboundBefore
        self.earlyBefore = earlyBefore
    }
}

/// Deletes old ingestion receipts; the store applies cutoffs decided by ``ReceiptRetention``.
public protocol ReceiptStore: Sendable {
    /// Deletes the receipts received before the cutoffs, in one transaction.
    /// - Returns: how many inbound and early receipts were deleted.
    func pruneReceipts(_ cutoffs: ReceiptCutoffs) async throws -> (inbound: Int, early: Int)
}
