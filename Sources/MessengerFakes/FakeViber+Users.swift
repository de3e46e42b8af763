public import Foundation

extension FakeViber {
    /// Registers a bot (public account). Calls with any other token get `invalidAuthToken`.
    /// - Parameters:
    ///   - uri: The public id used in deep links, `viber://pa?chatURI=<uri>`.
    ///   - avatar: The `icon` URL get_account_info reports.
    public func addBot(token: String, name: String, uri: String, avatar: String? = nil) async {
        await state.addBot(token: token, name: name, uri: uri, avatar: avatar)
    }

    /// Makes a user known without a callback; `subscribed: nil` keeps a known user's state.
    public func addUser(bot: String, user: User, subscribed: Bool? = true) async throws {
        try await state.addUser(token: bot, user: user, subscribed: subscribed)
    }

    /// "The user presses subscribe": marks them subscribed and sends `subscribed`.
    @discardableResult
    public func userSubscribes(bot: String, user: User) async throws -> CallbackResult {
        try await state.subscribe(token: bot, user: user)
    }

    /// "The user unsubscribes": later sends get `receiverNotSubscribed`; sends `unsubscribed` with `user_id` only.
    @discardableResult
    public func userUnsubscribes(bot: String, user: User) async throws -> CallbackResult {
        try await state.unsubscribe(token: bot, userId: user.id)
    }

    /// "The user opens the chat", maybe from a deep link with `context`: sends `conversation_started`.
    ///
    /// The webhook's answer body is the welcome message: validated like send_message without `receiver`,
    /// recorded in ``sentMessages(bot:receiver:)`` with `isWelcome`, and returned in ``CallbackResult/welcome``.
    /// - Parameter subscribed: The callback's `subscribed` flag; nil = the user's real state.
    @discardableResult
    public func userOpensChat(bot: String, user: User, context: String? = nil, subscribed: Bool? = nil) async throws -> CallbackResult {
        try await state.openChat(token: bot, user: user, context: context, subscribed: subscribed)
    }

    /// "The user sends `message`": subscribes them (no `subscribed` callback, as on Viber) and resets the unanswered limit.
    /// - Parameter trackingData: The `tracking_data` to carry; nil echoes the one of the bot's last message to this user.
    @discardableResult
    public func userSends(bot: String, user: User, message: UserMessage, trackingData: String? = nil) async throws -> CallbackResult {
        try await state.userMessage(token: bot, user: user, message: message, trackingData: trackingData)
    }

    /// Sends `delivered` for a message the bot sent (its `message_token`).
    @discardableResult
    public func delivered(bot: String, user: User, messageToken: Int64) async throws -> CallbackResult {
        try await state.receipt(token: bot, event: "delivered", userId: user.id, messageToken: messageToken, desc: nil)
    }

    /// Sends `seen` for a message the bot sent.
    @discardableResult
    public func seen(bot: String, user: User, messageToken: Int64) async throws -> CallbackResult {
        try await state.receipt(token: bot, event: "seen", userId: user.id, messageToken: messageToken, desc: nil)
    }

    /// Sends `failed` with a reason, as Viber does when the client rejects a message (e.g. a bad keyboard).
    @discardableResult
    public func failed(bot: String, user: User, messageToken: Int64, desc: String) async throws -> CallbackResult {
        try await state.receipt(token: bot, event: "failed", userId: user.id, messageToken: messageToken, desc: desc)
    }

    /// Sends a callback with an event name no SDK knows (the bridge must still answer 200).
    @discardableResult
    public func sendUnknownEvent(bot: String, event: String = "client_status", user: User) async throws -> CallbackResult {
        try await state.receipt(token: bot, event: event, userId: user.id, messageToken: await state.issueMessageToken(), desc: nil)
    }

    /// POSTs these exact bytes once (no redelivery), signed as asked: for forged, unsigned and malformed callbacks.
    @discardableResult
    public func sendRawCallback(bot: String, json: Data, signature: Signature = .valid) async throws -> CallbackResult {
        try await state.deliverRaw(token: bot, body: json, signature: signature)
    }

    /// Serializes `json` (sorted keys) and POSTs it once like ``sendRawCallback(bot:json:signature:)``.
    /// - Throws: `FakeError.invalid` when `json` is not a valid JSON object.
    @discardableResult
    public func sendRawCallback(bot: String, json: [String: Any], signature: Signature = .valid) async throws -> CallbackResult {
        guard JSONSerialization.isValidJSONObject(json) else { throw FakeError.invalid("not a JSON object") }
        return try await sendRawCallback(bot: bot, json: JSON.encode(json), signature: signature)
    }
}
