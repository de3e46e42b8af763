public import Foundation

/// Waits until `condition` holds, checking every 20 ms, for real asynchronous work (HTTP, services).
///
/// The default is generous on purpose: the whole suite runs over a thousand tests at once on two
/// cores, and a wait only ends early when the condition holds, so a long limit costs nothing when
/// the code works and only turns a slow machine's false alarm into a pass.
/// - Throws: `EventuallyTimeout` when `timeout` passes first, or what `condition` throws.
public func eventually(
    timeout: Duration = .seconds(30),
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
