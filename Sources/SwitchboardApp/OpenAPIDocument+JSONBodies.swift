import SwitchboardCore

extension OpenAPIDocument {
    /// `JSONBodyMiddleware` answers 415 on every operation that takes a JSON body, so the document
    /// says so in one place instead of on each of the fragments' operations.
    /// - Parameters:
    ///   - paths: the merged `paths`, changed in place.
    ///   - requestBodies: `components.requestBodies`, to follow `$ref`s.
    static func documentUnsupportedMediaType(in paths: inout [String: JSONValue], requestBodies: [String: JSONValue]) {
        for (path, item) in paths {
            guard case .object(var operations) = item else { continue }
            for (method, operation) in operations where methods.contains(method) {
                guard case .object(var fields) = operation, takesJSON(fields["requestBody"], requestBodies: requestBodies),
                    case .object(var responses)? = fields["responses"], responses["415"] == nil
                else { continue }
                responses["415"] = .object(["$ref": .string("#/components/responses/UnsupportedMediaType")])
                fields["responses"] = .object(responses)
                operations[method] = .object(fields)
            }
            paths[path] = .object(operations)
        }
    }

    private static func takesJSON(_ body: JSONValue?, requestBodies: [String: JSONValue]) -> Bool {
        var body = body
        if case .object(let fields)? = body, case .string(let reference)? = fields["$ref"] {
            body = requestBodies[String(reference.split(separator: "/").last ?? "")]
        }
        guard case .object(let fields)? = body, case .object(let content)? = fields["content"] else { return false }
        return content["application/json"] != nil
    }
}
