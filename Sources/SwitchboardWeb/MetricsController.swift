import HTTPTypes
public import Hummingbird
import Logging
import NIOCore

/// `GET /metrics`: the Prometheus text exposition of this server.
///
/// Gauges that are facts of the database (outbox, waiting conversations) are read at scrape time, so
/// they are exact whatever happened between scrapes. Expose it only to the monitoring network: with
/// `SWITCHBOARD_METRICS_ADDRESS` it has a listener of its own, and the reverse proxy in `deploy/` refuses it.
public struct MetricsController<Context: RequestContext>: Sendable {
    let metrics: ServerMetrics
    let refresh: @Sendable () async throws -> Void

    /// Creates the controller; `refresh` updates the database-backed gauges before each scrape.
    public init(metrics: ServerMetrics, refresh: @escaping @Sendable () async throws -> Void) {
        self.metrics = metrics
        self.refresh = refresh
    }

    /// The `/metrics` route.
    public var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("metrics") { _, context in
            do {
                try await refresh()
            } catch {
                context.logger.error("metrics refresh failed", metadata: ["error": "\(error)"])
                throw APIError(.serviceUnavailable, code: "metrics_unavailable", message: "The database does not answer.")
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        return routes
    }
}
