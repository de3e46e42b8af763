import Foundation
import HTTPTypes
public import Hummingbird
public import SwitchboardCore
public import SwitchboardEngine

/// Admin settings of routing: departments, the desk-wide strategy and escalation words, and each
/// channel's department (operators' capacity and departments are edited in `OperatorAdminController`).
/// Reading departments and the queue is open to every operator (transfer targets, queue view);
/// changing anything is for admins, and every change is audited.
public struct RoutingSettingsController: Sendable {
    let routing: RoutingService
    /// Where every change is recorded, right after it.
    let audit: any AdminStore

    /// Creates the controller.
    public init(routing: RoutingService, audit: any AdminStore) {
        self.routing = routing
        self.audit = audit
    }

    struct DepartmentBody: Decodable {
        let name: String?
        let strategy: String?
        let sticky: Bool?
    }

    struct SettingsBody: Decodable {
        let strategy: String?
        let sticky: Bool?
        let escalationWords: [String]?
    }

    struct ChannelBody: Decodable {
        let defaultDepartmentID: DepartmentID?
        let askDepartment: Bool?
        let answersEveryGroupMessage: Bool?
    }

    var store: any RoutingStore { routing.store }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        let adminsOrKeys = routes.group(context: AdminOrKeyRequestContext.self)
        operators.get("api/v1/departments") { _, _ in
            try JSONResponse.make(Items(items: try await store.departments()))
        }
        adminsOrKeys.post("api/v1/departments") { request, context in
            let body = try await JSONResponse.decode(DepartmentBody.self, from: request, limit: 16 * 1024)
            guard let name = try Self.name(body.name) else {
                throw APIError(.badRequest, code: "invalid_name", message: "A department needs a name.")
            }
            let queue = try Self.queueRouting(body, current: QueueRouting())
            let created = try await StoreErrorMapping.mapped { try await store.createDepartment(name: name, routing: queue) }
            try await audit.record(
                "department.created",
                target: Self.target(created),
                changes: AuditChanges.between(nil, created),
                actor: context.actor
            )
            return try JSONResponse.make(created, status: .created)
        }
        adminsOrKeys.patch("api/v1/departments/:id") { request, context in
            let id = DepartmentID(try Self.id(context))
            let body = try await JSONResponse.decode(DepartmentBody.self, from: request, limit: 16 * 1024)
            let current = try await store.departments().first { $0.department.id == id }
            guard let current else { throw APIError(.notFound, code: "not_found", message: "No such department.") }
            let queue = try Self.queueRouting(body, current: current.routing)
            let name = try Self.name(body.name)
            let saved = try await StoreErrorMapping.mapped { try await store.updateDepartment(id, name: name, routing: queue) }
            try await audit.record(
                "department.updated",
                target: Self.target(saved),
                changes: AuditChanges.between(current, saved),
                actor: context.actor
            )
            try await routing.assignWaiting()
            return try JSONResponse.make(saved)
        }
        operators.get("api/v1/queue") { _, _ in
            try JSONResponse.make(Items(items: try await store.queue()))
        }
        addSettings(to: routes)
        return routes
    }

    private func addSettings(to routes: RouteCollection<InboxRequestContext>) {
        let adminsOrKeys = routes.group(context: AdminOrKeyRequestContext.self)
        adminsOrKeys.get("api/v1/settings/routing") { _, context in
            try JSONResponse.make(try await store.routingSettings())
        }
        adminsOrKeys.put("api/v1/settings/routing") { request, context in
            let body = try await JSONResponse.decode(SettingsBody.self, from: request, limit: 64 * 1024)
            var settings = try await store.routingSettings()
            let before = settings
            settings.defaultRouting = try Self.queueRouting(
                DepartmentBody(name: nil, strategy: body.strategy, sticky: body.sticky),
                current: settings.defaultRouting
            )
            if let words = body.escalationWords { settings.escalationWords = try Self.escalationWords(words) }
            try await store.saveRoutingSettings(settings)
            try await audit.record(
                "routing.updated",
                target: "routing settings",
                changes: AuditChanges.between(before, settings),
                actor: context.actor
            )
            try await routing.assignWaiting()
            return try JSONResponse.make(settings)
        }
        adminsOrKeys.get("api/v1/settings/channels/:id/routing") { _, context in
            let id = ChannelID(try Self.id(context))
            return try JSONResponse.make(try await StoreErrorMapping.mapped { try await store.channelRouting(id) })
        }
        adminsOrKeys.put("api/v1/settings/channels/:id/routing") { request, context in
            let id = ChannelID(try Self.id(context))
            let body = try await JSONResponse.decode(ChannelBody.self, from: request, limit: 16 * 1024)
            var current = try await StoreErrorMapping.mapped { try await store.channelRouting(id) }
            let before = current
            current.defaultDepartmentID = body.defaultDepartmentID
            current.askDepartment = body.askDepartment ?? current.askDepartment
            current.answersEveryGroupMessage = body.answersEveryGroupMessage ?? current.answersEveryGroupMessage
            try await StoreErrorMapping.mapped { [current] in try await store.saveChannelRouting(current) }
            try await audit.record("channel.updated", target: "channel \(id)", changes: AuditChanges.between(before, current), actor: context.actor)
            return try JSONResponse.make(current)
        }
    }

    /// The audit log's name for a department: `department 2 (Billing)`.
    static func target(_ department: DepartmentRouting) -> String {
        "department \(department.department.id) (\(department.department.name))"
    }

    static func id(_ context: some RequestContext) throws -> Int64 {
        guard let raw = context.parameters.get("id"), let id = Int64(raw) else {
            throw APIError(.notFound, code: "not_found", message: "No such record.")
        }
        return id
    }

    static func name(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw APIError(.badRequest, code: "invalid_name", message: "A name has 1 to 100 characters.")
        }
        return name
    }

    static func queueRouting(_ body: DepartmentBody, current: QueueRouting) throws -> QueueRouting {
        var routing = current
        if let raw = body.strategy {
            guard let strategy = AssignmentStrategy(rawValue: raw) else {
                throw APIError(.badRequest, code: "invalid_strategy", message: "strategy must be round_robin or least_loaded.")
            }
            routing.strategy = strategy
        }
        routing.sticky = body.sticky ?? routing.sticky
        return routing
    }

    static func escalationWords(_ raw: [String]) throws -> [String] {
        let words = raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard words.count <= 100, words.allSatisfy({ !$0.isEmpty && $0.count <= 64 && $0.contains(where: \.isLetter) }) else {
            throw APIError(.badRequest, code: "invalid_words", message: "Up to 100 escalation words of 1 to 64 characters, each with a letter.")
        }
        return words
    }
}
