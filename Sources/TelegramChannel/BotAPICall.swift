import CurlHTTP
import Foundation
import SwitchboardCore

/// One Bot API send of a reply: the method, its parameters and its uploads.
struct BotAPICall: Sendable {
    let method: String
    let parameters: [String: JSONValue]
    var files: [MultipartPart] = []

    /// A file alone (`sendPhoto`, `sendDocument`, `sendVoice`, …), uploaded or by file_id.
    static func file(_ media: OutboundMedia, chatID: Int64, caption: SignedText?) -> BotAPICall {
        var parameters: [String: JSONValue] = ["chat_id": .int(chatID)]
        var files: [MultipartPart] = []
        let field = media.method.field
        switch media.source {
        case .upload(let fileName, let mimeType, let data):
            files.append(.file(name: field, fileName: fileName, mimeType: mimeType, data: data))
        case .reference(let fileID):
            parameters[field] = .string(fileID)
        }
        if let caption, !caption.text.isEmpty {
            parameters["caption"] = .string(caption.text)
            if let entities = caption.entities { parameters["caption_entities"] = entities }
        }
        return BotAPICall(method: media.method.name, parameters: parameters, files: files)
    }

    /// Files as one album (`sendMediaGroup`); Telegram shows the first item's caption as the album's.
    static func album(_ items: [OutboundMedia], chatID: Int64, caption: SignedText?) -> BotAPICall {
        var files: [MultipartPart] = []
        let media = items.enumerated().map { index, item -> JSONValue in
            var entry: [String: JSONValue] = ["type": .string(item.method.field)]
            switch item.source {
            case .upload(let fileName, let mimeType, let data):
                let name = "file\(index)"
                files.append(.file(name: name, fileName: fileName, mimeType: mimeType, data: data))
                entry["media"] = .string("attach://\(name)")
            case .reference(let fileID):
                entry["media"] = .string(fileID)
            }
            if index == 0, let caption, !caption.text.isEmpty {
                entry["caption"] = .string(caption.text)
                if let entities = caption.entities { entry["caption_entities"] = entities }
            }
            return .object(entry)
        }
        return BotAPICall(method: "sendMediaGroup", parameters: ["chat_id": .int(chatID), "media": .array(media)], files: files)
    }

    /// `sendLocation` of a location attachment.
    /// - Throws: `DeliveryFailure.permanent` when its coordinates are missing.
    static func location(_ attachment: Attachment, chatID: Int64) throws -> BotAPICall {
        guard let latitude = attachment.details["latitude"].flatMap(Double.init),
            let longitude = attachment.details["longitude"].flatMap(Double.init)
        else { throw DeliveryFailure.permanent(reason: "a location without coordinates cannot be sent", recipientUnreachable: false) }
        return BotAPICall(
            method: "sendLocation",
            parameters: ["chat_id": .int(chatID), "latitude": .double(latitude), "longitude": .double(longitude)]
        )
    }

    /// `sendContact` of a contact attachment.
    /// - Throws: `DeliveryFailure.permanent` when its phone number or first name is missing.
    static func contact(_ attachment: Attachment, chatID: Int64) throws -> BotAPICall {
        guard let phone = attachment.details["phone"], let firstName = attachment.details["first_name"] else {
            throw DeliveryFailure.permanent(reason: "a contact needs a phone number and a first name", recipientUnreachable: false)
        }
        var parameters: [String: JSONValue] = ["chat_id": .int(chatID), "phone_number": .string(phone), "first_name": .string(firstName)]
        if let lastName = attachment.details["last_name"] { parameters["last_name"] = .string(lastName) }
        return BotAPICall(method: "sendContact", parameters: parameters)
    }
}
