import Foundation
import Secrets
import SwitchboardCore

extension Switchboard {
    /// The links' key purpose: changing it invalidates every link issued before.
    static let fileLinkKeyPurpose = "switchboard media links v1"

    /// Public file links signed with HMAC-SHA256 under a key derived from the secret key; nil without a public URL.
    static func fileLinks(config: AppConfig, secrets: SecretBox, clock: any WallClock) -> OutgoingFileLinks? {
        guard config.publicURLIsSet else { return nil }
        let key = secrets.derivedKey(purpose: fileLinkKeyPurpose)
        let signer = MediaLinkSigner(baseURL: config.publicURL, lifetime: config.mediaLinkLifetime) { message in
            MessageAuthentication.hmacSHA256(key: key, message: message)
        }
        return OutgoingFileLinks(signer: signer, clock: clock)
    }
}
