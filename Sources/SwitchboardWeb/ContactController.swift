import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore
import SwitchboardEngine

/// `GET`/`PATCH /api/v1/contacts/{id}`: the client panel's data and the preferred form of address;
/// `POST`/`DELETE /api/v1/contacts/{id}/ban` for supervisors and admins.
public struct ContactController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    /// `preferredName` present as null clears it; absent keeps it.
    struct Update: Decodable {
        let preferredName: String??
        let notes: String?

        enum CodingKeys: String, CodingKey {
            case preferredName
            case notes
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            preferredName =
                container.contains(.preferredName)
                ? .some(try container.decodeNil(forKey: .preferredName) ? nil : try container.decode(String.self, forKey: .preferredName)) : .none
            notes = try container.decodeIfPresent(String.self, forKey: .notes)
        }
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.get("api/v1/contacts/:id") { _, context in
            let viewer = context.signedIn.viewer
            let (contact, conversations) = try await visibleContact(context, viewer: viewer)
            let channels = try await dependencies.store.channels()
            let identities = IdentityDTO.list(try await dependencies.store.identities(of: contact.id), channels: channels)
            return try JSONResponse.make(
                ContactDetailDTO(
                    id: contact.id,
                    displayName: contact.displayName,
                    preferredName: contact.preferredName,
                    phone: contact.phone,
                    language: contact.language,
                    notes: contact.notes,
                    identities: identities,
                    conversations: conversations,
                    labels: try await dependencies.store.labels(ofContact: contact.id),
                    merges: try await dependencies.store.merges(into: contact.id),
                    phoneMatches: try await IdentityController.visiblePhoneMatches(of: contact.id, store: dependencies.store, viewer: viewer),
                    ban: try await dependencies.store.ban(of: contact.id)
                )
            )
        }
        operators.patch("api/v1/contacts/:id") { request, context in
            let viewer = context.signedIn.viewer
            let (contact, _) = try await visibleContact(context, viewer: viewer)
            let update = try await JSONResponse.decode(Update.self, from: request, limit: 64 * 1024)
            if let name = update.preferredName ?? nil, name.count > 100 {
                throw APIError(.badRequest, code: "too_long", message: "A preferred name is at most 100 characters.")
            }
            if let notes = update.notes, notes.count > 10_000 {
                throw APIError(.badRequest, code: "too_long", message: "Notes are at most 10,000 characters.")
            }
            let updated = try await dependencies.inbox.updateContact(contact.id, preferredName: update.preferredName, notes: update.notes)
            return try JSONResponse.make(updated)
        }
        let supervisors = routes.group(context: SupervisorRequestContext.self)
        supervisors.post("api/v1/contacts/:id/ban") { request, context in
            let contact = try await bannableContact(context)
            let body = try await JSONResponse.decode(BanRequest.self, from: request, limit: 16 * 1024)
            let ban = try await StoreErrorMapping.mapped {
                try await dependencies.inbox.ban(contact, reason: body.reason, by: .operator(context.signedIn.account))
            }
            return try JSONResponse.make(ban)
        }
        supervisors.delete("api/v1/contacts/:id/ban") { _, context in
            let contact = try await bannableContact(context)
            try await StoreErrorMapping.mapped { try await dependencies.inbox.unban(contact, by: .operator(context.signedIn.account)) }
            return Response(status: .noContent)
        }
        return routes
    }

    struct BanRequest: Decodable {
        let reason: String
    }

    /// The contact a supervisor bans or lets back: an existing one (supervisors see every department).
    private func bannableContact(_ context: SupervisorRequestContext) async throws -> ContactID {
        guard let raw = context.parameters.get("id"), let id = Int64(raw), let contact = try await dependencies.store.contact(ContactID(id)) else {
            throw APIError(.notFound, code: "not_found", message: "No such contact.")
        }
        return contact.id
    }

    /// A contact the viewer may see: one with at least one visible conversation.
    private func visibleContact(_ context: OperatorRequestContext, viewer: Viewer) async throws -> (Contact, [ConversationSummary]) {
        let notFound = APIError(.notFound, code: "not_found", message: "No such contact.")
        guard let raw = context.parameters.get("id"), let id = Int64(raw), let contact = try await dependencies.store.contact(ContactID(id)) else {
            throw notFound
        }
        let conversations = try await dependencies.store.conversations(ofContact: contact.id, viewer: viewer)
        guard !conversations.isEmpty else { throw notFound }
        return (contact, conversations)
    }
}
