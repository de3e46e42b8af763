import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: ReceiptStore {
    public func pruneReceipts(_ cutoffs: ReceiptCutoffs) async throws -> (inbound: Int, early: Int) {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM inbound_receipts WHERE received_at < ?", arguments: [cutoffs.inboundBefore.timeIntervalSince1970])
            let inbound = db.changesCount
            try db.execute(sql: "DELETE FROM early_receipts WHERE received_at < ?", arguments: [cutoffs.earlyBefore.timeIntervalSince1970])
            return (inbound, db.changesCount)
        }
    }
}
