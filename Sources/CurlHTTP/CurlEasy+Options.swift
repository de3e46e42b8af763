import CCurl
import Foundation

extension CurlEasy {
    /// Sets every option for one request on the freshly reset handle.
    func configure(
        _ request: HTTPRequest,
        proxy: String?,
        defaults: CurlTransport.Configuration,
        transfer: CurlTransfer,
        borrowed: inout Borrowed
    ) throws(CurlError) {
        try self.check(ccurl_setopt_pointer(self.handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(self.errorBuffer)))
        // Worker threads must not get SIGALRM from libcurl's resolver timeouts.
        try self.set(CURLOPT_NOSIGNAL, 1)
        try self.set(CURLOPT_URL, request.url)
        try self.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try self.set(CURLOPT_FOLLOWLOCATION, 0)
        // An empty string offers every encoding libcurl can decode; it decompresses transparently.
        try self.set(CURLOPT_ACCEPT_ENCODING, "")
        try self.set(CURLOPT_USERAGENT, defaults.userAgent)
        try self.set(CURLOPT_TIMEOUT_MS, (request.timeout ?? defaults.timeout).curlMilliseconds)
        try self.set(CURLOPT_CONNECTTIMEOUT_MS, (request.connectTimeout ?? defaults.connectTimeout).curlMilliseconds)
        // An empty string disables proxies, including the http_proxy environment variables.
        try self.set(CURLOPT_PROXY, proxy ?? "")
        try self.configureResolve(request, borrowed: &borrowed)
        try self.installCallbacks(transfer)
        let contentType = try self.configureMethodAndBody(request, borrowed: &borrowed)
        try self.configureHeaders(request, contentType: contentType, borrowed: &borrowed)
    }

    /// Routes body bytes, header lines and progress ticks to `transfer`.
    private func installCallbacks(_ transfer: CurlTransfer) throws(CurlError) {
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        try self.check(
            ccurl_setopt_write_callback(self.handle, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                let length = size * count
                // Returning anything but `length` makes libcurl abort with CURLE_WRITE_ERROR.
                return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
            }
        )
        try self.check(ccurl_setopt_pointer(self.handle, CURLOPT_WRITEDATA, context))
        try self.check(
            ccurl_setopt_write_callback(self.handle, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                let length = size * count
                transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length))
                return length
            }
        )
        try self.check(ccurl_setopt_pointer(self.handle, CURLOPT_HEADERDATA, context))
        // The progress callback is how a cancelled task stops a blocking curl_easy_perform.
        try self.set(CURLOPT_NOPROGRESS, 0)
        try self.check(
            ccurl_setopt_xferinfo_callback(self.handle) { context, _, _, _, _ in
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.job.isCancelled ? 1 : 0
            }
        )
        try self.check(ccurl_setopt_pointer(self.handle, CURLOPT_XFERINFODATA, context))
    }

    /// Sends the request's headers, the body's default `Content-Type` and an empty `Expect`.
    private func configureHeaders(_ request: HTTPRequest, contentType: String?, borrowed: inout Borrowed) throws(CurlError) {
        var lines: [String] = []
        for (name, value) in request.headers {
            guard Self.isValidHeader(name: name, value: value) else {
                throw CurlError.invalidRequest(reason: "header \"\(name)\" has a forbidden character")
            }
            // "Name;" is libcurl's syntax for sending a header with an empty value.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if let contentType, request.header("Content-Type") == nil {
            lines.append("Content-Type: \(contentType)")
        }
        // libcurl sends `Expect: 100-continue` for larger bodies and then waits up to a second
        // for a 100 answer many servers never send; an empty value turns that off.
        lines.append("Expect:")
        for line in lines {
            guard let list = curl_slist_append(borrowed.headerList, line) else {
                throw CurlError.other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_slist_append failed")
            }
            borrowed.headerList = list
        }
        try self.check(ccurl_setopt_slist(self.handle, CURLOPT_HTTPHEADER, borrowed.headerList))
    }

    private static func isValidHeader(name: String, value: String) -> Bool {
        let forbiddenInName: Set<UInt8> = [0, 9, 10, 13, 32, UInt8(ascii: ":")]
        let forbiddenInValue: Set<UInt8> = [0, 10, 13]
        return !name.isEmpty && !name.utf8.contains(where: forbiddenInName.contains) && !value.utf8.contains(where: forbiddenInValue.contains)
    }

    // MARK: - Typed setters

    /// Sets a `long` option.
    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try self.check(ccurl_setopt_long(self.handle, option, value))
    }

    /// Sets a string option.
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        // libcurl copies string options (except POSTFIELDS), so the temporary C string may go away.
        try self.check(ccurl_setopt_string(self.handle, option, value))
    }

    /// Turns a failed setup call into ``CurlError/other(code:message:)``.
    func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError.other(code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
    }
}
