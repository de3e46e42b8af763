import Accounts
public import Foundation
import HTTPTypes
public import Hummingbird
public import SwitchboardCore

/// `GET/POST /api/v1/api-keys`, `DELETE /api/v1/api-keys/{id}` (admins): keys for the context API.
public struct APIKeyController: Sendable {
    let dependencies: InboxDependencies
    let clock: any WallClock

    /// Creates the controller.
    public init(dependencies: InboxDependencies, clock: any WallClock) {
        self.dependencies = dependencies
        self.clock = clock
    }

    struct Create: Decodable {
        let name: String
    }

    /// The key is in this answer only; afterwards only its hash exists.
    struct Created: Encodable {
        let id: Int64
        let name: String
        let key: String
        let maskedKey: String
        let createdAt: Date
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.get("api/v1/api-keys") { _, context in
            _ = try context.requireRole([.admin])
            return try JSONResponse.make(Items(items: try await dependencies.store.apiKeys()))
        }
        routes.post("api/v1/api-keys") { request, context in
            _ = try context.requireRole([.admin])
            let body = try await JSONResponse.decode(Create.self, from: request, limit: 4 * 1024)
            let created = try await Self.create(
                name: body.name,
                store: dependencies.store,
                audit: dependencies.admin,
                by: try context.auditActor(),
                at: clock.now()
            )
            return try JSONResponse.make(created, status: .created)
        }
        routes.delete("api/v1/api-keys/:id") { _, context in
            _ = try context.requireRole([.admin])
            guard let raw = context.parameters.get("id"), let id = Int64(raw) else {
                throw APIError(.notFound, code: "not_found", message: "No such API key.")
            }
            guard let key = try await dependencies.store.apiKeys().first(where: { $0.id == id }) else {
                throw APIError(.notFound, code: "not_found", message: "No such API key.")
            }
            do {
                try await dependencies.store.revokeAPIKey(id, at: clock.now())
            } catch StoreError.notFound {
                throw APIError(.notFound, code: "not_found", message: "No such API key.")
            }
            if key.revokedAt == nil {
                let change = AuditChange(from: .bool(false), to: .bool(true))
                try await dependencies.admin.record(
                    "api_key.revoked",
                    target: APIKeyIssuer.target(id, key.name),
                    changes: ["revoked": change],
                    context: context
                )
            }
            return JSONResponse.noContent
        }
        return routes
    }

    /// Creates a key named `name` through `APIKeyIssuer` and returns it with its secret, which is shown this once.
    /// - Throws: 400 for a bad name, 409 when the name is taken.
    static func create(name: String, store: any InboxStore, audit: any AdminStore, by actor: AuditActor, at now: Date) async throws -> Created {
        do {
            let issued = try await APIKeyIssuer.issue(name: name, store: store, audit: audit, by: actor, at: now)
            return Created(id: issued.id, name: issued.name, key: issued.key, maskedKey: issued.maskedKey, createdAt: issued.createdAt)
        } catch let refusal as APIKeyIssuer.Refusal {
            switch refusal {
            case .invalidName: throw APIError(.badRequest, code: "invalid_name", message: refusal.description)
            case .nameTaken: throw APIError(.conflict, code: "conflict", message: refusal.description)
            }
        }
    }
}
