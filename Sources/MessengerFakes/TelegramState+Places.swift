import Foundation

extension TelegramState {
    /// sendLocation: a point on the map; `latitude` and `longitude` are Float parameters.
    func sendLocation(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        // As the server's `get_location`: empty → "… is empty"; off the globe → "invalid location specified".
        guard let latitudeText = request.string("latitude")?.trimmingCharacters(in: .whitespaces), !latitudeText.isEmpty else {
            throw BotAPIError.badRequest("latitude is empty")
        }
        guard let longitudeText = request.string("longitude")?.trimmingCharacters(in: .whitespaces), !longitudeText.isEmpty else {
            throw BotAPIError.badRequest("longitude is empty")
        }
        guard let latitude = Double(latitudeText), let longitude = Double(longitudeText), (-90...90).contains(latitude),
            (-180...180).contains(longitude)
        else { throw BotAPIError.badRequest("invalid location specified") }
        try checkReplyMarkup(request)
        try admit(token: request.token, chatId: chatId)
        var message = newMessage(token: request.token, chatId: chatId, request: request)
        message["location"] = ["latitude": latitude, "longitude": longitude]
        record(request, method: "sendLocation", chatId: chatId, messageIds: [message["message_id"] as? Int ?? 0])
        return message
    }

    /// sendContact: a phone number with a first name (both required by the spec check).
    func sendContact(_ request: BotRequest) throws -> Any {
        let chatId = try targetChat(request)
        try checkReplyMarkup(request)
        try admit(token: request.token, chatId: chatId)
        var message = newMessage(token: request.token, chatId: chatId, request: request)
        var contact: [String: Any] = ["phone_number": request.params["phone_number"] ?? "", "first_name": request.params["first_name"] ?? ""]
        contact["last_name"] = request.params["last_name"]
        contact["vcard"] = request.params["vcard"]
        message["contact"] = contact
        record(request, method: "sendContact", chatId: chatId, messageIds: [message["message_id"] as? Int ?? 0])
        return message
    }
}
