public import Foundation

/// A change to an existing channel's face and settings; a nil field is left as it is.
public struct ChannelChange: Sendable, Equatable {
    public var persona: Persona?
    /// The department new conversations of the channel go to; `.some(nil)` clears it.
    public var defaultDepartmentID: DepartmentID??
    /// The new bot token, sealed.
    public var tokenCiphertext: Data?
    /// Kind-specific settings as a JSON object.
    public var settingsJSON: String?
    /// Pauses (true) or resumes (false) the channel: a paused channel neither receives nor sends.
    public var isPaused: Bool?

    /// Creates a change.
    public init(
        persona: Persona? = nil,
        defaultDepartmentID: DepartmentID?? = nil,
        tokenCiphertext: Data? = nil,
        settingsJSON: String? = nil,
        isPaused: Bool? = nil
    ) {
        self.persona = persona
        self.defaultDepartmentID = defaultDepartmentID
        self.tokenCiphertext = tokenCiphertext
        self.settingsJSON = settingsJSON
        self.isPaused = isPaused
    }

    /// Whether applying the change would write nothing.
    public var isEmpty: Bool { persona == nil && defaultDepartmentID == nil && tokenCiphertext == nil && settingsJSON == nil && isPaused == nil }
}

extension ChannelChange {
    /// A new token is a fresh start: the old token's problem no longer applies.
    public var clearsProblem: Bool { tokenCiphertext != nil }
}
