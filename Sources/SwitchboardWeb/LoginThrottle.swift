import Foundation
public import SwitchboardCore

/// The sign-in throttle: attempts are counted in the database (``SignInAttemptStore``), so every
/// instance on it shares the limits; the cap on password checks running at once guards this
/// process's CPU and stays in memory, behind an actor because every sign-in request shares it.
public actor LoginThrottle {
    private let attempts: any SignInAttemptStore
    private let limits: SignInLimits
    private var slots: PasswordCheckSlots

    /// Creates a throttle counting attempts in `attempts`.
    public init(attempts: any SignInAttemptStore, limits: SignInLimits = SignInLimits()) {
        self.attempts = attempts
        self.limits = limits
        self.slots = PasswordCheckSlots(capacity: limits.maxInFlight)
    }

    /// Reserves an attempt before the password check, or refuses it.
    /// - Throws: when the store fails; the attempt is then not reserved.
    func reserve(login: String, address: String, now: Date = Date()) async throws -> SignInDecision {
        // The slot is taken before the store is awaited: the actor serves other requests meanwhile.
        guard slots.take() else { return .refuse(.busy, retryAfter: 1) }
        do {
            let decision = try await attempts.reserveSignIn(login: login, address: address, limits: limits, at: now)
            if case .refuse = decision { slots.giveBack() }
            return decision
        } catch {
            slots.giveBack()
            throw error
        }
    }

    /// Ends a reserved attempt: a failure stays counted; a success is released and clears its pair.
    /// - Throws: when the store fails to release a success (its marks then count until they age out).
    func finish(_ attempt: SignInAttempt, succeeded: Bool, now: Date = Date()) async throws {
        slots.giveBack()
        guard succeeded else { return }
        try await attempts.releaseSignIn(attempt, limits: limits, at: now)
    }
}
