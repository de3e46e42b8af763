import Foundation
import HTTPTypes
import Hummingbird
import SwitchboardCore
import SwitchboardEngine

extension ConversationController {
    struct ReplyBody: Decodable {
        let text: String?
        let attachments: [String]?
        /// Another linked identity of the client to answer through; by default the one they last wrote from.
        let identityID: IdentityID?
        /// A map point to send after the text.
        let location: LocationBody?
        /// A contact card to send after the text.
        let contact: ContactBody?
    }

    struct LocationBody: Decodable {
        let latitude: Double
        let longitude: Double
    }

    struct ContactBody: Decodable {
        let phone: String
        let firstName: String
        let lastName: String?
    }

    struct NoteBody: Decodable {
        let text: String
    }

    struct AssignBody: Decodable {
        let operatorID: OperatorID
        let note: String?
    }

    /// Replies, notes, take, assign, lifecycle actions and typing.
    func addActions(to routes: RouteCollection<InboxRequestContext>) {
        let operators = routes.group(context: OperatorRequestContext.self)
        routes.group(context: AuthorRequestContext.self).post("api/v1/conversations/:id/messages") { request, context in
            let viewer = context.viewer
            let summary = try await visibleConversation(context, viewer: viewer)
            let body = try await JSONResponse.decode(ReplyBody.self, from: request)
            let text = body.text ?? ""
            guard text.count <= 20_000 else { throw APIError(.badRequest, code: "too_long", message: "A reply is at most 20,000 characters.") }
            let uploads = try (body.attachments ?? []).map { try Uploads.attachment(forUpload: $0, in: dependencies.mediaDirectory) }
            let sharedItems = try Self.sharedItems(body)
            let attachments = uploads + sharedItems
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !attachments.isEmpty else {
                throw APIError(.badRequest, code: "empty", message: "A reply needs text or an attachment.")
            }
            let target = try await replyTarget(summary, identityID: body.identityID, viewer: viewer)
            if !sharedItems.isEmpty, !Attachment.sharedItemsReach(target.channel.kind) {
                throw APIError(
                    .badRequest,
                    code: "unsupported_attachment",
                    message: "Locations and contacts can be sent to Telegram clients only; this reply goes to \(target.channel.kind.rawValue)."
                )
            }
            try MessengerFileCheck(store: store, publicLinks: dependencies.fileLinks != nil).check(attachments, to: target.channel.kind)
            switch context.author {
            case .apiKey(let key):
                let message = try await dependencies.inbox.post(by: key, in: target, text: text, attachments: attachments)
                let entry = TimelineEntry(message: message, authorName: key.botName, channel: target.channel)
                return try JSONResponse.make(TimelineMessageDTO(entry), status: .created)
            case .signedIn(let signedIn):
                let message = try await dependencies.inbox.reply(to: target, by: signedIn.viewer, text: text, attachments: attachments)
                return try JSONResponse.make(TimelineMessageDTO(entry(message, signedIn, target)), status: .created)
            }
        }
        operators.post("api/v1/conversations/:id/notes") { request, context in
            let signedIn = context.signedIn
            let summary = try await visibleConversation(context, viewer: signedIn.viewer)
            let body = try await JSONResponse.decode(NoteBody.self, from: request)
            guard !body.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw APIError(.badRequest, code: "empty", message: "A note needs text.")
            }
            let message = try await dependencies.inbox.note(on: summary.id, by: signedIn.viewer, text: body.text)
            return try JSONResponse.make(TimelineMessageDTO(entry(message, signedIn, summary)), status: .created)
        }
        operators.post("api/v1/conversations/:id/take") { _, context in
            let signedIn = context.signedIn
            let summary = try await visibleConversation(context, viewer: signedIn.viewer)
            guard signedIn.viewer.mayReassign(currentAssignee: summary.assignee?.id) else {
                throw APIError(.conflict, code: "taken", message: "\(summary.assignee?.displayName ?? "Someone") already has this conversation.")
            }
            try await HolderConflict.mapped(dependencies) {
                try await dependencies.inbox.assign(
                    summary.id,
                    to: signedIn.viewer.operatorID,
                    expecting: .holder(summary.assignee?.id),
                    by: signedIn.viewer,
                    note: nil
                )
            }
            return try await refreshed(summary.id, signedIn)
        }
        operators.post("api/v1/conversations/:id/assign") { request, context in
            let signedIn = context.signedIn
            let summary = try await visibleConversation(context, viewer: signedIn.viewer)
            let body = try await JSONResponse.decode(AssignBody.self, from: request)
            guard signedIn.viewer.mayReassign(currentAssignee: summary.assignee?.id) else {
                throw APIError(.forbidden, code: "forbidden", message: "Only its assignee or a supervisor may transfer this conversation.")
            }
            do {
                try await HolderConflict.mapped(dependencies) {
                    try await dependencies.inbox.assign(
                        summary.id,
                        to: body.operatorID,
                        expecting: .holder(summary.assignee?.id),
                        by: signedIn.viewer,
                        note: body.note
                    )
                }
            } catch StoreError.notFound(let what) {
                throw APIError(.badRequest, code: "unknown_operator", message: "\(what) does not exist.")
            }
            return try await refreshed(summary.id, signedIn)
        }
        for (path, trigger) in [("resolve", ConversationTrigger.resolve), ("reopen", .reopen), ("pending", .markPending)] {
            operators.post("api/v1/conversations/:id/\(path)") { _, context in
                let signedIn = context.signedIn
                let summary = try await visibleConversation(context, viewer: signedIn.viewer)
                do {
                    try await dependencies.inbox.transition(summary.id, trigger)
                } catch StoreError.refused(let refusal) {
                    throw APIError(.conflict, code: "refused", message: refusal.description)
                }
                return try await refreshed(summary.id, signedIn)
            }
        }
        operators.post("api/v1/conversations/:id/typing") { _, context in
            let signedIn = context.signedIn
            let summary = try await visibleConversation(context, viewer: signedIn.viewer)
            try await dependencies.inbox.typing(in: summary)
            return JSONResponse.noContent
        }
    }

    /// The location and contact of a reply body, as attachments.
    /// - Throws: 400 `invalid_location` / `invalid_contact` naming what is wrong.
    static func sharedItems(_ body: ReplyBody) throws -> [Attachment] {
        var items: [Attachment] = []
        do {
            if let location = body.location { items.append(try Attachment.location(latitude: location.latitude, longitude: location.longitude)) }
        } catch {
            throw APIError(.badRequest, code: "invalid_location", message: "The location is not valid: \(error.reason).")
        }
        do {
            if let contact = body.contact {
                items.append(try Attachment.contact(phone: contact.phone, firstName: contact.firstName, lastName: contact.lastName))
            }
        } catch {
            throw APIError(.badRequest, code: "invalid_contact", message: "The contact is not valid: \(error.reason).")
        }
        return items
    }

    /// The conversation a reply lands in: the chosen identity's, else the one the client last wrote from.
    private func replyTarget(_ summary: ConversationSummary, identityID: IdentityID?, viewer: Viewer) async throws -> ConversationSummary {
        guard let id = try await store.replyConversation(contactID: summary.contact.id, identityID: identityID) else {
            if identityID != nil {
                throw APIError(.badRequest, code: "unknown_identity", message: "identityID is not one of this client's messengers.")
            }
            return summary
        }
        return try await store.conversationSummary(id, viewer: viewer) ?? summary
    }

    private func refreshed(_ id: ConversationID, _ signedIn: SignedInOperator) async throws -> Response {
        guard let summary = try await store.conversationSummary(id, viewer: signedIn.viewer) else { throw Self.notFound }
        return try JSONResponse.make(summary)
    }

    private func entry(_ message: Message, _ signedIn: SignedInOperator, _ summary: ConversationSummary) -> TimelineEntry {
        TimelineEntry(message: message, authorName: signedIn.account.displayName, channel: summary.channel)
    }
}
