import PostgresStore
import ServiceLifecycle
import Synchronization

/// A background service that runs on one instance of a cluster at a time: it runs while this
/// instance holds the lease, is cancelled when the lease is lost, and runs again when this
/// instance takes the lease back.
struct LeasedService: Service {
    let lease: PostgresLease
    let service: any Service

    func run() async throws {
        let failure = Mutex<(any Error)?>(nil)
        await cancelWhenGracefulShutdown {
            await lease.run {
                do {
                    try await service.run()
                } catch {
                    failure.withLock { $0 = error }
                }
            }
        }
        // A service that failed by itself fails as it would without the lease: the service group stops.
        if let error = failure.withLock({ $0 }), !(error is CancellationError) { throw error }
    }
}
