/// What the automation does on one channel: code defaults, overridden by the global settings,
/// overridden by the channel's own settings (see ``AutomationSettingsPatch``).
public struct AutomationSettings: Sendable, Codable, Equatable {
    /// Sends "an operator is on the way" when a conversation opens.
    public var welcomeEnabled: Bool
    /// Greets the client with the operator's name when an operator takes the conversation.
    public var operatorGreetingEnabled: Bool
    /// Minutes of client silence after which an open or pending conversation is closed; nil never closes.
    public var autoCloseMinutes: Int?
    /// After an automatic close, whether the client's next message reopens the conversation (true)
    /// or opens a new one (false).
    public var reopenAfterAutoClose: Bool
    /// Asks "was your question resolved?" and a score after an operator resolves a conversation.
    public var feedbackEnabled: Bool
    /// When operators work; nil means always.
    public var businessHours: BusinessHours?

    /// The defaults shipped with Switchboard.
    public static let defaults = AutomationSettings(
        welcomeEnabled: true,
        operatorGreetingEnabled: true,
        autoCloseMinutes: 30,
        reopenAfterAutoClose: true,
        feedbackEnabled: true,
        businessHours: nil
    )

    /// Creates settings.
    public init(
        welcomeEnabled: Bool,
        operatorGreetingEnabled: Bool,
        autoCloseMinutes: Int?,
        reopenAfterAutoClose: Bool,
        feedbackEnabled: Bool,
        businessHours: BusinessHours?
    ) {
        self.welcomeEnabled = welcomeEnabled
        self.operatorGreetingEnabled = operatorGreetingEnabled
        self.autoCloseMinutes = autoCloseMinutes
        self.reopenAfterAutoClose = reopenAfterAutoClose
        self.feedbackEnabled = feedbackEnabled
        self.businessHours = businessHours
    }

    /// These settings with every field the patch sets replaced.
    public func applying(_ patch: AutomationSettingsPatch?) -> AutomationSettings {
        guard let patch else { return self }
        var result = self
        result.welcomeEnabled = patch.welcomeEnabled ?? welcomeEnabled
        result.operatorGreetingEnabled = patch.operatorGreetingEnabled ?? operatorGreetingEnabled
        if let minutes = patch.autoCloseMinutes { result.autoCloseMinutes = minutes == 0 ? nil : minutes }
        result.reopenAfterAutoClose = patch.reopenAfterAutoClose ?? reopenAfterAutoClose
        result.feedbackEnabled = patch.feedbackEnabled ?? feedbackEnabled
        if let hours = patch.businessHours { result.businessHours = hours.alwaysOpen ? nil : hours.schedule }
        return result
    }
}

/// The settings one scope (global or a channel) changes; a nil field keeps the inherited value.
public struct AutomationSettingsPatch: Sendable, Codable, Equatable {
    /// A schedule, or "always open" (which clears an inherited schedule).
    public struct Hours: Sendable, Codable, Equatable {
        public var alwaysOpen: Bool
        public var schedule: BusinessHours?

        /// Creates a value; `schedule` is ignored when `alwaysOpen`.
        public init(alwaysOpen: Bool, schedule: BusinessHours?) {
            self.alwaysOpen = alwaysOpen
            self.schedule = schedule
        }
    }

    /// Longest idle time an admin may set: one week.
    public static let autoCloseRange = 1...(7 * 24 * 60)

    public var welcomeEnabled: Bool?
    public var operatorGreetingEnabled: Bool?
    /// 0 turns auto-close off.
    public var autoCloseMinutes: Int?
    public var reopenAfterAutoClose: Bool?
    public var feedbackEnabled: Bool?
    public var businessHours: Hours?

    /// Creates a patch.
    public init(
        welcomeEnabled: Bool? = nil,
        operatorGreetingEnabled: Bool? = nil,
        autoCloseMinutes: Int? = nil,
        reopenAfterAutoClose: Bool? = nil,
        feedbackEnabled: Bool? = nil,
        businessHours: Hours? = nil
    ) {
        self.welcomeEnabled = welcomeEnabled
        self.operatorGreetingEnabled = operatorGreetingEnabled
        self.autoCloseMinutes = autoCloseMinutes
        self.reopenAfterAutoClose = reopenAfterAutoClose
        self.feedbackEnabled = feedbackEnabled
        self.businessHours = businessHours
    }

    /// Why the patch cannot be saved, or nil when it is valid.
    public var problem: String? {
        if let minutes = autoCloseMinutes, minutes != 0, !Self.autoCloseRange.contains(minutes) {
            return "autoCloseMinutes must be 0 (off) or between 1 and \(Self.autoCloseRange.upperBound)"
        }
        if let hours = businessHours, !hours.alwaysOpen {
            guard let schedule = hours.schedule else { return "businessHours needs a schedule unless alwaysOpen is true" }
            return schedule.problem
        }
        return nil
    }

    /// This patch with every field `newer` sets replaced (an admin's partial edit).
    public func merging(_ newer: AutomationSettingsPatch) -> AutomationSettingsPatch {
        AutomationSettingsPatch(
            welcomeEnabled: newer.welcomeEnabled ?? welcomeEnabled,
            operatorGreetingEnabled: newer.operatorGreetingEnabled ?? operatorGreetingEnabled,
            autoCloseMinutes: newer.autoCloseMinutes ?? autoCloseMinutes,
            reopenAfterAutoClose: newer.reopenAfterAutoClose ?? reopenAfterAutoClose,
            feedbackEnabled: newer.feedbackEnabled ?? feedbackEnabled,
            businessHours: newer.businessHours ?? businessHours
        )
    }
}
