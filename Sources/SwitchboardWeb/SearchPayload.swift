import Foundation
import SwitchboardCore

/// The JSON of `GET /api/v1/search`: message hits in `items` (as before), contact hits in `contacts`.
struct SearchPayload: Encodable {
    let items: [MessageHit]
    let contacts: [ContactHit]

    /// A message or private note. `highlights` are UTF-16 `[start, end)` offsets into `message.text`.
    struct MessageHit: Encodable {
        let kind = "message"
        let message: TimelineMessageDTO
        let conversationID: ConversationID
        let contact: ContactRef
        let snippet: String
        let highlights: [[Int]]
    }

    /// A contact; picking it opens `conversationID`, their newest conversation the viewer may see.
    struct ContactHit: Encodable {
        let kind = "contact"
        let contact: ContactRef
        let phone: String?
        let handles: [String]
        let conversationID: ConversationID
        /// The preferred name, with the messenger name after it when they differ.
        let name: String
        let nameHighlights: [[Int]]
        /// Phone and handles, joined by " · ".
        let details: String
        let detailsHighlights: [[Int]]
    }

    init(_ results: SearchResults, words: [String]) {
        func marks(_ text: String) -> [[Int]] {
            SearchHighlight.ranges(in: text, words: words).map { [$0.lowerBound, $0.upperBound] }
        }
        items = results.messages.map { hit in
            MessageHit(
                message: TimelineMessageDTO(hit.entry),
                conversationID: hit.entry.message.conversationID,
                contact: hit.contact,
                snippet: hit.snippet,
                highlights: marks(hit.entry.message.text)
            )
        }
        contacts = results.contacts.map { hit in
            let preferred = hit.contact.preferredName.flatMap { $0.isEmpty ? nil : $0 }
            let name = preferred.map { $0 == hit.contact.displayName ? $0 : "\($0) (\(hit.contact.displayName))" } ?? hit.contact.displayName
            let details = ([hit.phone].compactMap { $0 } + hit.handles).joined(separator: " · ")
            return ContactHit(
                contact: hit.contact,
                phone: hit.phone,
                handles: hit.handles,
                conversationID: hit.conversationID,
                name: name,
                nameHighlights: marks(name),
                details: details,
                detailsHighlights: marks(details)
            )
        }
    }
}
