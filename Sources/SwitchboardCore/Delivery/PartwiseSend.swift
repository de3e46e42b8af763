/// Sends the parts of one reply in order, skipping those an earlier attempt got accepted, so a retry
/// never shows the client a part twice.
///
/// Adapters describe their parts (the same split every time: splitting is deterministic) and send one
/// part per call; the rule of what to skip and how to report a part's failure lives here.
public enum PartwiseSend {
    /// Sends parts `progress.acknowledgedParts.count ..< partCount` through `send`.
    /// - Parameters:
    ///   - partCount: how many parts the reply has.
    ///   - progress: the parts accepted on earlier attempts.
    ///   - send: sends part `index` and returns the messenger's id for it.
    /// - Returns: the ids of every part, earlier attempts' first.
    /// - Throws: `PartialDeliveryFailure` naming every part accepted so far when this call got at least
    ///   one part accepted before another failed; else the part's `DeliveryFailure` (an error that is not
    ///   one counts as transient), as for a message of one part.
    public static func run(
        partCount: Int,
        resuming progress: DeliveryProgress,
        send: (Int) async throws -> String
    ) async throws -> [String] {
        let earlier = min(progress.acknowledgedParts.count, partCount)
        var accepted = Array(progress.acknowledgedParts.prefix(partCount))
        while accepted.count < partCount {
            do {
                accepted.append(try await send(accepted.count))
            } catch {
                let failure = error as? DeliveryFailure ?? .transient(reason: "\(error)")
                guard accepted.count > earlier else { throw failure }
                throw PartialDeliveryFailure(progress: DeliveryProgress(acknowledgedParts: accepted), failure: failure)
            }
        }
        return accepted
    }
}
