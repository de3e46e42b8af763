public import Foundation

/// Waits until `condition` holds, checking every 20 ms, for real asynchronous work (HTTP, services).
/// - Throws: `EventuallyTimeout` when `timeout` passes first, or what `condition` throws.
public func eventually(
    timeout: Duration = .seconds(10),
    _ what: @autoclosure () -> String = "condition",
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw EventuallyTimeout(what: what()) }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// A condition did not hold in time.
public struct EventuallyTimeout: Error, CustomStringConvertible {
    public let what: String
    public var description: String { "timed out waiting for \(what)" }
}
