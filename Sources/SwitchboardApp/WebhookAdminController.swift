import Foundation
public import Hummingbird
public import SwitchboardCore
public import SwitchboardWeb

/// `/api/v1/webhooks` (admins only): outgoing webhooks, their delivery log and resend, through the
/// same `WebhookAdmin` as `switchboard webhook …`.
public struct WebhookAdminController: Sendable {
    let admin: WebhookAdmin
    let store: any WebhookStore

    /// Creates the controller.
    public init(admin: WebhookAdmin, store: any WebhookStore) {
        self.admin = admin
        self.store = store
    }

    struct Create: Decodable {
        let url: String
        let eventTypes: [String]
        let description: String?
    }

    struct Update: Decodable {
        let url: String?
        let eventTypes: [String]?
        let description: String?
        let enabled: Bool?
    }

    /// The secret is in this answer only; afterwards it exists only sealed.
    struct Created: Encodable {
        let webhook: OutgoingWebhook
        let secret: String
    }

    struct Items<Item: Encodable>: Encodable {
        let items: [Item]
    }

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let adminsOrKeys = routes.group(context: AdminOrKeyRequestContext.self)
        adminsOrKeys.get("api/v1/webhooks") { _, context in
            try JSONResponse.make(Items(items: try await store.outgoingWebhooks()))
        }
        adminsOrKeys.post("api/v1/webhooks") { request, context in
            let body = try await JSONResponse.decode(Create.self, from: request, limit: 16 * 1024)
            let created = try await refusals {
                try await admin.create(url: body.url, eventTypes: body.eventTypes, description: body.description, by: context.actor)
            }
            return try JSONResponse.make(Created(webhook: created.webhook, secret: created.secret), status: .created)
        }
        adminsOrKeys.get("api/v1/webhooks/:id") { _, context in
            try JSONResponse.make(try await existing(context))
        }
        adminsOrKeys.patch("api/v1/webhooks/:id") { request, context in
            let id = try await existing(context).id
            let body = try await JSONResponse.decode(Update.self, from: request, limit: 16 * 1024)
            let webhook = try await refusals {
                try await admin.edit(
                    id,
                    url: body.url,
                    eventTypes: body.eventTypes,
                    description: body.description,
                    enabled: body.enabled,
                    by: context.actor
                )
            }
            return try JSONResponse.make(webhook)
        }
        adminsOrKeys.delete("api/v1/webhooks/:id") { _, context in
            let id = try await existing(context).id
            try await refusals { try await admin.delete(id, by: context.actor) }
            return Response(status: .noContent)
        }
        adminsOrKeys.get("api/v1/webhooks/:id/deliveries") { request, context in
            let id = try await existing(context).id
            let limit = try Self.limit(request)
            return try JSONResponse.make(Items(items: try await store.webhookDeliveries(id, limit: limit)))
        }
        adminsOrKeys.post("api/v1/webhooks/:id/deliveries/:deliveryID/resend") { _, context in
            let id = try await existing(context).id
            guard let raw = context.parameters.get("deliveryID"), let delivery = Int64(raw) else {
                throw APIError(.notFound, code: "not_found", message: "No such delivery.")
            }
            let resent = try await refusals { try await admin.resend(WebhookDeliveryID(delivery), of: id, by: context.actor) }
            return try JSONResponse.make(resent)
        }
        return routes
    }

    private func existing(_ context: AdminOrKeyRequestContext) async throws -> OutgoingWebhook {
        guard let raw = context.parameters.get("id"), let id = Int64(raw), let webhook = try await store.outgoingWebhook(OutgoingWebhookID(id)) else {
            throw APIError(.notFound, code: "not_found", message: "No such webhook.")
        }
        return webhook
    }

    /// `?limit=` between 1 and 500, 100 by default.
    private static func limit(_ request: Request) throws -> Int {
        guard let raw = request.uri.queryParameters.get("limit") else { return 100 }
        guard let limit = Int(raw), (1...500).contains(limit) else {
            throw APIError(.badRequest, code: "invalid_limit", message: "limit must be a number from 1 to 500.")
        }
        return limit
    }

    /// Runs an admin operation; a refusal is a 400 with the sentence, a vanished row a 404.
    private func refusals<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let refusal as WebhookAdmin.Refusal {
            throw APIError(.badRequest, code: "invalid_webhook", message: refusal.description)
        } catch StoreError.notFound(let what) {
            throw APIError(.notFound, code: "not_found", message: "No such \(what).")
        }
    }
}
