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
                    target: Self.target(id, key.name),
                    changes: ["revoked": change],
                    context: context
                )
            }
            return JSONResponse.noContent
        }
        return routes
    }

    /// The audit log's name for a key: `api key 2 (website)`.
    static func target(_ id: Int64, _ name: String) -> String { "api key \(id) (\(name))" }

    /// Creates a key named `name`, records `api_key.created` (without the key) as `actor`, and
    /// returns it with its secret, which is shown this once.
    /// - Throws: 400 for a bad name, 409 when the name is taken.
    static func create(name: String, store: any ContinuityStore, audit: any AuditStore, by actor: AuditActor, at now: Date) async throws -> Created {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else {
            throw APIError(.badRequest, code: "invalid_name", message: "name must be 1 to 64 characters.")
        }
        let key = APIKeyTokens.newKey()
        do {
            // Only the hash and the last four characters are kept: the key itself cannot be shown again.
            let masked = "••••" + key.suffix(4)
            let stored = try await store.createAPIKey(name: name, keyHash: SessionTokens.hash(key), maskedKey: masked, at: now)
            let changes: [String: AuditChange] = ["name": AuditChange(from: .null, to: .string(stored.name)), "key": .secret]
            try await audit.recordAudit(
                AuditEntry(at: now, actor: actor, action: "api_key.created", target: target(stored.id, stored.name), changes: changes)
            )
            return Created(id: stored.id, name: stored.name, key: key, maskedKey: masked, createdAt: stored.createdAt)
        } catch StoreError.conflict {
            throw APIError(.conflict, code: "conflict", message: "An API key named \(name) exists.")
        }
    }
}

/// Creates API keys outside HTTP (the `apikey add` command).
public enum APIKeyIssuer {
    /// Creates a key, records it in the audit log as made by `actor`, and returns the secret, to be shown once.
    /// - Throws: `APIError` for a bad or taken name.
    public static func issue(
        name: String,
        store: any ContinuityStore & AuditStore,
        by actor: AuditActor,
        at now: Date
    ) async throws -> (id: Int64, key: String) {
        let created = try await APIKeyController.create(name: name, store: store, audit: store, by: actor, at: now)
        return (created.id, created.key)
    }
}
