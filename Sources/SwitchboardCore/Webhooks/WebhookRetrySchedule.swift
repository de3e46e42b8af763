public import Foundation

/// When to try a failed delivery again: exponential backoff with jitter, for at least a day after
/// the delivery was queued, then it fails for good and its endpoint is disabled.
public struct WebhookRetrySchedule: Sendable, Equatable {
    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        case retry(at: Date)
        case giveUp
    }

    /// Delay after the first failure.
    public var baseDelay: TimeInterval
    /// No delay is longer than this, so a receiver that comes back is reached within the hour.
    public var maxDelay: TimeInterval
    /// How long after queueing a delivery keeps being retried.
    public var retryWindow: TimeInterval

    /// Creates a schedule; the defaults are 30 s doubling up to an hour, for 24 hours.
    public init(baseDelay: TimeInterval = 30, maxDelay: TimeInterval = 3600, retryWindow: TimeInterval = 24 * 3600) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryWindow = retryWindow
    }

    /// Decides after attempt number `attempt` (1-based) failed at `now`.
    /// - Parameters:
    ///   - queuedAt: when the delivery was queued (or resent).
    ///   - jitter: a number in 0..<1; the delay lands in [½, 1] of the backoff so that endpoints
    ///     failing together do not retry in lockstep.
    public func decide(attempt: Int, queuedAt: Date, now: Date, jitter: Double) -> Decision {
        guard now.timeIntervalSince(queuedAt) < retryWindow else { return .giveUp }
        var backoff = baseDelay
        for _ in 1..<max(1, attempt) where backoff < maxDelay { backoff *= 2 }
        let delay = min(backoff, maxDelay) * (0.5 + min(max(jitter, 0), 1) / 2)
        return .retry(at: now.addingTimeInterval(delay))
    }

    /// The record of an attempt: delivered on a 2xx answer, otherwise retried or failed per the
    /// schedule, and a failure disables the endpoint with a notice to admins.
    public func record(
        _ dispatch: WebhookDispatch,
        result: WebhookPostResult,
        at now: Date,
        jitter: Double
    ) -> WebhookAttemptRecord {
        let delivery = dispatch.delivery
        var record = WebhookAttemptRecord(
            deliveryID: delivery.id,
            webhookID: delivery.webhookID,
            status: .delivered,
            attemptedAt: now,
            nextAttemptAt: nil,
            error: result.error,
            statusCode: result.statusCode,
            responseMillis: result.responseMillis,
            disable: nil
        )
        guard !result.succeeded else { return record }
        switch decide(attempt: delivery.attempts + 1, queuedAt: delivery.queuedAt, now: now, jitter: jitter) {
        case .retry(let at):
            record.status = .pending
            record.nextAttemptAt = at
        case .giveUp:
            record.status = .failed
            let reason = "delivery of event \(delivery.seq) failed after \(delivery.attempts + 1) attempts: \(result.error ?? "no answer")"
            let audit = AuditEntry(
                at: now,
                actor: .system,
                action: "webhook.disabled",
                target: OutgoingWebhook.auditTarget(id: delivery.webhookID, url: dispatch.url),
                changes: ["enabled": AuditChange(from: .bool(true), to: .bool(false)), "reason": AuditChange(from: .null, to: .string(reason))]
            )
            record.disable = WebhookDisableNotice(reason: reason, audit: audit)
        }
        return record
    }
}
