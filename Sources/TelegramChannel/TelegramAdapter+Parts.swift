import Foundation
import SwitchboardCore

extension TelegramAdapter {
    /// One Bot API call of a reply.
    enum Part {
        /// A `sendMessage` with these parameters.
        case text([String: JSONValue])
        /// A call that makes one message: a file, a location or a contact.
        case single(BotAPICall)
        /// A `sendMediaGroup`: one album, several messages, one part (a retry never sends half an album again).
        case album(BotAPICall)
    }

    /// What the attachments of a reply become before captions are placed.
    private enum Unit {
        case files([OutboundMedia])
        case call(BotAPICall)
    }

    /// The calls that make up `message`, in sending order; the same message always gives the same parts,
    /// so a retry can skip the ones Telegram already accepted.
    /// - Throws: `DeliveryFailure` for an attachment that cannot be read or sent.
    func parts(of message: OutboundMessage, chatID: Int64) async throws -> [Part] {
        let units = try await units(of: message.attachments, chatID: chatID)
        let signature = signature(for: message)
        let signed = SignedText(signature: signature, body: message.text)
        if units.count == 1, case .files(let files) = units[0], signed.text.utf16.count <= Self.captionLimit {
            return [Self.part(files, chatID: chatID, caption: signed)]
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
        var signatureDue = parts.isEmpty
        for unit in units {
            switch unit {
            case .files(let files):
                parts.append(Self.part(files, chatID: chatID, caption: signatureDue ? SignedText(signature: signature, body: "") : nil))
                signatureDue = false
            case .call(let call):
                parts.append(.single(call))
            }
        }
        return parts
    }

    /// Files in reply order, runs of one album family grouped by `TelegramMediaRule.sends`; locations
    /// and contacts as their own calls.
    private func units(of attachments: [Attachment], chatID: Int64) async throws -> [Unit] {
        var units: [Unit] = []
        var run: [OutboundMedia] = []
        func endRun() {
            units += TelegramMediaRule.sends(run.map(\.method)).map { send in .files(send.map { run[$0] }) }
            run = []
        }
        for attachment in attachments {
            switch attachment.kind {
            case .location:
                endRun()
                units.append(.call(try BotAPICall.location(attachment, chatID: chatID)))
            case .contact:
                endRun()
                units.append(.call(try BotAPICall.contact(attachment, chatID: chatID)))
            default:
                run.append(try await OutboundMedia.resolve(attachment, media: media))
            }
        }
        endRun()
        return units
    }

    private static func part(_ files: [OutboundMedia], chatID: Int64, caption: SignedText?) -> Part {
        files.count == 1 ? .single(.file(files[0], chatID: chatID, caption: caption)) : .album(.album(files, chatID: chatID, caption: caption))
    }
}
