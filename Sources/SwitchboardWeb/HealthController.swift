public import Hummingbird
import Logging
public import SwitchboardCore

/// Liveness and readiness endpoints for process supervisors and load balancers.
public struct HealthController<Context: RequestContext>: Sendable {
    let store: any Store

    /// Creates the controller.
    public init(store: any Store) {
        self.store = store
    }

    struct Status: ResponseEncodable {
        let status: String
    }

    /// `GET /healthz` (the process answers) and `GET /readyz` (the database answers too).
    public var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("healthz") { _, _ in Status(status: "ok") }
        routes.get("readyz") { _, context -> Status in
            do {
                try await store.ping()
            } catch {
                context.logger.error("readiness check failed", metadata: ["error": "\(error)"])
                throw APIError(.serviceUnavailable, code: "not_ready", message: "The database does not answer.")
            }
            return Status(status: "ready")
        }
        return routes
    }
}
