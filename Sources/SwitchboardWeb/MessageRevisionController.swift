import Foundation
public import Hummingbird
import SwitchboardCore
import SwitchboardEngine

/// Edits and deletions of sent replies, and the earlier texts of any edited message.
///
/// `PATCH` and `DELETE` are for signed-in operators (an API key writes as the bot, and the bot's
/// messages are not revised); what is allowed is `RevisionRule`'s decision, and a refusal is a 4xx
/// with its reason. The revision is stored before the messenger hears of it.
public struct MessageRevisionController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    struct EditBody: Decodable {
        let text: String
    }

    /// The earlier texts of a message.
    struct EditsDTO: Encodable {
        let messageID: MessageID
        let text: String
        let editedAt: Date?
        let deletedAt: Date?
        let edits: [MessageEdit]
    }

    /// The routes under `/api/v1/conversations/{id}/messages/{messageID}`.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.patch("api/v1/conversations/:id/messages/:messageID") { request, context in
            let body = try await JSONResponse.decode(EditBody.self, from: request)
            guard body.text.count <= 20_000 else { throw APIError(.badRequest, code: "too_long", message: "A reply is at most 20,000 characters.") }
            return try await revise(.edit(text: body.text), context)
        }
        operators.delete("api/v1/conversations/:id/messages/:messageID") { _, context in
            try await revise(.delete, context)
        }
        routes.group(context: ReaderRequestContext.self).get("api/v1/conversations/:id/messages/:messageID/edits") { _, context in
            let (summary, messageID) = try await target(context, viewer: context.viewer)
            guard let (message, edits) = try await dependencies.revisions.edits(of: messageID, in: summary.id) else {
                throw Self.refusal(.notFound)
            }
            return try JSONResponse.make(
                EditsDTO(messageID: message.id, text: message.text, editedAt: message.editedAt, deletedAt: message.deletedAt, edits: edits)
            )
        }
        return routes
    }

    private func revise(_ change: RevisionRequest.Change, _ context: OperatorRequestContext) async throws -> Response {
        let viewer = context.signedIn.viewer
        let (summary, messageID) = try await target(context, viewer: viewer)
        let request = RevisionRequest(messageID: messageID, conversationID: summary.id, viewer: viewer, change: change)
        let message: Message
        do {
            message = try await dependencies.revisions.revise(request)
        } catch let refusal as RevisionRefusal {
            throw Self.refusal(refusal)
        }
        let author = try await authorName(message)
        let entry = TimelineEntry(
            message: message,
            authorName: author,
            channel: summary.channel,
            revision: RevisionStatus(kind: change.kind, state: .queued)
        )
        return try JSONResponse.make(TimelineMessageDTO(entry))
    }

    /// The conversation (404 unless the viewer may see it) and the message id of the path.
    private func target(_ context: some RequestContext, viewer: Viewer) async throws -> (ConversationSummary, MessageID) {
        let notFound = APIError(.notFound, code: "not_found", message: "No such conversation.")
        guard let raw = context.parameters.get("id"), let id = Int64(raw) else { throw notFound }
        guard let summary = try await dependencies.store.conversationSummary(ConversationID(id), viewer: viewer) else { throw notFound }
        guard let rawMessage = context.parameters.get("messageID"), let messageID = Int64(rawMessage) else {
            throw Self.refusal(.notFound)
        }
        return (summary, MessageID(messageID))
    }

    private func authorName(_ message: Message) async throws -> String? {
        guard case .operator(let id) = message.author else { return nil }
        return try await dependencies.store.viewer(id)?.0.displayName
    }

    /// The API's answer to a refusal: 404 for a message that is not there, 403 for someone else's reply,
    /// 422 when the messenger cannot do it at all, 400 for a bad new text, 409 for a reply in the wrong state.
    static func refusal(_ refusal: RevisionRefusal) -> APIError {
        let status: HTTPResponse.Status =
            switch refusal {
            case .notFound: .notFound
            case .notAllowed: .forbidden
            case .messengerCannotRevise: .unprocessableContent
            case .unchanged, .empty, .tooLong: .badRequest
            case .notAReply, .notSent, .deleted, .windowClosed, .severalParts: .conflict
            }
        return APIError(status, code: refusal.code, message: refusal.message)
    }
}
