public import Hummingbird
public import Logging
import SwitchboardWeb

/// The `/metrics` route, with the database-backed gauges read at scrape time.
func metricsRoutes(_ switchboard: Switchboard) -> RouteCollection<AppRequestContext> {
    MetricsController(metrics: switchboard.metrics) { [store = switchboard.store, metrics = switchboard.metrics] in
        let counts = try await store.queueCounts()
        metrics.setQueues(outboxPending: counts.outboxPending, waitingConversations: counts.waitingConversations)
    }.routes
}

/// The listener of `SWITCHBOARD_METRICS_ADDRESS`: `/metrics` and nothing else, so monitoring can reach it
/// on an internal address while the public listener, behind the proxy, does not serve it at all.
public func buildMetricsApplication(switchboard: Switchboard, address: MetricsAddress, logger: Logger) -> some ApplicationProtocol {
    let router = Hummingbird.Router(context: AppRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: JSONErrorMiddleware())
    router.addRoutes(metricsRoutes(switchboard))
    return Application(
        router: router,
        configuration: .init(address: .hostname(address.host, port: address.port), serverName: "Switchboard metrics"),
        logger: logger
    )
}
