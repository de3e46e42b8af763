import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore

/// `GET /api/v1/operators` (everyone: transfer targets) and `POST` (admins: new accounts).
public struct OperatorController: Sendable {
    let dependencies: InboxDependencies

    /// Creates the controller.
    public init(dependencies: InboxDependencies) {
        self.dependencies = dependencies
    }

    struct Create: Decodable {
        let login: String
        let displayName: String
        let password: String
        let role: OperatorRole
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.get("api/v1/operators") { _, context in
            _ = try context.requireOperator()
            return try JSONResponse.make(Items(items: try await dependencies.store.operators()))
        }
        routes.post("api/v1/operators") { request, context in
            _ = try context.requireRole([.admin])
            let body = try await JSONResponse.decode(Create.self, from: request, limit: 16 * 1024)
            let login = body.login.trimmingCharacters(in: .whitespaces)
            guard !login.isEmpty, login.count <= 64, !body.displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError(.badRequest, code: "invalid", message: "login and displayName are required.")
            }
            guard body.password.count >= 8 else {
                throw APIError(.badRequest, code: "weak_password", message: "A password has at least 8 characters.")
            }
            let hash = try await dependencies.hasher.hash(body.password)
            do {
                let created = try await dependencies.store.createOperator(
                    OperatorDraft(login: login, displayName: body.displayName, role: body.role, passwordHash: hash)
                )
                return try JSONResponse.make(created, status: .created)
            } catch StoreError.conflict {
                throw APIError(.conflict, code: "conflict", message: "The login \(login) is taken.")
            }
        }
        return routes
    }
}
