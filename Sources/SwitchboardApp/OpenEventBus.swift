public import SwitchboardCore
import SwitchboardEngine

/// The event bus `serve` runs with, for tools that wire their own services on a store (the
/// benchmarks), so they name the port and the composition root picks the bus.
/// - Parameter log: the store's event log, which subscribers that fell behind read.
public func openEventBus(log: any EventLog) -> any EventBus {
    InProcessEventBus(log: log)
}
