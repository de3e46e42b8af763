import Foundation
import HTTPTypes
public import Hummingbird
public import SwitchboardCore
public import SwitchboardEngine

/// Linking and merging contacts, asking for a phone or a form of address, and labels.
public struct IdentityController: Sendable {
    let dependencies: InboxDependencies
    let continuity: ContinuityService

    /// Creates the controller.
    public init(dependencies: InboxDependencies, continuity: ContinuityService) {
        self.dependencies = dependencies
        self.continuity = continuity
    }

    var store: any InboxStore { dependencies.store }

    struct MergeBody: Decodable {
        let contactID: ContactID
    }

    struct LabelsBody: Decodable {
        let labels: [String]
    }

    struct AskBody: Decodable {
        let text: String?
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let supervisors = routes.group(context: SupervisorRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        supervisors.post("api/v1/contacts/:id/merge") { request, context in
            let signedIn = context.signedIn
            let target = try await visibleContact(context, signedIn.viewer)
            let body = try await JSONResponse.decode(MergeBody.self, from: request, limit: 4 * 1024)
            guard body.contactID != target else {
                throw APIError(.badRequest, code: "same_contact", message: "A contact cannot be merged with itself.")
            }
            guard try await !store.conversations(ofContact: body.contactID, viewer: signedIn.viewer).isEmpty else {
                throw APIError(.badRequest, code: "unknown_contact", message: "contact \(body.contactID) does not exist.")
            }
            do {
                let merge = try await continuity.merge(into: target, from: body.contactID, reason: .manual, by: signedIn.viewer.operatorID)
                return try JSONResponse.make(merge, status: .created)
            } catch StoreError.invalid(let why) {
                throw APIError(.conflict, code: "not_mergeable", message: why)
            }
        }
        supervisors.post("api/v1/merges/:id/undo") { _, context in
            guard let raw = context.parameters.get("id"), let id = Int64(raw) else { throw Self.noMerge }
            do {
                return try JSONResponse.make(try await continuity.undoMerge(id))
            } catch StoreError.notFound {
                throw Self.noMerge
            } catch StoreError.invalid(let why) {
                throw APIError(.conflict, code: "not_undoable", message: why)
            }
        }
        operators.put("api/v1/contacts/:id/labels") { request, context in
            let signedIn = context.signedIn
            let contactID = try await visibleContact(context, signedIn.viewer)
            let labels = try Self.validLabels(try await JSONResponse.decode(LabelsBody.self, from: request, limit: 8 * 1024).labels)
            try await continuity.setLabels(labels, onContact: contactID)
            return try JSONResponse.make(Items(items: try await store.labels(ofContact: contactID)))
        }
        operators.put("api/v1/conversations/:id/labels") { request, context in
            let summary = try await visibleConversation(context)
            let labels = try Self.validLabels(try await JSONResponse.decode(LabelsBody.self, from: request, limit: 8 * 1024).labels)
            try await continuity.setLabels(labels, onConversation: summary.id)
            return try JSONResponse.make(Items(items: try await store.labels(ofConversation: summary.id)))
        }
        operators.post("api/v1/conversations/:id/link-code") { _, context in
            try await continuity.sendLinkCode(in: try await visibleConversation(context).id)
            return JSONResponse.noContent
        }
        operators.post("api/v1/conversations/:id/request-phone") { _, context in
            try await continuity.requestPhone(in: try await visibleConversation(context).id)
            return JSONResponse.noContent
        }
        operators.post("api/v1/conversations/:id/ask-address") { request, context in
            let signedIn = context.signedIn
            let summary = try await visibleConversation(context)
            let body = try await JSONResponse.decode(AskBody.self, from: request, limit: 4 * 1024)
            let language = try await store.contact(summary.contact.id)?.language
            let question = body.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? BotTexts.addressQuestion(language: language)
            guard !question.isEmpty, question.count <= 500 else {
                throw APIError(.badRequest, code: "invalid_text", message: "The question is 1 to 500 characters.")
            }
            // Mark first: an answer that arrives while the question is being sent is still captured.
            try await store.setAskingAddress(summary.contact.id, true)
            let message = try await dependencies.inbox.reply(to: summary, by: signedIn.viewer, text: question, attachments: [])
            let entry = TimelineEntry(message: message, authorName: signedIn.account.displayName, channel: summary.channel)
            return try JSONResponse.make(TimelineMessageDTO(entry), status: .created)
        }
        return routes
    }

    /// Contacts sharing a verified phone with `contactID` that the viewer may see (names of others stay hidden).
    static func visiblePhoneMatches(of contactID: ContactID, store: any InboxStore, viewer: Viewer) async throws -> [ContactRef] {
        var visible: [ContactRef] = []
        for match in try await store.phoneMatches(of: contactID) where try await !store.conversations(ofContact: match.id, viewer: viewer).isEmpty {
            visible.append(match)
        }
        return visible
    }

    static let noMerge = APIError(.notFound, code: "not_found", message: "No such merge.")

    /// Trimmed, unique labels of 1–40 printable characters, at most 20.
    static func validLabels(_ raw: [String]) throws -> [String] {
        guard let labels = LabelRule.normalized(raw) else {
            throw APIError(.badRequest, code: "invalid_labels", message: "Up to 20 labels of 1 to 40 characters each, without control characters.")
        }
        return labels
    }

    private func visibleConversation(_ context: OperatorRequestContext) async throws -> ConversationSummary {
        let viewer = context.signedIn.viewer
        guard let raw = context.parameters.get("id"), let id = Int64(raw),
            let summary = try await store.conversationSummary(ConversationID(id), viewer: viewer)
        else { throw ConversationController.notFound }
        return summary
    }

    private func visibleContact(_ context: some RequestContext, _ viewer: Viewer) async throws -> ContactID {
        guard let raw = context.parameters.get("id"), let id = Int64(raw),
            try await !store.conversations(ofContact: ContactID(id), viewer: viewer).isEmpty
        else { throw APIError(.notFound, code: "not_found", message: "No such contact.") }
        return ContactID(id)
    }
}
