public import Foundation

/// One part of a `multipart/form-data` body.
public enum MultipartPart: Sendable, Equatable {
    /// A plain text field.
    /// - Parameters:
    ///   - name: The form field name.
    ///   - value: The field value, sent as UTF-8.
    case field(name: String, value: String)

    /// A file upload.
    /// - Parameters:
    ///   - name: The form field name.
    ///   - fileName: The file name reported to the server (`filename=` in `Content-Disposition`).
    ///   - mimeType: The part's `Content-Type`, for example `image/png`.
    ///   - data: The file's bytes.
    case file(name: String, fileName: String, mimeType: String, data: Data)

    /// The form field name of this part.
    public var name: String {
        switch self {
        case .field(let name, _): name
        case .file(let name, _, _, _): name
        }
    }
}
