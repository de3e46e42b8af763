public import Foundation

extension FakeViber {
    /// Makes the next `count` calls of `method` (e.g. `send_message`) fail with `fault`, after the token check.
    /// - Parameter after: how many calls of `method` pass normally first (1 fails the second part of a split reply).
    public func failNext(bot: String, method: String, with fault: Fault, count: Int = 1, after: Int = 0) async throws {
        let queued: [Fault?] = Array(repeating: nil, count: max(0, after)) + Array(repeating: fault, count: count)
        try await state.mutateBot(bot) { $0.faults[method, default: []] += queued }
    }

    /// Blocks or suspends the account: send_message answers 7 or 9 until set back to `.active`.
    public func setAccountState(bot: String, _ accountState: AccountState) async throws {
        try await state.mutateBot(bot) { $0.accountState = accountState }
    }

    /// Switches the commercial mode for out-of-session sends (23 `freeMessagesExceeded`, 24 `noBalance`).
    public func setBilling(bot: String, _ billing: Billing) async throws {
        try await state.mutateBot(bot) { $0.billing = billing }
    }

    /// What the bot sent (accepted send_message calls and welcome messages), oldest first.
    /// - Parameter receiver: Only messages to this user id, when given.
    public func sentMessages(bot: String, receiver: String? = nil) async -> [SentMessage] {
        await state.readBot(bot, fallback: []) { $0.sent.filter { receiver == nil || $0.receiver == receiver } }
    }

    /// Every callback POST, redeliveries and the set_webhook handshake included, oldest first.
    public func callbackAttempts(bot: String) async -> [CallbackAttempt] {
        await state.readBot(bot, fallback: []) { $0.callbackAttempts }
    }

    /// Every API call made with the bot's token, oldest first.
    /// - Parameter method: Only this method, when given.
    public func calls(bot: String, method: String? = nil) async -> [Call] {
        await state.readBot(bot, fallback: []) { $0.calls.filter { method == nil || $0.method == method } }
    }

    /// The webhook URL that passed the handshake; nil when none is set.
    public func webhookURL(bot: String) async -> URL? {
        await state.readBot(bot, fallback: nil) { $0.webhook?.url }
    }

    /// Whether the user is subscribed to the bot now.
    public func isSubscribed(bot: String, user: User) async -> Bool {
        await state.readBot(bot, fallback: false) { $0.users[user.id]?.subscribed ?? false }
    }
}
