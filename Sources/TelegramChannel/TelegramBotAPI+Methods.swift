public import CurlHTTP
public import Foundation
public import SwitchboardCore

/// Who the bot is, from `getMe`.
public struct TelegramBotIdentity: Sendable, Equatable {
    public var id: Int64
    public var username: String?
    public var firstName: String

    /// Creates an identity.
    public init(id: Int64, username: String?, firstName: String) {
        self.id = id
        self.username = username
        self.firstName = firstName
    }
}

extension TelegramBotAPI {
    /// `getMe`: checks the token and names the bot.
    /// - Throws: ``TelegramAPIError``; a wrong token is `.api(code: 401, …)`.
    public func getMe() async throws -> TelegramBotIdentity {
        let user = try await call("getMe", as: JSONValue.self)
        let data = try JSONEncoder().encode(user)
        guard let decoded = try? TelegramJSON.decoder.decode(TGUser.self, from: data) else {
            throw TelegramAPIError.unexpectedResponse(status: 200)
        }
        return TelegramBotIdentity(id: decoded.id, username: decoded.username, firstName: decoded.firstName)
    }

    /// `getUpdates`: confirms every update below `offset` and waits up to `timeout` seconds for new ones.
    /// - Returns: The raw updates, in order.
    public func getUpdates(offset: Int64?, timeout: Int, limit: Int = 100) async throws -> [JSONValue] {
        var parameters: [String: JSONValue] = ["timeout": .int(Int64(timeout)), "limit": .int(Int64(limit))]
        if let offset { parameters["offset"] = .int(offset) }
        // The HTTP limit sits above the poll's own timeout so a quiet long poll is not a transport error.
        return try await call("getUpdates", parameters, timeout: .seconds(timeout + 15), as: [JSONValue].self)
    }

    /// `setWebhook` with a secret token Telegram will send back in `X-Telegram-Bot-Api-Secret-Token`.
    public func setWebhook(url: String, secretToken: String) async throws {
        _ = try await call("setWebhook", ["url": .string(url), "secret_token": .string(secretToken)], as: Bool.self)
    }

    /// `deleteWebhook`, keeping pending updates so polling picks them up.
    public func deleteWebhook() async throws {
        _ = try await call("deleteWebhook", ["drop_pending_updates": false], as: Bool.self)
    }

    /// `sendChatAction`: shows "typing…" (or another action) to the client for about 5 seconds.
    public func sendChatAction(chatID: Int64, action: String = "typing") async throws {
        _ = try await call("sendChatAction", ["chat_id": .int(chatID), "action": .string(action)], as: Bool.self)
    }

    /// `answerCallbackQuery`: stops the spinner on the client's button.
    public func answerCallbackQuery(id: String, text: String? = nil) async throws {
        var parameters: [String: JSONValue] = ["callback_query_id": .string(id)]
        if let text { parameters["text"] = .string(text) }
        _ = try await call("answerCallbackQuery", parameters, as: Bool.self)
    }

    /// `getFile`: where to download a file, and its size.
    /// - Returns: `file_path` (nil when Telegram has none) and `file_size`.
    func getFile(id: String) async throws -> TGFileInfo {
        let value = try await call("getFile", ["file_id": .string(id)], as: JSONValue.self)
        guard let info = try? TelegramJSON.decoder.decode(TGFileInfo.self, from: JSONEncoder().encode(value)) else {
            throw TelegramAPIError.unexpectedResponse(status: 200)
        }
        return info
    }

    /// Sends a method whose result is a `Message` and returns its `chat_id:message_id`.
    func sendReturningMessage(_ method: String, _ parameters: [String: JSONValue], files: [MultipartPart] = []) async throws -> String {
        let value = try await call(method, parameters, files: files, as: JSONValue.self)
        guard let chat = value["chat"]?["id"]?.intValue, let id = value["message_id"]?.intValue else {
            throw TelegramAPIError.unexpectedResponse(status: 200)
        }
        return "\(chat):\(id)"
    }

    /// Sends a method whose result is an array of `Message`s (`sendMediaGroup`) and returns their `chat_id:message_id`s.
    func sendReturningMessages(_ method: String, _ parameters: [String: JSONValue], files: [MultipartPart] = []) async throws -> [String] {
        let value = try await call(method, parameters, files: files, as: [JSONValue].self)
        return try value.map { message in
            guard let chat = message["chat"]?["id"]?.intValue, let id = message["message_id"]?.intValue else {
                throw TelegramAPIError.unexpectedResponse(status: 200)
            }
            return "\(chat):\(id)"
        }
    }
}
