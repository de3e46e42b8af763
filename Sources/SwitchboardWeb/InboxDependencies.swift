public import Accounts
public import Foundation
public import SwitchboardCore
public import SwitchboardEngine

/// What the inbox's controllers need, built once by the composition root.
public struct InboxDependencies: Sendable {
    public let store: any InboxStore
    /// Operator administration and the audit log.
    public let admin: any AdminStore
    public let inbox: InboxService
    /// Operators' edits and deletions of sent replies.
    public let revisions: RevisionService
    public let bus: any EventBus
    public let hasher: PasswordHasher
    /// The sign-in throttle, counting attempts in the store every instance shares.
    public let throttle: LoginThrottle
    /// What an unknown login's password is checked against.
    public let decoy: DecoyHash
    /// Where uploads and downloaded messenger files live.
    public let mediaDirectory: URL
    /// The capped media store uploads are written through, so they count against the cap.
    public let media: any MediaStore
    /// Adds `Secure` to the session cookie (when the public URL is https).
    public let secureCookies: Bool
    public let sessionLifetime: TimeInterval
    /// Where the stream reports its open connections.
    public let metrics: ServerMetrics
    /// Signed public links to uploads (for Viber); nil when `SWITCHBOARD_PUBLIC_URL` is not set.
    public let fileLinks: OutgoingFileLinks?

    /// Creates the dependencies.
    public init(
        store: any InboxStore,
        admin: any AdminStore,
        inbox: InboxService,
        revisions: RevisionService,
        bus: any EventBus,
        hasher: PasswordHasher,
        throttle: LoginThrottle,
        mediaDirectory: URL,
        media: any MediaStore,
        secureCookies: Bool,
        sessionLifetime: TimeInterval = 12 * 3600,
        metrics: ServerMetrics = ServerMetrics(),
        fileLinks: OutgoingFileLinks? = nil
    ) {
        self.store = store
        self.admin = admin
        self.inbox = inbox
        self.revisions = revisions
        self.bus = bus
        self.hasher = hasher
        self.throttle = throttle
        self.decoy = DecoyHash(hasher: hasher)
        self.mediaDirectory = mediaDirectory
        self.media = media
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.metrics = metrics
        self.fileLinks = fileLinks
    }
}
