import Foundation
public import SwitchboardCore

extension PostgresStore: ReceiptStore {
    public func pruneReceipts(_ cutoffs: ReceiptCutoffs) async throws -> (inbound: Int, early: Int) {
        try await write { db in
            let inbound = try await db.changes(
                sql: "DELETE FROM inbound_receipts WHERE received_at < ?",
                arguments: [cutoffs.inboundBefore.timeIntervalSince1970]
            )
            let early = try await db.changes(
                sql: "DELETE FROM early_receipts WHERE received_at < ?",
                arguments: [cutoffs.earlyBefore.timeIntervalSince1970]
            )
            return (inbound, early)
        }
    }
}
