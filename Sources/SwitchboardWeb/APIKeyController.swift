import Accounts
public import Foundation
import HTTPTypes
public import Hummingbird
public import SwitchboardCore

/// `GET/POST /api/v1/api-keys`, `DELETE /api/v1/api-keys/{id}` (admins, or keys with `admin`): keys for the REST API.
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
        /// Scope names; absent: `contexts:write`, what keys could always do.
        let scopes: [String]?
        /// The bot identity its messages are signed with; absent: the key's name.
        let botName: String?
        let ratePerMinute: Int?
    }

    /// The key is in this answer only; afterwards only its hash exists.
    struct Created: Encodable {
        let id: Int64
        let name: String
        let key: String
        let maskedKey: String
        let createdAt: Date
        let scopes: [APIScope]
        let botName: String
        let ratePerMinute: Int?
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let adminsOrKeys = routes.group(context: AdminOrKeyRequestContext.self)
        adminsOrKeys.get("api/v1/api-keys") { _, context in
            try JSONResponse.make(Items(items: try await dependencies.store.apiKeys()))
        }
        adminsOrKeys.post("api/v1/api-keys") { request, context in
            let body = try await JSONResponse.decode(Create.self, from: request, limit: 4 * 1024)
            let created = try await Self.create(
                name: body.name,
                settings: try Self.settings(body),
                store: dependencies.store,
                audit: dependencies.admin,
                by: context.actor,
                at: clock.now()
            )
            return try JSONResponse.make(created, status: .created)
        }
        adminsOrKeys.delete("api/v1/api-keys/:id") { _, context in
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
                // The scopes the key no longer grants, so the log tells what access ended.
                let scopes = AuditChange(from: .array(key.scopes.map { .string($0.rawValue) }), to: .null)
                try await dependencies.admin.record(
                    "api_key.revoked",
                    target: APIKeyIssuer.target(id, key.name),
                    changes: ["revoked": AuditChange(from: .bool(false), to: .bool(true)), "scopes": scopes],
                    actor: context.actor
                )
            }
            return JSONResponse.noContent
        }
        return routes
    }

    /// The settings a create body asks for.
    /// - Throws: 400 `invalid_scope` for an unknown scope name.
    static func settings(_ body: Create) throws -> APIKeySettings {
        var scopes = APIScope.legacy
        if let names = body.scopes {
            scopes = []
            for name in names {
                guard let scope = APIScope(rawValue: name) else {
                    let known = APIScope.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIError(.badRequest, code: "invalid_scope", message: "Unknown scope '\(name)'; scopes are \(known).")
                }
                scopes.insert(scope)
            }
        }
        return APIKeySettings(scopes: scopes, botName: body.botName, ratePerMinute: body.ratePerMinute)
    }

    /// Creates a key named `name` through `APIKeyIssuer` and returns it with its secret, which is shown this once.
    /// - Throws: 400 for a bad name or settings, 409 when the name is taken.
    static func create(
        name: String,
        settings: APIKeySettings,
        store: any InboxStore,
        audit: any AdminStore,
        by actor: AuditActor,
        at now: Date
    ) async throws -> Created {
        do {
            let issued = try await APIKeyIssuer.issue(name: name, settings: settings, store: store, audit: audit, by: actor, at: now)
            return Created(
                id: issued.id,
                name: issued.name,
                key: issued.key,
                maskedKey: issued.maskedKey,
                createdAt: issued.createdAt,
                scopes: issued.stored.scopes,
                botName: issued.stored.botName,
                ratePerMinute: issued.stored.ratePerMinute
            )
        } catch let refusal as APIKeyIssuer.Refusal {
            switch refusal {
            case .invalidName: throw APIError(.badRequest, code: "invalid_name", message: refusal.description)
            case .invalidSettings: throw APIError(.badRequest, code: "invalid_settings", message: refusal.description)
            case .nameTaken: throw APIError(.conflict, code: "conflict", message: refusal.description)
            }
        }
    }
}
