import SwitchboardCore

/// The open inbox streams per operator, so one operator (or a stolen cookie) cannot hold
/// an unbounded number of sockets and bus subscriptions.
actor OpenStreams {
    private var counts: [OperatorID: Int] = [:]

    /// Creates an empty registry.
    init() {}

    /// How many streams the operator holds open.
    func count(of operatorID: OperatorID) -> Int {
        counts[operatorID, default: 0]
    }

    /// Takes a place for a new stream; false when the operator already holds `limit`.
    func enter(_ operatorID: OperatorID, limit: Int) -> Bool {
        let held = counts[operatorID, default: 0]
        guard held < limit else { return false }
        counts[operatorID] = held + 1
        return true
    }

    /// Gives a stream's place back.
    func leave(_ operatorID: OperatorID) {
        let held = counts[operatorID, default: 0] - 1
        counts[operatorID] = held > 0 ? held : nil
    }
}
