import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore
public import SwitchboardEngine

/// `GET`/`PUT /api/v1/operators/me/presence` (the inbox's status control and heartbeat) and
/// `GET /api/v1/operators/:id/presence-log` (supervisors and admins: the schedule analytics reads).
public struct PresenceController: Sendable {
    let routing: RoutingService

    /// Creates the controller.
    public init(routing: RoutingService) {
        self.routing = routing
    }

    struct Change: Decodable {
        let status: String
    }

    struct PresenceDTO: Encodable {
        let operatorID: OperatorID
        let status: PresenceStatus
        /// Seconds without a session before the operator goes offline by itself.
        let timeoutSeconds: Int
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let supervisors = routes.group(context: SupervisorRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.get("api/v1/operators/me/presence") { _, context in
            // Loaded by SessionMiddleware for this request; reading it is also the inbox's heartbeat
            // (PresenceMiddleware has noted the activity).
            try JSONResponse.make(dto(context.signedIn.account))
        }
        operators.put("api/v1/operators/me/presence") { request, context in
            let signedIn = context.signedIn
            let body = try await JSONResponse.decode(Change.self, from: request, limit: 4096)
            guard let status = PresenceStatus(rawValue: body.status) else {
                throw APIError(.badRequest, code: "invalid_status", message: "status must be online, away or offline.")
            }
            let account = try await StoreErrorMapping.mapped { try await routing.setPresence(signedIn.account.id, to: status) }
            return try JSONResponse.make(dto(account))
        }
        supervisors.get("api/v1/operators/:id/presence-log") { _, context in
            guard let raw = context.parameters.get("id"), let id = Int64(raw) else { throw Self.unknown }
            return try JSONResponse.make(Items(items: try await routing.store.presenceLog(of: OperatorID(id))))
        }
        return routes
    }

    static let unknown = APIError(.notFound, code: "not_found", message: "No such operator.")

    private func dto(_ account: Operator) -> PresenceDTO {
        PresenceDTO(operatorID: account.id, status: account.status, timeoutSeconds: Int(routing.configuration.presenceTimeout))
    }
}
