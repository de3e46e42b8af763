import Logging
import PostgresStore
import ServiceLifecycle

/// `service` as it runs on a store of its own, or, on a store several instances share, run only
/// by the instance that holds `role`'s lease (another takes over when that instance dies).
func oneInstanceAtATime(_ service: any Service, role: ClusterRole, switchboard: Switchboard) -> any Service {
    guard let shared = switchboard.store as? PostgresStore else { return service }
    return LeasedService(lease: shared.lease(for: role), service: service)
}

/// What only a store shared by several instances needs: the feed of the other instances' events,
/// and restarts of the channels the other instances changed.
func crossInstanceServices(switchboard: Switchboard, logger: Logger) -> [any Service] {
    guard let shared = switchboard.store as? PostgresStore else { return [] }
    return [
        PostgresEventFeed(store: shared, bus: switchboard.bus, logger: logger),
        ChannelChangeWatcher(store: switchboard.store, bridges: [switchboard.telegram, switchboard.viber], logger: logger),
    ]
}
