public import Foundation

/// One process's sign-in throttle in memory: ``SignInRules`` over an ``AttemptLedger``, with the
/// cap on password checks running at once. `serve` counts attempts in the database instead
/// (``SignInAttemptStore``), so every instance shares them; the rules are the same.
public struct SignInThrottle: Sendable {
    public let limits: SignInLimits
    private var ledger: AttemptLedger
    private var slots: PasswordCheckSlots

    /// Creates a throttle with nothing remembered.
    public init(limits: SignInLimits = SignInLimits()) {
        self.limits = limits
        self.ledger = AttemptLedger(capacity: limits.capacity, window: SignInRules.retention(limits))
        self.slots = PasswordCheckSlots(capacity: limits.maxInFlight)
    }

    /// Keys remembered now (bounded by ``SignInLimits/capacity``).
    public var remembered: Int { ledger.count }

    /// Password checks reserved and not finished.
    public var running: Int { slots.taken }

    /// Reserves an attempt for `login` from `address`, or refuses it.
    public mutating func reserve(login: String, address: String, now: Date) -> SignInDecision {
        guard slots.take() else { return .refuse(.busy, retryAfter: 1) }
        let keys = SignInKeys(login: login, address: address)
        let snapshot = SignInSnapshot(keys: keys, marks: ledger.marks(of: keys.all, now: now))
        let (decision, changes) = SignInRules.reserve(snapshot, limits: limits, now: now)
        ledger.apply(changes, now: now)
        if case .refuse = decision { slots.giveBack() }
        return decision
    }

    /// Ends a reserved attempt: a failure stays counted; a success is released and clears its pair.
    public mutating func finish(_ attempt: SignInAttempt, succeeded: Bool) {
        slots.giveBack()
        guard succeeded else { return }
        // Releasing adds no mark and the ledger prunes as it reads, so the reservation's time serves as now.
        ledger.apply(SignInRules.release(attempt, limits: limits, now: attempt.at), now: attempt.at)
    }
}
