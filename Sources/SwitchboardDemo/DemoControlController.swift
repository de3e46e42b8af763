import Foundation
import Hummingbird
import MessengerFakes

/// Routes that play the client's side of the fake messengers, registered by `switchboard demo` only.
///
/// End-to-end and browser tests drive a demo server through them: "a Telegram user writes",
/// "what did the bot send to this chat". `serve` never has them.
struct DemoControlController<Context: RequestContext>: Sendable {
    let telegram: FakeTelegram
    let botToken: String
    /// A second fake bot nobody has connected yet, for trying the channels page.
    let spareBotToken: String

    /// Creates the controller over a running fake Telegram and the demo bots' tokens.
    init(telegram: FakeTelegram, botToken: String, spareBotToken: String) {
        self.telegram = telegram
        self.botToken = botToken
        self.spareBotToken = spareBotToken
    }

    struct SpareBot: ResponseEncodable {
        let token: String
        let apiURL: String
    }

    struct UserMessage: Decodable {
        let text: String
        let firstName: String?
        let lastName: String?
        let username: String?
        let languageCode: String?
    }

    struct GroupMessage: Decodable {
        let text: String
        let title: String
        let userId: Int64
        let firstName: String
    }

    struct ButtonPress: Decodable {
        let messageId: Int
        let label: String
        let firstName: String?
    }

    struct Injected: ResponseEncodable {
        let updateId: Int64
        let chatId: Int64?
        let messageId: Int?
    }

    struct Sent: Encodable {
        let method: String
        let chatId: Int64
        let messageIds: [Int]
        let text: String?
        let caption: String?
    }

    struct ChatAction: Encodable {
        let chatId: Int64
        let action: String
    }

    struct Items<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
        let items: [Item]
    }

    /// `POST /demo/telegram/users/{id}/messages`, `POST /demo/telegram/groups/{id}/messages` (a member writes in a
    /// group), `POST /demo/telegram/users/{id}/buttons` (the user taps an
    /// inline button of a bot message), `GET /demo/telegram/sent`, `GET /demo/telegram/actions`,
    /// `GET /demo/telegram/spare-bot`.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        let telegram = routes.group("demo/telegram")
        telegram.post("users/{id}/messages") { request, context -> EditedResponse<Injected> in
            let userID = try context.parameters.require("id", as: Int64.self)
            let body = try await request.decode(as: UserMessage.self, context: context)
            let user = FakeTelegram.User(
                id: userID,
                firstName: body.firstName ?? "Client \(userID)",
                lastName: body.lastName,
                username: body.username,
                languageCode: body.languageCode
            )
            let update = try await self.telegram.sendUserMessage(bot: botToken, from: user, text: body.text)
            return EditedResponse(status: .created, response: Injected(updateId: update.updateId, chatId: update.chatId, messageId: update.messageId))
        }
        telegram.post("groups/{id}/messages") { request, context -> EditedResponse<Injected> in
            let groupID = try context.parameters.require("id", as: Int64.self)
            let body = try await request.decode(as: GroupMessage.self, context: context)
            let member = FakeTelegram.User(id: body.userId, firstName: body.firstName)
            do {
                try await self.telegram.addGroup(id: groupID, title: body.title, members: [member])
                let update = try await self.telegram.sendGroupMessage(bot: botToken, group: groupID, from: member, text: body.text)
                return EditedResponse(
                    status: .created,
                    response: Injected(updateId: update.updateId, chatId: update.chatId, messageId: update.messageId)
                )
            } catch FakeTelegram.FakeError.invalid(let why) {
                throw HTTPError(.badRequest, message: why)
            }
        }
        telegram.get("spare-bot") { _, _ -> SpareBot in
            SpareBot(token: spareBotToken, apiURL: self.telegram.baseURL.absoluteString)
        }
        telegram.post("users/{id}/buttons") { request, context -> EditedResponse<Injected> in
            let userID = try context.parameters.require("id", as: Int64.self)
            let body = try await request.decode(as: ButtonPress.self, context: context)
            let user = FakeTelegram.User(id: userID, firstName: body.firstName ?? "Client \(userID)")
            do {
                let update = try await self.telegram.pressInlineButton(bot: botToken, from: user, messageId: body.messageId, label: body.label)
                return EditedResponse(
                    status: .created,
                    response: Injected(updateId: update.updateId, chatId: update.chatId, messageId: update.messageId)
                )
            } catch FakeTelegram.FakeError.invalid(let why) {
                throw HTTPError(.badRequest, message: why)
            }
        }
        telegram.get("sent") { request, _ -> Items<Sent> in
            let chatID = request.uri.queryParameters.get("chatId", as: Int64.self)
            let sent = await self.telegram.sentMessages(bot: botToken, chatId: chatID)
            return Items(
                items: sent.map { Sent(method: $0.method, chatId: $0.chatId, messageIds: $0.messageIds, text: $0.text, caption: $0.caption) }
            )
        }
        telegram.get("actions") { request, _ -> Items<ChatAction> in
            let chatID = request.uri.queryParameters.get("chatId", as: Int64.self)
            let actions = await self.telegram.chatActions(bot: botToken, chatId: chatID)
            return Items(items: actions.map { ChatAction(chatId: $0.chatId, action: $0.action) })
        }
        return routes
    }
}
