import CCurl
import Foundation

extension CurlEasy {
    /// Sets the method and body options.
    /// - Returns: the `Content-Type` the body implies, if the request does not set one itself.
    func configureMethodAndBody(_ request: HTTPRequest, borrowed: inout Borrowed) throws(CurlError) -> String? {
        let method = request.method
        let contentType: String?
        switch request.body {
        case .none:
            if method == .head {
                try self.set(CURLOPT_NOBODY, 1)
                return nil
            }
            guard [.post, .put, .patch].contains(method) else {
                if method != .get {
                    try self.set(CURLOPT_CUSTOMREQUEST, method.rawValue)
                }
                return nil
            }
            // An empty POST body still makes libcurl send `Content-Length: 0`, which servers expect.
            try self.setBody(Data())
            contentType = nil
        case .data(let data, let type):
            try self.setBody(data)
            contentType = type
        case .json(let data):
            try self.setBody(data)
            contentType = "application/json"
        case .form(let fields):
            try self.setBody(FormEncoding.encode(fields))
            contentType = "application/x-www-form-urlencoded"
        case .multipart(let parts):
            try self.setMultipart(parts, borrowed: &borrowed)
            // libcurl writes `multipart/form-data; boundary=…` itself.
            contentType = nil
        }
        // Setting a body makes the request a POST; any other method is sent as a custom verb.
        if method != .post {
            try self.set(CURLOPT_CUSTOMREQUEST, method.rawValue)
        }
        return contentType
    }

    private func setBody(_ data: Data) throws(CurlError) {
        // The size must be set before COPYPOSTFIELDS, or libcurl treats the bytes as a C string.
        try self.check(ccurl_setopt_off_t(self.handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count)))
        guard !data.isEmpty else {
            try self.set(CURLOPT_COPYPOSTFIELDS, "")
            return
        }
        // COPYPOSTFIELDS copies the bytes, so `data` need not outlive this call.
        let code = data.withUnsafeBytes { raw in
            ccurl_setopt_pointer(self.handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
        }
        try self.check(code)
    }

    private func setMultipart(_ parts: [MultipartPart], borrowed: inout Borrowed) throws(CurlError) {
        guard let mime = curl_mime_init(self.handle) else {
            throw CurlError.other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_mime_init failed")
        }
        borrowed.mime = mime
        for part in parts {
            guard let mimePart = curl_mime_addpart(mime) else {
                throw CurlError.other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_mime_addpart failed")
            }
            try self.check(curl_mime_name(mimePart, part.name))
            switch part {
            case .field(_, let value):
                try self.check(curl_mime_data(mimePart, value, value.utf8.count))
            case .file(_, let fileName, let mimeType, let data):
                try self.setPartData(mimePart, data)
                try self.check(curl_mime_filename(mimePart, fileName))
                try self.check(curl_mime_type(mimePart, mimeType))
            }
        }
        try self.check(ccurl_setopt_mime(self.handle, CURLOPT_MIMEPOST, mime))
    }

    private func setPartData(_ part: OpaquePointer, _ data: Data) throws(CurlError) {
        guard !data.isEmpty else {
            try self.check(curl_mime_data(part, "", 0))
            return
        }
        // curl_mime_data copies the bytes.
        let code = data.withUnsafeBytes { raw in
            curl_mime_data(part, raw.bindMemory(to: CChar.self).baseAddress, raw.count)
        }
        try self.check(code)
    }
}
