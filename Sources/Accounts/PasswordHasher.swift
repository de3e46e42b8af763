public import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing off the cooperative thread pool: one hash takes a quarter second on purpose.
public struct PasswordHasher: Sendable {
    /// bcrypt cost; tests lower it to keep the suite fast.
    public let cost: UInt8

    /// Creates a hasher.
    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    /// Hashes a password.
    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks a password against a stored hash; an empty hash never matches.
    public func verify(_ password: String, hash: String) async throws -> Bool {
        guard !hash.isEmpty else { return false }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
