import Foundation
public import SwitchboardCore
import Yams

/// One `channels/*.yaml` file: a channel described declaratively, its token only as `${ENV_VAR}`.
///
/// Parsing is pure (text and environment in, manifest and problems out); reading the folder is the app's.
public struct ChannelManifest: Sendable, Equatable {
    /// The file it came from, for messages.
    public var file: String
    public var kind: ChannelKind
    public var name: String
    public var mode: ChannelMode
    /// The environment variable that holds the token.
    public var tokenVariable: String
    /// The token, read from `tokenVariable`; never printed.
    public var token: String
    public var personaName: String?
    public var personaAvatar: String?
    /// Viber's answer to `conversation_started`.
    public var welcome: String?
    /// Name of the department new conversations go to.
    public var department: String?
    public var apiURL: String?
    /// Telegram only: a proxy for this bot's API calls.
    public var proxy: String?
    /// The channel's own automation settings and texts.
    public var automation: ManifestAutomation?

    static let keys: Set<String> = ["kind", "name", "mode", "token", "persona", "welcome", "department", "api_url", "proxy", "automation"]
    static let personaKeys: Set<String> = ["name", "avatar"]

    /// Reads one manifest. Every problem is appended to `problems` as `file: key: what is wrong`.
    /// - Returns: nil when the file has a problem.
    public static func parse(yaml: String, file: String, environment: [String: String], problems: inout [String]) -> ChannelManifest? {
        let before = problems.count
        func problem(_ key: String, _ message: String) { problems.append("\(file): \(key): \(message)") }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            problems.append("\(file): not valid YAML: \(error)")
            return nil
        }
        guard let mapping = root?.mapping else {
            problems.append("\(file): expected a mapping of keys such as kind, name and token")
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if keys.contains(name) { values[name] = value } else { problem(name, "unknown key (known: \(keys.sorted().joined(separator: ", ")))") }
        }
        func text(_ key: String, in values: [String: Node], prefix: String = "") -> String? {
            guard let node = values[key] else { return nil }
            guard let scalar = node.scalar?.string, !scalar.isEmpty else {
                problem(prefix + key, "must be a non-empty text")
                return nil
            }
            return scalar
        }

        let kind = text("kind", in: values).flatMap { raw in
            ChannelKind(rawValue: raw)
                ?? {
                    problem("kind", "'\(raw)' is not telegram or viber")
                    return nil
                }()
        }
        if values["kind"] == nil { problem("kind", "missing (telegram or viber)") }
        let name = text("name", in: values)
        if values["name"] == nil { problem("name", "missing") }
        if let name, name.range(of: "^[a-z0-9][a-z0-9_-]{0,62}$", options: .regularExpression) == nil {
            problem("name", "use a-z, 0-9, '-' and '_' (up to 63 characters), e.g. support-tg")
        }
        var mode = ChannelMode.webhook
        if let raw = text("mode", in: values) {
            if let parsed = ChannelMode(rawValue: raw) { mode = parsed } else { problem("mode", "'\(raw)' is not poll or webhook") }
        } else if kind == .telegram {
            mode = .poll
        }
        if kind == .viber, mode == .poll { problem("mode", "Viber only delivers by webhook") }

        var tokenVariable = ""
        var token = ""
        if let raw = text("token", in: values) {
            if let variable = Self.variableName(raw) {
                tokenVariable = variable
                if let value = environment[variable], !value.isEmpty {
                    token = value
                } else {
                    problem("token", "the environment variable \(variable) is not set")
                }
            } else {
                // The literal is never echoed: it is a secret that should not be in the file at all.
                problem("token", "must be ${ENV_VAR}, never the token itself; put the token in the environment")
            }
        } else if values["token"] == nil {
            problem("token", "missing: write token: ${ENV_VAR} and set that variable")
        }

        var personaName: String?
        var personaAvatar: String?
        if let persona = values["persona"] {
            if let personaMapping = persona.mapping {
                var personaValues: [String: Node] = [:]
                for (key, value) in personaMapping {
                    guard let key = key.string else { continue }
                    if personaKeys.contains(key) {
                        personaValues[key] = value
                    } else {
                        problem("persona.\(key)", "unknown key (known: avatar, name)")
                    }
                }
                personaName = text("name", in: personaValues, prefix: "persona.")
                personaAvatar = text("avatar", in: personaValues, prefix: "persona.")
                if let avatar = personaAvatar, !(avatar.hasPrefix("https://") || avatar.hasPrefix("http://")) {
                    problem("persona.avatar", "must be a public http(s) URL (see `switchboard avatar add`)")
                }
            } else {
                problem("persona", "must be a mapping with name and avatar")
            }
        }
        let welcome = text("welcome", in: values)
        if welcome != nil, kind == .telegram { problem("welcome", "only Viber channels send a welcome on conversation_started") }
        let proxy = text("proxy", in: values)
        if proxy != nil, kind == .viber { problem("proxy", "only Telegram channels take a proxy of their own") }
        let apiURL = text("api_url", in: values)
        if let apiURL, URL(string: apiURL)?.scheme?.hasPrefix("http") != true { problem("api_url", "must be an http(s) URL") }

        let automation = values["automation"].flatMap { ManifestAutomation.parse($0, problem: problem) }

        guard problems.count == before, let kind, let name else { return nil }
        return ChannelManifest(
            file: file,
            kind: kind,
            name: name,
            mode: mode,
            tokenVariable: tokenVariable,
            token: token,
            personaName: personaName,
            personaAvatar: personaAvatar,
            welcome: welcome,
            department: text("department", in: values),
            apiURL: apiURL,
            proxy: proxy,
            automation: automation
        )
    }

    /// `VAR` of `${VAR}`, or nil when the text is anything else.
    static func variableName(_ text: String) -> String? {
        guard text.hasPrefix("${"), text.hasSuffix("}") else { return nil }
        let name = text.dropFirst(2).dropLast()
        guard name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil else { return nil }
        return String(name)
    }
}
