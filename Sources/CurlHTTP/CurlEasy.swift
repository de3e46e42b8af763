import CCurl
import Foundation

/// One libcurl easy handle, owned by one worker thread and reused for every request it performs.
///
/// Not `Sendable` on purpose: a `CURL*` must only be used from the thread that owns it.
final class CurlEasy {
    /// The `CURL*`; imported as a raw pointer because `CURL` is `void` in C.
    let handle: UnsafeMutableRawPointer
    /// libcurl writes its detailed message here (`CURLOPT_ERRORBUFFER`); it must outlive every transfer.
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// `host:port` of the last request's pinned addresses: libcurl keeps `CURLOPT_RESOLVE` entries
    /// in the handle's DNS cache, so the next transfer removes them before anything else.
    var pinnedHosts: [String] = []

    /// Allocations made for one transfer that libcurl only borrows, freed once it ends.
    struct Borrowed {
        /// `CURLOPT_HTTPHEADER` list.
        var headerList: UnsafeMutablePointer<curl_slist>?
        /// `CURLOPT_MIMEPOST` form; must be freed before the handle is cleaned up.
        var mime: OpaquePointer?
        /// `CURLOPT_RESOLVE` list.
        var resolveList: UnsafeMutablePointer<curl_slist>?

        /// Frees all three; libcurl accepts NULL for each.
        func free() {
            curl_slist_free_all(self.headerList)
            curl_mime_free(self.mime)
            curl_slist_free_all(self.resolveList)
        }
    }

    /// Creates the handle, or nil when libcurl cannot allocate one.
    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(self.handle)
        self.errorBuffer.deallocate()
    }

    /// Performs one request, blocking the calling worker thread until it ends.
    /// - Parameters:
    ///   - job: The job carrying the request and its cancelled flag.
    ///   - defaults: The transport's configuration, for anything the request leaves unset.
    func perform(_ job: CurlJob, defaults: CurlTransport.Configuration) -> Result<HTTPResponse, any Error> {
        let request = job.request
        let proxy = Self.proxy(for: request, defaults: defaults)
        // Reset clears every option but keeps the connection cache, so keep-alive reuse survives.
        curl_easy_reset(self.handle)
        self.errorBuffer[0] = 0
        let transfer = CurlTransfer(job: job, maxBodyBytes: defaults.maxResponseBytes)
        var borrowed = Borrowed()
        defer { borrowed.free() }
        do {
            try self.configure(request, proxy: proxy, defaults: defaults, transfer: transfer, borrowed: &borrowed)
        } catch {
            return .failure(error)
        }
        let code = withExtendedLifetime(transfer) { curl_easy_perform(self.handle) }
        guard code == CURLE_OK else {
            return .failure(self.error(for: code, transfer: transfer, request: request, proxy: proxy))
        }
        return .success(
            HTTPResponse(
                status: self.infoLong(CURLINFO_RESPONSE_CODE),
                headers: transfer.headers,
                body: transfer.body,
                newConnections: self.infoLong(CURLINFO_NUM_CONNECTS)
            )
        )
    }

    private static func proxy(for request: HTTPRequest, defaults: CurlTransport.Configuration) -> String? {
        switch request.proxy {
        case .none: defaults.proxy
        case .direct: nil
        case .url(let url): url
        }
    }

    private func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        _ = ccurl_getinfo_long(self.handle, info, &value)
        return value
    }

    /// Maps a failed transfer to the error the caller sees, with secrets scrubbed from the message.
    private func error(for code: CURLcode, transfer: CurlTransfer, request: HTTPRequest, proxy: String?) -> any Error {
        if transfer.job.isCancelled {
            return CancellationError()
        }
        if transfer.bodyTooLarge {
            return CurlError.responseTooLarge(limit: transfer.maxBodyBytes)
        }
        let detail = self.errorBuffer[0] != 0 ? String(cString: self.errorBuffer) : String(cString: curl_easy_strerror(code))
        let message = RedactedURL.scrub(detail, removing: [request.url, proxy ?? ""])
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return CurlError.timeout
        case CURLE_COULDNT_CONNECT:
            // With a proxy set, libcurl only ever connects to the proxy itself.
            return proxy == nil ? CurlError.couldNotConnect(message: message) : CurlError.proxyError(message: message)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            return CurlError.proxyError(message: message)
        default:
            // A refused CONNECT tunnel (HTTPS through an HTTP proxy) surfaces as a receive error.
            if proxy != nil && self.infoLong(CURLINFO_HTTP_CONNECTCODE) >= 300 {
                return CurlError.proxyError(message: message)
            }
            return CurlError.other(code: Int(code.rawValue), message: message)
        }
    }
}
