extension ViberState {
    /// Runs `body` on a bot's state.
    /// - Throws: `FakeViber.FakeError.unknownBot`.
    func mutateBot(_ token: String, _ body: @Sendable (inout ViberBotState) -> Void) throws(FakeViber.FakeError) {
        guard var bot = bots[token] else { throw .unknownBot }
        body(&bot)
        bots[token] = bot
    }

    /// Reads from a bot's state; `fallback` for unknown bots.
    func readBot<T: Sendable>(_ token: String, fallback: T, _ body: @Sendable (ViberBotState) -> T) -> T {
        bots[token].map(body) ?? fallback
    }
}
