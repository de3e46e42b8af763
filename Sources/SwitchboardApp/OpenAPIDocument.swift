public import Foundation
public import SwitchboardCore
import SwitchboardWeb
import Yams

/// The OpenAPI document of `/api/v1`, assembled from the fragment files of each area.
///
/// The fragment named `core` carries the document's head (`openapi`, `info`, security schemes);
/// every fragment adds `paths` and `components.schemas`. A path or schema defined twice is an error,
/// so two areas can never silently overwrite each other.
public struct OpenAPIDocument: Sendable {
    /// The merged document.
    public let value: JSONValue

    /// Why the fragments could not be merged.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads and merges the fragments shipped with the web module.
    /// - Throws: `Problem` naming the file and what is wrong.
    public static func bundled() throws -> OpenAPIDocument {
        try assembled.get()
    }

    // The fragments ship with the binary and never change while it runs: merge them once.
    private static let assembled = Result { try OpenAPIDocument(files: OpenAPIFragments.files) }

    /// Reads and merges the given fragment files; the one named `core.*` must be among them.
    public init(files: [URL]) throws {
        var head: [String: JSONValue] = [:]
        var paths: [String: JSONValue] = [:]
        var components: [String: [String: JSONValue]] = [:]
        for file in files {
            let name = file.lastPathComponent
            guard case .object(var fragment) = try Self.parse(file) else { throw Problem(description: "\(name): not a mapping") }
            if case .object(let more)? = fragment.removeValue(forKey: "paths") {
                for (path, item) in more {
                    guard paths[path] == nil else { throw Problem(description: "\(name): path \(path) is already described by another fragment") }
                    paths[path] = item
                }
            }
            if case .object(let sections)? = fragment.removeValue(forKey: "components") {
                for (section, value) in sections {
                    guard case .object(let entries) = value else { throw Problem(description: "\(name): components.\(section) is not a mapping") }
                    for (key, entry) in entries {
                        guard components[section, default: [:]][key] == nil else {
                            throw Problem(description: "\(name): components.\(section).\(key) is already defined by another fragment")
                        }
                        components[section, default: [:]][key] = entry
                    }
                }
            }
            if file.deletingPathExtension().lastPathComponent == "core" {
                head = fragment
            } else if !fragment.isEmpty {
                throw Problem(description: "\(name): only paths and components belong in an area fragment (found \(fragment.keys.sorted()))")
            }
        }
        guard head["openapi"] != nil else { throw Problem(description: "no core fragment with the document's openapi and info") }
        Self.documentUnsupportedMediaType(in: &paths, requestBodies: components["requestBodies"] ?? [:])
        head["paths"] = .object(paths)
        head["components"] = .object(components.mapValues { .object($0) })
        value = .object(head)
    }

    /// The document as JSON text.
    public var json: String { value.jsonText }

    /// Every documented operation as `METHOD /path`, paths in OpenAPI form (`/conversations/{id}`).
    public var operations: Set<String> {
        guard case .object(let paths)? = value["paths"] else { return [] }
        var result: Set<String> = []
        for (path, item) in paths {
            for method in item.keys where Self.methods.contains(method) { result.insert("\(method.uppercased()) \(path)") }
        }
        return result
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    private static func parse(_ file: URL) throws -> JSONValue {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw Problem(description: "\(file.lastPathComponent): cannot be read")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { throw Problem(description: "\(file.lastPathComponent): empty") }
            return try json(node, file: file.lastPathComponent)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "\(file.lastPathComponent): not valid YAML or JSON: \(error)")
        }
    }

    /// YAML to JSON by the YAML core schema; keys are always text (a status code `200:` becomes "200").
    private static func json(_ node: Node, file: String) throws -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw Problem(description: "\(file): a key is not text") }
                object[name] = try json(value, file: file)
            }
            return .object(object)
        case .sequence(let sequence):
            return .array(try sequence.map { try json($0, file: file) })
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .alias:
            throw Problem(description: "\(file): YAML aliases are not supported")
        }
    }
}
