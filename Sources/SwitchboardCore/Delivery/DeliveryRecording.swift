/// Recording the result of one send attempt when the store's write fails (a constraint error, a full disk).
///
/// The row must not be sent again and again: the write is retried a few times with backoff, then a
/// simpler outcome is recorded instead (the message failed, with the reason), which writes neither the
/// messenger's id nor its receipts. When that cannot be written either, the dispatcher keeps it in
/// memory, so a re-claim of the row records it again instead of sending the message again.
public struct DeliveryRecording: Sendable, Equatable {
    /// How often and how fast to retry a failing write.
    public struct Policy: Sendable, Equatable {
        /// Writes of one report before falling back (or, for the fallback, before keeping it in memory).
        public var attempts: Int
        /// Wait after the first failed write, doubled after each further one.
        public var baseDelay: Double

        /// Creates a policy.
        public init(attempts: Int = 3, baseDelay: Double = 0.5) {
            self.attempts = max(1, attempts)
            self.baseDelay = max(0, baseDelay)
        }
    }

    /// What the dispatcher does after a failed write.
    public enum Action: Sendable, Equatable {
        /// Write `report` again after waiting.
        case retry(afterSeconds: Double)
        /// Write the fallback `report` (now the recording's report) at once.
        case fallBack
        /// Stop writing for now; keep `report` so the next claim of the row records it without sending.
        case keepInMemory
    }

    /// What is to be written now.
    public private(set) var report: DeliveryReport
    /// Whether `report` is already the fallback.
    public private(set) var fellBack: Bool
    private var failedWrites = 0
    private let policy: Policy

    /// Starts recording `report`.
    /// - Parameter fellBack: true for a fallback kept in memory from an earlier claim.
    public init(_ report: DeliveryReport, policy: Policy, fellBack: Bool = false) {
        self.report = report
        self.policy = policy
        self.fellBack = fellBack
    }

    /// Decides after the write of `report` failed with `error`.
    public mutating func writeFailed(error: String) -> Action {
        failedWrites += 1
        if failedWrites < policy.attempts {
            return .retry(afterSeconds: policy.baseDelay * Double(1 << min(failedWrites - 1, 16)))
        }
        guard !fellBack else { return .keepInMemory }
        report = .failed(report.messageID, reason: Self.fallbackReason(for: report, error: error), recipientUnreachable: false)
        fellBack = true
        failedWrites = 0
        return .fallBack
    }

    /// The reason the operator sees on a message whose result could not be recorded.
    static func fallbackReason(for report: DeliveryReport, error: String) -> String {
        let prefix = "could not record delivery result (\(error))"
        return switch report {
        case .sent: "\(prefix); the messenger had accepted it"
        case .retry(_, _, let reason, _), .failed(_, let reason, _): "\(prefix); the attempt had failed: \(reason)"
        }
    }
}
