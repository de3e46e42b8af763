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
            let created = try await Self.create(name: body.name, store: dependencies.store, at: clock.now())
            return try JSONResponse.make(created, status: .created)
        }
        routes.delete("api/v1/api-keys/:id") { _, context in
            _ = try context.requireRole([.admin])
            guard let raw = context.parameters.get("id"), let id = Int64(raw) else {
                throw APIError(.notFound, code: "not_found", message: "No such API key.")
            }
            do {
                try await dependencies.store.revokeAPIKey(id, at: clock.now())
            } catch StoreError.notFound {
                throw APIError(.notFound, code: "not_found", message: "No such API key.")
            }
            return JSONResponse.noContent
        }
        return routes
    }

    /// Creates a key named `name` and returns it with its secret, which is shown this once.
    /// - Throws: 400 for a bad name, 409 when the name is taken.
    static func create(name: String, store: any ContinuityStore, at now: Date) async throws -> Created {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else {
            throw APIError(.badRequest, code: "invalid_name", message: "name must be 1 to 64 characters.")
        }
        let key = APIKeyTokens.newKey()
        do {
            // Only the hash and the last four characters are kept: the key itself cannot be shown again.
            let masked = "••••" + key.suffix(4)
            let stored = try await store.createAPIKey(name: name, keyHash: SessionTokens.hash(key), maskedKey: masked, at: now)
            return Created(id: stored.id, name: stored.name, key: key, maskedKey: masked, createdAt: stored.createdAt)
        } catch StoreError.conflict {
            throw APIError(.conflict, code: "conflict", message: "An API key named \(name) exists.")
        }
    }
}

/// Creates API keys outside HTTP (the `apikey add` command).
public enum APIKeyIssuer {
    /// Creates a key and returns the secret, to be shown once.
    /// - Throws: `APIError` for a bad or taken name.
    public static func issue(name: String, store: any ContinuityStore, at now: Date) async throws -> (id: Int64, key: String) {
        let created = try await APIKeyController.create(name: name, store: store, at: now)
        return (created.id, created.key)
    }
}
