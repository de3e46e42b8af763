import Foundation

/// The machine-readable Bot API (`telegram-bot-api.json`, shipped as a resource) used to validate calls.
struct TelegramSpec: Sendable {
    /// One parameter of a method.
    struct Field: Sendable {
        /// Parameter name.
        var name: String
        /// Whether the docs mark it required.
        var required: Bool
        /// Bot API type spellings, e.g. `Integer`, `InputFile`, `Array of String`.
        var types: [String]
    }

    /// One method.
    struct Method: Sendable {
        /// Canonical spelling, e.g. `sendMessage`.
        var name: String
        /// Parameters in documentation order.
        var fields: [Field]
        /// Return types, e.g. `["Message", "Boolean"]`.
        var returns: [String]
    }

    /// Errors loading the resource.
    enum LoadError: Error {
        /// The resource is missing from the bundle.
        case resourceMissing
        /// The resource does not have the expected shape.
        case malformed
    }

    /// Bot API version the spec describes.
    let version: String
    /// Methods keyed by lower-cased name, since the server matches names case-insensitively.
    private let methods: [String: Method]

    /// Loads the spec bundled with this module.
    /// - Throws: `LoadError` when the resource is missing or malformed.
    static func bundled() throws -> TelegramSpec {
        guard let url = Bundle.module.url(forResource: "telegram-bot-api", withExtension: "json") else {
            throw LoadError.resourceMissing
        }
        return try TelegramSpec(data: Data(contentsOf: url))
    }

    /// Parses a spec in the `PaulSonOfLars/telegram-bot-api-spec` shape.
    init(data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let methods = root["methods"] as? [String: [String: Any]]
        else { throw LoadError.malformed }
        var table: [String: Method] = [:]
        for (name, body) in methods {
            let fields = (body["fields"] as? [[String: Any]] ?? []).map { field in
                Field(
                    name: field["name"] as? String ?? "",
                    required: field["required"] as? Bool ?? false,
                    types: field["types"] as? [String] ?? []
                )
            }
            table[name.lowercased()] = Method(name: name, fields: fields, returns: body["returns"] as? [String] ?? [])
        }
        self.version = root["version"] as? String ?? "unknown"
        self.methods = table
    }

    /// The method with this name, ignoring case.
    func method(named name: String) -> Method? { methods[name.lowercased()] }

    /// Checks parameter names and required parameters of a call.
    ///
    /// File parts referenced as `attach://<name>` from another parameter (media groups, thumbnails)
    /// are allowed although the spec does not list them.
    /// - Throws: `BotAPIError` 400 naming the first offending parameter.
    func validate(_ request: BotRequest, against method: Method) throws {
        let known = Set(method.fields.map(\.name))
        let attached = Set(
            request.params.values.flatMap { value in
                value.components(separatedBy: "attach://").dropFirst().map { tail in
                    String(tail.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
                }
            }
        )
        for name in request.allNames.sorted() where !known.contains(name) && !attached.contains(name) {
            throw BotAPIError.badRequest(
                "unknown parameter \"\(name)\" for method \(method.name) (not in Bot API \(version) spec)"
            )
        }
        for field in method.fields where field.required {
            let present = request.files[field.name] != nil || !(request.params[field.name] ?? "").isEmpty
            if !present { throw BotAPIError.missing(field.name) }
        }
    }
}
