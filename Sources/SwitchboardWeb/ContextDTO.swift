import Foundation
import SwitchboardCore

/// The deep-link context of a conversation as the API shows it: `data` only when it is pinned.
struct ContextDTO: Encodable {
    let key: String
    let status: ContextStatus
    let data: JSONValue?
    let createdAt: Date?
    let expiresAt: Date?

    init(_ pinned: PinnedContext) {
        key = pinned.key
        status = pinned.status
        data = pinned.context.flatMap { JSONValue.parse($0.data) }
        createdAt = pinned.context?.createdAt
        expiresAt = pinned.context?.expiresAt
    }
}
