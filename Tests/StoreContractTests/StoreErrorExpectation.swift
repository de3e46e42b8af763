import SwitchboardCore
import Testing

/// The case of a `StoreError`, without its message (whose wording is each store's own).
enum StoreErrorCase: String, Sendable {
    case notFound
    case conflict
    case invalid
    case refused
}

extension StoreError {
    /// Which case this is.
    var errorCase: StoreErrorCase {
        switch self {
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalid: .invalid
        case .refused: .refused
        }
    }
}

/// Expects `body` to throw a `StoreError` of the given case.
func expectStoreError<T>(
    _ expected: StoreErrorCase,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async {
    do {
        _ = try await body()
        Issue.record("expected StoreError.\(expected.rawValue), but the operation succeeded", sourceLocation: sourceLocation)
    } catch let error as StoreError {
        #expect(error.errorCase == expected, "got \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected StoreError.\(expected.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
}
