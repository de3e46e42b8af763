import Foundation
import HTTPTypes
public import Hummingbird
import SwitchboardCore
public import SwitchboardEngine

/// `POST /api/v1/conversations/:id/transfer`: hand a conversation to an operator or to a
/// department's queue, with a note the next operator sees in the assignment event.
public struct TransferController: Sendable {
    let dependencies: InboxDependencies
    let routing: RoutingService

    /// Creates the controller.
    public init(dependencies: InboxDependencies, routing: RoutingService) {
        self.dependencies = dependencies
        self.routing = routing
    }

    struct Body: Decodable {
        let operatorID: OperatorID?
        let departmentID: DepartmentID?
        let note: String?
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        operators.post("api/v1/conversations/:id/transfer") { request, context in
            let signedIn = context.signedIn
            guard let raw = context.parameters.get("id"), let id = Int64(raw),
                let summary = try await dependencies.store.conversationSummary(ConversationID(id), viewer: signedIn.viewer)
            else { throw APIError(.notFound, code: "not_found", message: "No such conversation.") }
            let body = try await JSONResponse.decode(Body.self, from: request, limit: 16 * 1024)
            guard (body.operatorID == nil) != (body.departmentID == nil) else {
                throw APIError(.badRequest, code: "invalid_target", message: "Give exactly one of operatorID or departmentID.")
            }
            guard (body.note ?? "").count <= 2000 else {
                throw APIError(.badRequest, code: "too_long", message: "A note is at most 2,000 characters.")
            }
            guard signedIn.viewer.mayReassign(currentAssignee: summary.assignee?.id) else {
                throw APIError(.forbidden, code: "forbidden", message: "Only its assignee or a supervisor may transfer this conversation.")
            }
            let note = body.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            if let target = body.operatorID {
                do {
                    try await HolderConflict.mapped(dependencies) {
                        try await dependencies.inbox.assign(
                            summary.id,
                            to: target,
                            expecting: .holder(summary.assignee?.id),
                            by: signedIn.viewer,
                            note: note
                        )
                    }
                } catch StoreError.notFound(let what) {
                    throw APIError(.badRequest, code: "unknown_operator", message: "\(what) does not exist.")
                }
            } else if let department = body.departmentID {
                do {
                    try await routing.transfer(summary.id, toDepartment: department, by: signedIn.account.id, note: note)
                } catch StoreError.notFound(let what) {
                    throw APIError(.badRequest, code: "unknown_department", message: "\(what) does not exist.")
                }
            }
            // A supervisor sees the result; an operator who sent it to a department they are not in may not.
            let refreshed = try await dependencies.store.conversationSummary(summary.id, viewer: signedIn.viewer)
            return refreshed.map { try? JSONResponse.make($0) }.flatMap { $0 } ?? JSONResponse.noContent
        }
        return routes
    }
}
