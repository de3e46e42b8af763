/// The cap on password checks running at once in one process (``SignInLimits/maxInFlight``): bcrypt
/// is slow on purpose, so the excess is refused, not queued. It guards this process's CPU, so it is
/// never shared between instances.
public struct PasswordCheckSlots: Sendable {
    /// Checks allowed at once.
    public let capacity: Int
    /// Checks running now.
    public private(set) var taken = 0

    /// Creates free slots.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Takes a slot; false when every slot is taken.
    public mutating func take() -> Bool {
        guard taken < capacity else { return false }
        taken += 1
        return true
    }

    /// Gives a slot back.
    public mutating func giveBack() {
        taken = max(0, taken - 1)
    }
}
