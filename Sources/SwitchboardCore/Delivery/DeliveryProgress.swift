/// The parts of a multi-part reply (long text split, text and files) the messenger already accepted.
///
/// Parts are sent in order, so progress is a prefix: part `i` was accepted under `acknowledgedParts[i]`.
/// A retry hands it to the adapter, which sends only the parts after it.
public struct DeliveryProgress: Sendable, Equatable {
    /// The messenger's ids of the accepted parts, in sending order.
    public var acknowledgedParts: [String]

    /// Creates progress from the accepted parts' ids.
    public init(acknowledgedParts: [String] = []) {
        self.acknowledgedParts = acknowledgedParts
    }

    /// Nothing sent yet.
    public static let none = DeliveryProgress()

    /// The reason shown for a reply that failed for good, saying how much of it the client already got.
    public func failureReason(_ reason: String) -> String {
        guard !acknowledgedParts.isEmpty else { return reason }
        let parts = acknowledgedParts.count == 1 ? "1 part was" : "\(acknowledgedParts.count) parts were"
        return "\(reason) (\(parts) delivered before this)"
    }
}

/// A multi-part send stopped at one part: the messenger accepted the parts before it.
public struct PartialDeliveryFailure: Error, Sendable, Equatable {
    /// Every part accepted so far, earlier attempts included.
    public var progress: DeliveryProgress
    /// Why the next part was not accepted.
    public var failure: DeliveryFailure

    /// Creates a failure.
    public init(progress: DeliveryProgress, failure: DeliveryFailure) {
        self.progress = progress
        self.failure = failure
    }
}
