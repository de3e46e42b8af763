/// A bcrypt hash of a random password at the hasher's cost, made once: an unknown login is checked
/// against it so that it costs the same time as a known one and timing does not reveal which exist.
public actor DecoyHash {
    let hasher: PasswordHasher
    private var hash: String?

    /// Creates the decoy; the hash is made on first use.
    public init(hasher: PasswordHasher) {
        self.hasher = hasher
    }

    /// The decoy hash.
    /// - Throws: when the thread pool is shut down.
    public func value() async throws -> String {
        if let hash { return hash }
        let made = try await hasher.hash(SecretTokens.random())
        hash = made
        return made
    }
}
