import Foundation
public import SwitchboardCore

extension PostgresStore {
    /// Loads the arrival times of a channel's send `buckets` (absent: a full bucket) and the
    /// database's clock, lets `decide` (the caller's rule) compute new times, and saves them, in one
    /// transaction holding the buckets' rows, so another instance's decision on them waits.
    ///
    /// It does not take the store's write lock: only these rows are involved, locked in one order
    /// (by bucket), and a send must not queue behind ingest.
    /// - Returns: what `decide` returned.
    public func decideSendSlots<Result: Sendable>(
        channel: ChannelID,
        buckets: [Int64],
        _ decide: @Sendable ([Int64: Double], Double) -> (arrivals: [Int64: Double], result: Result)
    ) async throws -> Result {
        let ordered = Array(Set(buckets)).sorted()
        return try await transaction("BEGIN ISOLATION LEVEL READ COMMITTED", lock: nil) { db in
            for bucket in ordered {
                try await db.execute(
                    sql: "INSERT INTO send_slots (channel_id, bucket, arrival) VALUES (?, ?, 0) ON CONFLICT DO NOTHING",
                    arguments: [channel.rawValue, bucket]
                )
            }
            let rows = try await db.rows(
                sql: """
                    SELECT bucket, arrival, extract(epoch FROM clock_timestamp())::float8 AS now
                    FROM send_slots WHERE channel_id = ? AND bucket = ANY(?) ORDER BY bucket FOR UPDATE
                    """,
                arguments: [channel.rawValue, ordered]
            )
            var arrivals: [Int64: Double] = [:]
            var now = Date().timeIntervalSince1970
            for row in rows {
                let arrival: Double = try row["arrival"]
                // 0 is the row a first reservation inserted: a full bucket.
                if arrival > 0 { arrivals[try row["bucket"]] = arrival }
                now = try row["now"]
            }
            let decided = decide(arrivals, now)
            for (bucket, arrival) in decided.arrivals where ordered.contains(bucket) {
                try await db.execute(
                    sql: "UPDATE send_slots SET arrival = ? WHERE channel_id = ? AND bucket = ?",
                    arguments: [arrival, channel.rawValue, bucket]
                )
            }
            return decided.result
        }
    }
}
