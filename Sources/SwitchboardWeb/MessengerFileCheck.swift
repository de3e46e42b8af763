import Foundation
import HTTPTypes
import SwitchboardCore

/// Applies ``OutgoingFileRule`` at the HTTP edge: finds which messenger a conversation's reply goes to
/// and turns a refusal into a 4xx before anything is stored or sent.
struct MessengerFileCheck {
    let store: any InboxStore
    /// Whether Switchboard can publish files (`SWITCHBOARD_PUBLIC_URL` set), which Viber needs.
    let publicLinks: Bool

    /// The messenger a reply in conversation `raw` goes to by default: the one the client last wrote from.
    /// - Throws: 400 `invalid_conversation` for a non-integer, 404 for a conversation the viewer cannot see.
    func messenger(ofConversation raw: String, viewer: Viewer) async throws -> ChannelKind {
        guard let id = Int64(raw) else {
            throw APIError(.badRequest, code: "invalid_conversation", message: "conversation must be a conversation id.")
        }
        guard let summary = try await store.conversationSummary(ConversationID(id), viewer: viewer) else {
            throw APIError(.notFound, code: "not_found", message: "No such conversation.")
        }
        guard let target = try await store.replyConversation(contactID: summary.contact.id, identityID: nil),
            let targetSummary = try await store.conversationSummary(target, viewer: viewer)
        else { return summary.channel.kind }
        return targetSummary.channel.kind
    }

    /// Refuses a file the messenger cannot take.
    /// - Throws: 413 `too_large`, or 422 with the rule's code (`forbidden_type`, `no_extension`, `no_public_url`).
    func check(_ file: OutgoingFileRule.File, to kind: ChannelKind) throws {
        guard let refusal = OutgoingFileRule.refusal(for: file, to: kind, publicLinks: publicLinks) else { return }
        throw APIError(refusal.code == "too_large" ? .contentTooLarge : .unprocessableContent, code: refusal.code, message: refusal.message)
    }

    /// Refuses a reply whose uploads the messenger cannot take (uploads made without naming the conversation).
    func check(_ attachments: [Attachment], to kind: ChannelKind) throws {
        for attachment in attachments where attachment.storedPath != nil {
            let file = OutgoingFileRule.File(
                name: attachment.fileName ?? "file",
                mimeType: attachment.mimeType ?? "application/octet-stream",
                byteCount: attachment.byteCount ?? 0
            )
            try check(file, to: kind)
        }
    }
}
