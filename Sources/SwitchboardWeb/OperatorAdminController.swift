import Accounts
public import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore
public import SwitchboardEngine

/// Operator administration (admins): every account with its state, creating, editing, deactivating
/// and reactivating operators. Passwords and avatars are in `OperatorAdminController+Credentials`.
/// Every change is recorded in the audit log in the change's own transaction.
public struct OperatorAdminController: Sendable {
    let dependencies: InboxDependencies
    let routing: RoutingService
    /// Where avatars are published (`<publicURL>/avatars/…`), for Viber to fetch.
    let publicURL: URL

    /// Creates the controller.
    public init(dependencies: InboxDependencies, routing: RoutingService, publicURL: URL) {
        self.dependencies = dependencies
        self.routing = routing
        self.publicURL = publicURL
    }

    struct Create: Decodable {
        let login: String
        let displayName: String
        let password: String
        let role: OperatorRole
    }

    struct Edit: Decodable {
        let displayName: String?
        let role: OperatorRole?
        let active: Bool?
        let maxConcurrent: Int?
        let departmentIDs: [DepartmentID]?
    }

    /// The answer of `PATCH /api/v1/operators/{id}`: the routing fields it always had, plus `active`.
    struct Edited: Encodable {
        let `operator`: Operator
        let departmentIDs: [DepartmentID]
        let active: Bool
    }

    var store: any AdminStore { dependencies.admin }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let admins = routes.group(context: AdminRequestContext.self)
        admins.get("api/v1/admin/operators") { _, _ in
            try JSONResponse.make(Items(items: try await store.operatorAccounts().map(AdminOperatorDTO.init)))
        }
        admins.post("api/v1/operators") { request, context in
            let signedIn = context.admin
            let body = try await JSONResponse.decode(Create.self, from: request, limit: 16 * 1024)
            let login = body.login.trimmingCharacters(in: .whitespaces)
            guard !login.isEmpty, login.count <= 64, !body.displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError(.badRequest, code: "invalid", message: "login and displayName are required.")
            }
            try Self.checkStrength(body.password)
            let hash = try await dependencies.hasher.hash(body.password)
            let draft = OperatorDraft(login: login, displayName: body.displayName, role: body.role, passwordHash: hash)
            do {
                let created = try await store.createOperator(draft, by: .operator(signedIn.account), at: Date())
                return try JSONResponse.make(created, status: .created)
            } catch StoreError.conflict {
                throw APIError(.conflict, code: "conflict", message: "The login \(login) is taken.")
            }
        }
        admins.patch("api/v1/operators/:id") { request, context in
            let signedIn = context.admin
            let id = try Self.id(context)
            let body = try await JSONResponse.decode(Edit.self, from: request, limit: 16 * 1024)
            if let capacity = body.maxConcurrent, !(1...100).contains(capacity) {
                throw APIError(.badRequest, code: "invalid_capacity", message: "maxConcurrent must be between 1 and 100.")
            }
            let edit = OperatorEdit(
                displayName: try Self.displayName(body.displayName),
                role: body.role,
                active: body.active,
                maxConcurrent: body.maxConcurrent,
                departmentIDs: body.departmentIDs
            )
            let outcome = try await Self.refusals {
                try await StoreErrorMapping.mapped { try await store.editOperator(id, edit, by: .operator(signedIn.account), at: Date()) }
            }
            await dependencies.bus.publish(outcome.events)
            // Capacity, departments or a deactivation change who can take what: one routing pass.
            try await routing.assignWaiting()
            let account = outcome.account
            return try JSONResponse.make(Edited(operator: account.operator, departmentIDs: account.departmentIDs, active: account.active))
        }
        addCredentials(to: routes)
        return routes
    }

    /// The operator id in the path.
    /// - Throws: 404 when it is not a number.
    static func id(_ context: some RequestContext) throws -> OperatorID {
        guard let raw = context.parameters.get("id"), let id = Int64(raw) else {
            throw APIError(.notFound, code: "not_found", message: "No such operator.")
        }
        return OperatorID(id)
    }

    /// A trimmed display name, nil when not given.
    /// - Throws: 400 `invalid_name` when empty or longer than 100 characters.
    static func displayName(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw APIError(.badRequest, code: "invalid_name", message: "A display name has 1 to 100 characters.")
        }
        return name
    }

    /// Applies ``PasswordRule``, the same rule the CLI uses.
    /// - Throws: 400 `weak_password` with the rule's sentence.
    static func checkStrength(_ password: String) throws {
        if let problem = PasswordRule.problem(password) {
            throw APIError(.badRequest, code: "weak_password", message: problem.description)
        }
    }

    /// Turns the policy's refusals into 409s the admin page can explain.
    static func refusals<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let refusal as OperatorAdminRefusal {
            switch refusal {
            case .lastAdmin: throw APIError(.conflict, code: "last_admin", message: refusal.description)
            case .deactivatingSelf: throw APIError(.conflict, code: "self", message: refusal.description)
            }
        }
    }
}
