import Foundation
public import SwitchboardCore
import Yams

/// A manifest's `automation:` section: the channel's own automation settings and texts, which
/// override the desk-wide ones (the same overrides as `PATCH /api/v1/channels/{id}/automation`).
public struct ManifestAutomation: Sendable, Equatable {
    /// One automatic text in one language.
    public struct Text: Sendable, Equatable {
        public var kind: AutomationText
        public var language: AutomationLanguage
        public var text: String
    }

    /// The settings the manifest sets; the ones it leaves out keep their stored value.
    public var settings: AutomationSettingsPatch
    public var texts: [Text]

    static let keys: Set<String> = [
        "welcome_enabled", "operator_greeting_enabled", "auto_close_minutes", "reopen_after_auto_close", "feedback_enabled",
        "business_hours", "texts",
    ]
    static let hoursKeys: Set<String> = ["time_zone", "week", "holidays"]

    /// Reads the section; each problem goes to `problem(key, message)` with its key under `automation.`.
    static func parse(_ node: Node, problem: (String, String) -> Void) -> ManifestAutomation? {
        guard let mapping = node.mapping else {
            problem("automation", "must be a mapping such as welcome_enabled: false")
            return nil
        }
        var result = ManifestAutomation(settings: AutomationSettingsPatch(), texts: [])
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let path = "automation.\(key)"
            switch key {
            case "welcome_enabled": result.settings.welcomeEnabled = flag(value, path, problem)
            case "operator_greeting_enabled": result.settings.operatorGreetingEnabled = flag(value, path, problem)
            case "reopen_after_auto_close": result.settings.reopenAfterAutoClose = flag(value, path, problem)
            case "feedback_enabled": result.settings.feedbackEnabled = flag(value, path, problem)
            case "auto_close_minutes":
                if value.string == "off" {
                    result.settings.autoCloseMinutes = 0
                } else if let minutes = value.int, AutomationSettingsPatch.autoCloseRange.contains(minutes) {
                    result.settings.autoCloseMinutes = minutes
                } else {
                    problem(path, "must be off or minutes from 1 to \(AutomationSettingsPatch.autoCloseRange.upperBound)")
                }
            case "business_hours": result.settings.businessHours = hours(value, path, problem)
            case "texts": result.texts = texts(value, path, problem)
            default: problem(path, "unknown key (known: \(keys.sorted().joined(separator: ", ")))")
            }
        }
        return result
    }

    private static func flag(_ node: Node, _ path: String, _ problem: (String, String) -> Void) -> Bool? {
        guard let value = node.bool else {
            problem(path, "must be true or false")
            return nil
        }
        return value
    }

    private static func hours(_ node: Node, _ path: String, _ problem: (String, String) -> Void) -> AutomationSettingsPatch.Hours? {
        if node.string == "always" { return .init(alwaysOpen: true, schedule: nil) }
        guard let mapping = node.mapping else {
            problem(path, "must be always, or time_zone, week and holidays")
            return nil
        }
        var schedule = BusinessHours(timeZone: "", week: [:], holidays: [])
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            switch key {
            case "time_zone": schedule.timeZone = value.string ?? ""
            case "holidays": schedule.holidays = value.sequence?.compactMap(\.string) ?? []
            case "week":
                guard let days = value.mapping else {
                    problem("\(path).week", "must map weekdays (monday … sunday) to lists of 09:00-18:00 ranges")
                    continue
                }
                for (dayNode, ranges) in days {
                    guard let day = dayNode.string else { continue }
                    var intervals: [BusinessHours.Interval] = []
                    for range in ranges.sequence ?? [] {
                        let parts = (range.string ?? "").split(separator: "-", maxSplits: 1).map(String.init)
                        guard parts.count == 2 else {
                            problem("\(path).week.\(day)", "'\(range.string ?? "")' is not a range such as 09:00-18:00")
                            continue
                        }
                        intervals.append(.init(open: parts[0], close: parts[1]))
                    }
                    schedule.week[day] = intervals
                }
            default: problem("\(path).\(key)", "unknown key (known: \(hoursKeys.sorted().joined(separator: ", ")))")
            }
        }
        if let why = schedule.problem { problem(path, why) }
        return .init(alwaysOpen: false, schedule: schedule)
    }

    private static func texts(_ node: Node, _ path: String, _ problem: (String, String) -> Void) -> [Text] {
        guard let kinds = node.mapping else {
            problem(path, "must map text kinds (such as welcome) to languages (en, ru, uk) and texts")
            return []
        }
        var result: [Text] = []
        for (kindNode, languages) in kinds {
            let name = kindNode.string ?? ""
            guard let kind = AutomationText(rawValue: name) else {
                problem("\(path).\(name)", "unknown text (known: \(AutomationText.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            guard let byLanguage = languages.mapping else {
                problem("\(path).\(name)", "must map languages (en, ru, uk) to texts")
                continue
            }
            for (languageNode, textNode) in byLanguage {
                let code = languageNode.string ?? ""
                let key = "\(path).\(name).\(code)"
                guard let language = AutomationLanguage(rawValue: code) else {
                    problem(key, "texts exist in en, ru and uk")
                    continue
                }
                let text = (textNode.string ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty, text.count <= AutomationText.maximumLength else {
                    problem(key, "a text has 1 to \(AutomationText.maximumLength) characters")
                    continue
                }
                if let unknown = AutomationTemplate.unknownPlaceholders(in: text).first {
                    problem(key, "{\(unknown)} is not a placeholder (known: \(AutomationText.placeholders.sorted().joined(separator: ", ")))")
                    continue
                }
                result.append(Text(kind: kind, language: language, text: text))
            }
        }
        return result.sorted { ($0.kind.rawValue, $0.language.rawValue) < ($1.kind.rawValue, $1.language.rawValue) }
    }
}
