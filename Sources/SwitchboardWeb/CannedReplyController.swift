import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore

/// `/api/v1/canned-replies`: shared replies (managed by supervisors and admins) and personal ones.
public struct CannedReplyController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    struct Create: Decodable {
        let shortcut: String
        let title: String
        let body: String
        let shared: Bool?
    }

    struct Edit: Decodable {
        let shortcut: String?
        let title: String?
        let body: String?
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.get("api/v1/canned-replies") { _, context in
            let signedIn = context.signedIn
            return try JSONResponse.make(Items(items: try await dependencies.store.cannedReplies(for: signedIn.account.id).map(CannedReplyDTO.init)))
        }
        operators.post("api/v1/canned-replies") { request, context in
            let signedIn = context.signedIn
            let body = try await JSONResponse.decode(Create.self, from: request, limit: 64 * 1024)
            let shared = body.shared ?? false
            if shared { try context.requireRole([.admin, .supervisor]) }
            let reply = try await mapped {
                try await dependencies.store.createCannedReply(
                    shortcut: body.shortcut,
                    title: body.title,
                    body: body.body,
                    ownerID: shared ? nil : signedIn.account.id,
                    at: Date()
                )
            }
            if reply.isShared {
                try await audit.record(
                    "canned_reply.created",
                    target: Self.target(reply),
                    changes: AuditChanges.between(nil, reply),
                    actor: context.auditActor
                )
            }
            return try JSONResponse.make(CannedReplyDTO(reply), status: .created)
        }
        operators.patch("api/v1/canned-replies/:id") { request, context in
            var reply = try await editable(context)
            let before = reply
            let edit = try await JSONResponse.decode(Edit.self, from: request, limit: 64 * 1024)
            reply.shortcut = edit.shortcut ?? reply.shortcut
            reply.title = edit.title ?? reply.title
            reply.body = edit.body ?? reply.body
            let saved = try await mapped { [reply] in try await dependencies.store.updateCannedReply(reply) }
            if saved.isShared {
                try await audit.record(
                    "canned_reply.updated",
                    target: Self.target(saved),
                    changes: AuditChanges.between(before, saved),
                    actor: context.auditActor
                )
            }
            return try JSONResponse.make(CannedReplyDTO(saved))
        }
        operators.delete("api/v1/canned-replies/:id") { _, context in
            let reply = try await editable(context)
            try await dependencies.store.deleteCannedReply(reply.id)
            if reply.isShared {
                try await audit.record(
                    "canned_reply.deleted",
                    target: Self.target(reply),
                    changes: AuditChanges.between(reply, nil),
                    actor: context.auditActor
                )
            }
            return JSONResponse.noContent
        }
        return routes
    }

    /// Shared replies are the desk's, so their changes are audited; personal ones are the operator's own.
    private var audit: any AdminStore { dependencies.admin }

    /// The audit log's name for a reply: `canned reply 4 (hello)`.
    static func target(_ reply: CannedReply) -> String { "canned reply \(reply.id) (\(reply.shortcut))" }

    /// A reply the operator may change: their own, or a shared one for supervisors and admins.
    private func editable(_ context: OperatorRequestContext) async throws -> CannedReply {
        let signedIn = context.signedIn
        guard let raw = context.parameters.get("id"), let id = Int64(raw), let reply = try await dependencies.store.cannedReply(id),
            reply.isShared || reply.ownerID == signedIn.account.id
        else { throw APIError(.notFound, code: "not_found", message: "No such canned reply.") }
        if reply.isShared { try context.requireRole([.admin, .supervisor]) }
        return reply
    }

    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.conflict(let what) {
            throw APIError(.conflict, code: "conflict", message: "\(what) already exists.")
        } catch StoreError.invalid(let why) {
            throw APIError(.badRequest, code: "invalid", message: why)
        }
    }
}
