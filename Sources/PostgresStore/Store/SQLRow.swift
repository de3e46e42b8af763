import Foundation
import PostgresNIO
import SwitchboardCore

/// One result row, read by column name the way the SQLite store reads GRDB rows: `try row["id"]`
/// gives whatever type the caller asks for, converting between PostgreSQL's integer, float and
/// numeric types, so an aggregate's result type (`SUM` of `BIGINT` is `NUMERIC`) is not the caller's problem.
struct SQLRow: Sendable {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    /// The column's value as `T`; NULL is an error unless `T` is optional.
    subscript<T: SQLColumnValue>(_ column: String) -> T {
        get throws {
            guard row.contains(column) else { throw StoreError.invalid("no column \(column) in the result") }
            return try T.decode(SQLCell(row[column]))
        }
    }

    /// The value of the column at `index`, counting from 0.
    subscript<T: SQLColumnValue>(at index: Int) -> T {
        get throws {
            try T.decode(SQLCell(row[index]))
        }
    }

    func hasColumn(_ column: String) -> Bool {
        row.contains(column)
    }
}

/// A cell reduced to the five kinds of value SQLite has.
enum SQLCell {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        let name = cell.columnName
        switch cell.dataType {
        case .int2, .int4, .int8:
            self = .integer(try cell.decode(Int64.self))
        case .float4, .float8:
            self = .real(try cell.decode(Double.self))
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            let number = NSDecimalNumber(decimal: decimal)
            self = decimal == decimal.rounded() ? .integer(number.int64Value) : .real(number.doubleValue)
        case .bool:
            self = .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea:
            self = .blob(try cell.decode(Data.self))
        case .text, .varchar, .name, .bpchar, .unknown, .json, .jsonb:
            self = .text(try cell.decode(String.self))
        default:
            throw StoreError.invalid("column \(name) has a type (\(cell.dataType)) the store does not read")
        }
    }
}

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}

/// A type a column converts to, with SQLite's conversions between numbers.
protocol SQLColumnValue {
    static func decode(_ cell: SQLCell) throws -> Self
}

struct SQLDecodingError: Error, CustomStringConvertible {
    let expected: String
    let cell: SQLCell

    var description: String { "cannot read \(cell) as \(expected)" }
}

extension Int64: SQLColumnValue {
    static func decode(_ cell: SQLCell) throws -> Int64 {
        switch cell {
        case .integer(let value): return value
        case .real(let value) where value.rounded() == value: return Int64(value)
        default: throw SQLDecodingError(expected: "an integer", cell: cell)
        }
    }
}

extension Int: SQLColumnValue {
    static func decode(_ cell: SQLCell) throws -> Int { Int(try Int64.decode(cell)) }
}

extension Double: SQLColumnValue {
    static func decode(_ cell: SQLCell) throws -> Double {
        switch cell {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: throw SQLDecodingError(expected: "a number", cell: cell)
        }
    }
}

extension Bool: SQLColumnValue {
    static func decode(_ cell: SQLCell) throws -> Bool { try Int64.decode(cell) != 0 }
}

extension String: SQLColumnValue {
    static func decode(_ cell: SQLCell) throws -> String {
        switch cell {
        case .text(let value): return value
        case .blob(let value): return String(decoding: value, as: UTF8.self)
        default: throw SQLDecodingError(expected: "a text", cell: cell)
        }
    }
}

extension Data: SQLColumnValue {
    static func decode(_ cell: SQLCell) throws -> Data {
        switch cell {
        case .blob(let value): return value
        case .text(let value): return Data(value.utf8)
        default: throw SQLDecodingError(expected: "bytes", cell: cell)
        }
    }
}

extension Optional: SQLColumnValue where Wrapped: SQLColumnValue {
    static func decode(_ cell: SQLCell) throws -> Wrapped? {
        if case .null = cell { return nil }
        return try Wrapped.decode(cell)
    }
}
