import Foundation
import Synchronization

/// A settable clock for window and session tests.
final class ViberTestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_767_225_600))

    /// The current time.
    var now: Date { current.withLock { $0 } }

    /// Moves time forward.
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
