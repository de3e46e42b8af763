import Foundation
import SwitchboardCore

extension TelegramAdapter {
    /// One Bot API call of a reply.
    enum Part {
        /// A `sendMessage` with these parameters.
        case text([String: JSONValue])
        /// A file, with its caption when it carries one.
        case media(OutboundMedia, caption: SignedText?)
    }

    /// The calls that make up `message`, in sending order; the same message always gives the same parts,
    /// so a retry can skip the ones Telegram already accepted.
    /// - Throws: `DeliveryFailure` for an attachment that cannot be read.
    func parts(of message: OutboundMessage, chatID: Int64) async throws -> [Part] {
        var uploads: [OutboundMedia] = []
        for attachment in message.attachments {
            uploads.append(try await OutboundMedia.resolve(attachment, media: media))
        }
        let signature = signature(for: message)
        let signed = SignedText(signature: signature, body: message.text)
        if uploads.count == 1, signed.text.utf16.count <= Self.captionLimit {
            return [.media(uploads[0], caption: signed)]
        }
        var parts: [Part] = []
        if !message.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let pieces = TextSplitter.split(signed.text, limit: Self.messageLimit)
            for (index, piece) in pieces.enumerated() {
                var parameters: [String: JSONValue] = ["chat_id": .int(chatID), "text": .string(piece)]
                if index == 0, let entities = signed.entities { parameters["entities"] = entities }
                if message.requestsPhone {
                    parameters["reply_markup"] = Self.sharePhoneKeyboard
                } else if index == pieces.count - 1, !message.buttons.isEmpty {
                    parameters["reply_markup"] = Self.inlineKeyboard(message.buttons)
                }
                parts.append(.text(parameters))
            }
        }
        for (index, upload) in uploads.enumerated() {
            let caption = index == 0 && parts.isEmpty ? SignedText(signature: signature, body: "") : nil
            parts.append(.media(upload, caption: caption))
        }
        return parts
    }
}
