/// The languages automatic messages are written in; English is the fallback.
public enum AutomationLanguage: String, Sendable, Codable, CaseIterable {
    case ru
    case uk
    case en

    /// The language for a messenger's IETF tag (`ru`, `uk-UA`, `en_US`); English for anything else or nil.
    public init(tag: String?) {
        let primary = (tag ?? "").lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        self = AutomationLanguage(rawValue: primary) ?? .en
    }

    /// The language of a contact: what the contact says, else what the messenger identity reports.
    public init(contact: Contact?, identity: Identity?) {
        self.init(tag: contact?.language ?? identity?.language)
    }
}
