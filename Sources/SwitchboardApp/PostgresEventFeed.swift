import Logging
import PostgresStore
public import ServiceLifecycle
import SwitchboardCore

/// The `serve` service that brings events committed by the other instances on the same PostgreSQL
/// database into this instance's bus, so its WebSocket clients see them.
struct PostgresEventFeed: Service {
    let store: PostgresStore
    let bus: any EventBus
    let logger: Logger

    func run() async throws {
        // The tail starts where the log is now: the bus reads anything older itself when a subscriber asks.
        let start = try await store.latestSeq()
        logger.info("following the events of other instances", metadata: ["after": "\(start)"])
        await cancelWhenGracefulShutdown {
            await store.eventTail(publishingTo: bus, after: start).run()
        }
    }
}
