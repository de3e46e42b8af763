import Foundation

extension ViberState {
    typealias FakeError = FakeViber.FakeError

    /// Makes a user known to the bot (updating the profile if known), optionally as a subscriber.
    func addUser(token: String, user: FakeViber.User, subscribed: Bool?) throws(FakeError) {
        guard bots[token] != nil else { throw .unknownBot }
        var subscriber = bots[token]?.users[user.id] ?? .init(user: user)
        subscriber.user = user
        if let subscribed { subscriber.subscribed = subscribed }
        bots[token]?.users[user.id] = subscriber
    }

    /// The user pressed "subscribe": `subscribed` callback.
    func subscribe(token: String, user: FakeViber.User) async throws(FakeError) -> FakeViber.CallbackResult {
        let webhook = try target(token)
        try addUser(token: token, user: user, subscribed: true)
        let messageToken = issueMessageToken()
        var object = envelope(event: "subscribed", messageToken: messageToken)
        object["user"] = Self.userJSON(user, sendName: webhook.sendName, sendPhoto: webhook.sendPhoto)
        return try await deliver(token: token, event: "subscribed", object: object, messageToken: messageToken)
    }

    /// The user unsubscribed: `unsubscribed` callback with `user_id` only.
    func unsubscribe(token: String, userId: String) async throws(FakeError) -> FakeViber.CallbackResult {
        _ = try target(token)
        bots[token]?.users[userId]?.subscribed = false
        let messageToken = issueMessageToken()
        var object = envelope(event: "unsubscribed", messageToken: messageToken)
        object["user_id"] = userId
        return try await deliver(token: token, event: "unsubscribed", object: object, messageToken: messageToken)
    }

    /// The user opened the chat (maybe from a deep link with `context`); the answer body is the welcome message.
    func openChat(token: String, user: FakeViber.User, context: String?, subscribed: Bool?) async throws(FakeError) -> FakeViber.CallbackResult {
        let webhook = try target(token)
        try addUser(token: token, user: user, subscribed: nil)
        let messageToken = issueMessageToken()
        var object = envelope(event: "conversation_started", messageToken: messageToken)
        object["type"] = "open"
        object["context"] = context
        object["user"] = Self.userJSON(user, sendName: webhook.sendName, sendPhoto: webhook.sendPhoto)
        object["subscribed"] = subscribed ?? bots[token]?.users[user.id]?.subscribed ?? false
        var result = try await deliver(token: token, event: "conversation_started", object: object, messageToken: messageToken)
        if result.acknowledged { (result.welcome, result.welcomeRejection) = acceptWelcome(token: token, user: user, raw: result.responseBody) }
        return result
    }

    /// The user wrote: subscribes them, resets the unanswered counter, opens a session, echoes `tracking_data`.
    /// `silent` is true only for the tap of a keyboard button marked `Silent`.
    func userMessage(
        token: String,
        user: FakeViber.User,
        message: FakeViber.UserMessage,
        trackingData: String?,
        silent: Bool = false
    ) async throws(FakeError) -> FakeViber.CallbackResult {
        let webhook = try target(token)
        try addUser(token: token, user: user, subscribed: true)
        bots[token]?.users[user.id]?.lastMessageAt = now
        bots[token]?.users[user.id]?.unansweredSends.removeAll()
        var content = message.json
        content["tracking_data"] = trackingData ?? bots[token]?.users[user.id]?.lastTrackingData
        let messageToken = issueMessageToken()
        var object = envelope(event: "message", messageToken: messageToken)
        object["sender"] = Self.userJSON(user, sendName: webhook.sendName, sendPhoto: webhook.sendPhoto)
        object["message"] = content
        object["silent"] = silent
        return try await deliver(token: token, event: "message", object: object, messageToken: messageToken)
    }

    /// A receipt about a message the bot sent: `delivered`, `seen` or `failed` (with `desc`).
    func receipt(
        token: String,
        event: String,
        userId: String,
        messageToken: Int64,
        desc: String?
    ) async throws(FakeError)
        -> FakeViber.CallbackResult
    {
        _ = try target(token)
        var object = envelope(event: event, messageToken: messageToken)
        object["user_id"] = userId
        object["desc"] = desc
        return try await deliver(token: token, event: event, object: object, messageToken: messageToken)
    }
}
