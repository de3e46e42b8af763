import Foundation

/// State of one transfer that libcurl's C callbacks reach through their `userdata` pointer.
///
/// Lives on the worker thread only, for the duration of one `curl_easy_perform`.
final class CurlTransfer {
    /// The job being performed, whose cancelled flag the progress callback reads.
    let job: CurlJob
    /// Body size limit from the configuration.
    let maxBodyBytes: Int
    /// Body bytes received so far.
    private(set) var body = Data()
    /// Header fields of the latest response header block.
    private(set) var headers: [(name: String, value: String)] = []
    /// Set when the write callback refused bytes past ``maxBodyBytes``.
    private(set) var bodyTooLarge = false

    /// Creates the state for one transfer.
    init(job: CurlJob, maxBodyBytes: Int) {
        self.job = job
        self.maxBodyBytes = maxBodyBytes
    }

    /// Appends received body bytes.
    /// - Returns: false to make libcurl abort because the body passed the size limit.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard self.body.count + bytes.count <= self.maxBodyBytes else {
            self.bodyTooLarge = true
            return false
        }
        self.body.append(contentsOf: bytes)
        return true
    }

    /// Records one raw header line as libcurl delivers it, status lines and the blank end line included.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r\n"))
        if line.hasPrefix("HTTP/") {
            // A new status line starts a new header block: keep only the final response's
            // headers, not those of `100 Continue` or a proxy's `CONNECT` answer.
            self.headers.removeAll()
            return
        }
        if let first = line.first, first == " " || first == "\t", let last = self.headers.popLast() {
            // Obsolete line folding (RFC 9112 §5.2): the line continues the previous value.
            let continued = line.trimmingCharacters(in: .whitespaces)
            self.headers.append((last.name, last.value + " " + continued))
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        self.headers.append((name, value))
    }
}
