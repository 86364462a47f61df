// One libcurl easy handle with every guard set explicitly (libcurl 7.88's defaults follow
// redirects without limit, never time out a stalled transfer and let a chunked body run
// past CURLOPT_MAXFILESIZE_LARGE). One HttpClient per thread; connections are reused.
// Transport errors and HTTP status are kept apart in the result.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace mint::net
{

/// curl_global_init and SIGPIPE ignored; call once before any thread starts.
void initHttpGlobal();

struct HttpRequest
{
    std::string url;
    std::string ifNoneMatch;           ///< ETag of the copy we have
    std::string ifModifiedSince;       ///< Last-Modified of the copy we have
    std::size_t maxBytes = 50u << 20;  ///< body cap, enforced while receiving (after decompression)
    long timeoutS = 60;
    long connectTimeoutS = 15;
    long lowSpeedLimitBytesPerS = 100;
    long lowSpeedTimeS = 30;
    long maxRedirects = 5;
    std::string userAgent;
    bool allowFile = false;  ///< file:// (local feeds); never reachable through a redirect
    std::string bodyFile;    ///< when set, the body is written to this file (large downloads), not kept in memory
    std::string caFile;      ///< PEM certificates to trust instead of the system's (feed.ca_file)
};

enum class TransportError
{
    None,
    BadUrl,       ///< malformed, or a scheme we do not speak
    Resolve,      ///< DNS
    Connect,      ///< refused, unreachable
    Timeout,      ///< overall timeout
    Stalled,      ///< slower than the low-speed limit
    TooLarge,     ///< body over maxBytes
    Tls,          ///< certificate or handshake
    Redirects,    ///< too many, or to a forbidden scheme
    Interrupted,  ///< connection reset, body cut short, empty reply
    FileMissing,  ///< file:// path does not exist
    Other,
};
const char* transportErrorKey(TransportError e);

struct HttpResponse
{
    TransportError error = TransportError::None;
    std::string errorText;  ///< libcurl's words, for the log and staff
    long status = 0;        ///< HTTP status (0 for file:// and transport errors)
    std::string body;
    std::string etag;
    std::string lastModified;
    std::string contentType;
    std::string cacheControl;  ///< as sent (see map/tile_cache.hpp for the parsing)
    std::optional<long> retryAfterS;
    std::string effectiveUrl;
    std::size_t bytesReceived = 0;
    double seconds = 0;

    bool ok() const { return error == TransportError::None; }
};

class HttpClient
{
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResponse get(const HttpRequest& request);
    /// The same guards for a POST of `body` (heartbeats and usage reports); a redirect is
    /// followed with the same POST.
    HttpResponse post(const HttpRequest& request, const std::string& body, const std::string& contentType = "application/json");
    /// Requests sent by this client so far (for benchmarks and tests).
    std::size_t requestCount() const { return m_requests; }

private:
    HttpResponse perform(const HttpRequest& request, const std::string* postBody, const std::string& contentType);

    void* m_curl = nullptr;
    std::size_t m_requests = 0;
};

/// "MINT-Kiosk/0.1.0 (+contact)"
std::string userAgent(const std::string& contact);

/// Resolves a reference against a base URL (relative image paths against the feed URL).
std::string resolveUrl(const std::string& base, const std::string& reference);

}  // namespace mint::net
