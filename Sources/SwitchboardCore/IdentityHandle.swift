/// How a client's messenger account is written for operators: `@username` when the messenger
/// gave one, otherwise the profile name.
public enum IdentityHandle {
    /// What the store holds of one account.
    public struct Account: Sendable, Equatable {
        public var username: String?
        public var profileName: String?

        /// Creates an account; empty texts count as missing.
        public init(username: String?, profileName: String?) {
            self.username = username?.isEmpty == false ? username : nil
            self.profileName = profileName?.isEmpty == false ? profileName : nil
        }
    }

    /// The one handle of an account: its `@username`, else its profile name, else none.
    public static func preferred(_ account: Account) -> String? {
        account.username.map { "@\($0)" } ?? account.profileName
    }

    /// Every handle of a client's accounts, each once, in the accounts' order (username before
    /// profile name): what search shows under a client, so any of them can be recognised.
    public static func all(_ accounts: [Account]) -> [String] {
        var seen: Set<String> = []
        var handles: [String] = []
        for account in accounts {
            for handle in [account.username.map { "@\($0)" }, account.profileName].compactMap(\.self) where seen.insert(handle).inserted {
                handles.append(handle)
            }
        }
        return handles
    }
}
