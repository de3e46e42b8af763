import CCurl
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CurlEasy {
    /// Pins the request's host to its `pinnedAddresses` for this transfer only, and forgets the
    /// pins of the previous transfer on this reused handle.
    func configureResolve(_ request: HTTPRequest, borrowed: inout Borrowed) throws(CurlError) {
        // "-host:port" removes an entry that an earlier CURLOPT_RESOLVE left in the DNS cache.
        var lines = self.pinnedHosts.map { "-\($0)" }
        self.pinnedHosts = []
        if let addresses = request.pinnedAddresses {
            guard !addresses.isEmpty, let key = Self.hostAndPort(of: request.url) else {
                throw CurlError.invalidRequest(reason: "pinned addresses need an http(s) URL with a host and at least one address")
            }
            guard addresses.allSatisfy(Self.isNumericAddress) else {
                throw CurlError.invalidRequest(reason: "pinned addresses must be numeric IPv4 or IPv6 addresses")
            }
            // IPv6 addresses go in brackets, as libcurl's CURLOPT_RESOLVE syntax asks.
            let list = addresses.map { $0.contains(":") ? "[\($0)]" : $0 }.joined(separator: ",")
            lines.append("\(key):\(list)")
            self.pinnedHosts = [key]
            // Connections are matched by host name, not address: a kept-alive one may lead elsewhere,
            // and this one must not serve a later request that did not pin. Connect afresh, keep none.
            try self.set(CURLOPT_FRESH_CONNECT, 1)
            try self.set(CURLOPT_FORBID_REUSE, 1)
        }
        guard !lines.isEmpty else { return }
        for line in lines {
            guard let list = curl_slist_append(borrowed.resolveList, line) else {
                throw CurlError.other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_slist_append failed")
            }
            borrowed.resolveList = list
        }
        try self.check(ccurl_setopt_slist(self.handle, CURLOPT_RESOLVE, borrowed.resolveList))
    }

    /// `host:port` as `CURLOPT_RESOLVE` names it, with the scheme's default port when none is given.
    static func hostAndPort(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else { return nil }
        let port: Int
        switch components.scheme?.lowercased() {
        case "http": port = components.port ?? 80
        case "https": port = components.port ?? 443
        default: return nil
        }
        return "\(host):\(port)"
    }

    private static func isNumericAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
