import HTTPTypes
import SwitchboardCore

/// Turns the store's domain errors into the API's 4xx answers for the routing and settings routes.
enum StoreErrorMapping {
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.notFound(let what) {
            throw APIError(.notFound, code: "not_found", message: "\(what) does not exist.")
        } catch StoreError.conflict(let what) {
            throw APIError(.conflict, code: "conflict", message: "\(what) already exists.")
        } catch StoreError.invalid(let why) {
            throw APIError(.badRequest, code: "invalid", message: why)
        }
    }
}
