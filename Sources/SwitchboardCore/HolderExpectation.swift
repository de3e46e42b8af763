/// Who an operator saw holding a conversation when they pressed Take, Assign or Transfer: the change
/// applies only while that is still true (compare-and-set), so two simultaneous takes cannot both win.
public enum HolderExpectation: Sendable, Equatable {
    /// No expectation: routing, automation and the demo assign whatever the holder is.
    case anyone
    /// The holder the operator saw; nil means it was waiting in the queue.
    case holder(OperatorID?)

    /// Whether the conversation's actual holder is the expected one.
    public func isMet(by actual: OperatorID?) -> Bool {
        switch self {
        case .anyone: true
        case .holder(let expected): expected == actual
        }
    }
}

/// The conversation changed hands since the operator looked: someone else took it first.
public struct AssignmentConflict: Error, Equatable, Sendable {
    /// Who holds it now; nil when it went back to the queue.
    public let holder: OperatorID?

    /// Creates the conflict.
    public init(holder: OperatorID?) {
        self.holder = holder
    }
}
