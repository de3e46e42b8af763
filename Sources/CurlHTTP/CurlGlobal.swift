import CCurl

/// Process-wide libcurl initialisation.
enum CurlGlobal {
    /// `curl_global_init` is not thread-safe, so it runs once, lazily, before any worker thread starts.
    private static let initialized: Bool = ccurl_global_init_all() == CURLE_OK

    /// Initialises libcurl if no transport has yet.
    static func ensureInitialized() {
        // A failed init (only on out-of-memory) surfaces as curl_easy_init failing in the workers.
        _ = self.initialized
    }
}
