// libcurl client with explicit guards; see http_client.hpp.
#include "http_client.hpp"

#include "util/text.hpp"
#include "util/utf8.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace mint::net
{

void initHttpGlobal()
{
    static std::once_flag once;
    std::call_once(once,
                   []
                   {
                       curl_global_init(CURL_GLOBAL_DEFAULT);
                       std::signal(SIGPIPE, SIG_IGN);
                   });
}

const char* transportErrorKey(TransportError e)
{
    switch (e)
    {
    case TransportError::None: return "none";
    case TransportError::BadUrl: return "bad_url";
    case TransportError::Resolve: return "resolve";
    case TransportError::Connect: return "connect";
    case TransportError::Timeout: return "timeout";
    case TransportError::Stalled: return "stalled";
    case TransportError::TooLarge: return "too_large";
    case TransportError::Tls: return "tls";
    case TransportError::Redirects: return "redirects";
    case TransportError::Interrupted: return "interrupted";
    case TransportError::FileMissing: return "file_missing";
    case TransportError::Other: return "other";
    }
    return "other";
}

std::string userAgent(const std::string& contact)
{
    std::string ua = std::string("MINT-Kiosk/") + MINT_VERSION;
    if (!contact.empty())
        ua += " (+" + contact + ")";
    return ua;
}

namespace
{

struct Transfer
{
    HttpResponse* response;
    std::size_t maxBytes;
    bool tooLarge = false;
    std::FILE* file = nullptr;  ///< HttpRequest::bodyFile
    std::size_t written = 0;
};

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    // The cap is checked on what arrives, so a chunked or compressed body cannot run past it.
    const std::size_t have = t->file ? t->written : t->response->body.size();
    if (have + n > t->maxBytes)
    {
        t->tooLarge = true;
        return 0;  // aborts with CURLE_WRITE_ERROR
    }
    if (t->file)
    {
        if (std::fwrite(data, 1, n, t->file) != n)
            return 0;  // disk full: aborts
        t->written += n;
        return n;
    }
    t->response->body.append(data, n);
    return n;
}

std::string trim(std::string s)
{
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
        s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && (s[start] == ' ' || s[start] == '\t'))
        ++start;
    return s.substr(start);
}

constexpr std::size_t kMaxValidatorBytes = 1024;

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* r = static_cast<HttpResponse*>(user);
    const std::size_t n = size * count;
    std::string line(data, n);
    if (line.rfind("HTTP/", 0) == 0)
    {
        // A new response (after a redirect): forget the previous one's headers.
        r->etag.clear();
        r->lastModified.clear();
        r->contentType.clear();
        r->cacheControl.clear();
        return n;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos)
        return n;
    std::string name = line.substr(0, colon);
    for (auto& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string value = trim(line.substr(colon + 1));
    // Validators are sent back byte for byte, so one we cannot store as text (not UTF-8,
    // control bytes, absurdly long) is dropped: the next sync simply fetches in full.
    const bool storable = value.size() <= kMaxValidatorBytes && util::isValidUtf8(value) &&
                          std::none_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (name == "etag")
        r->etag = storable ? value : std::string();
    else if (name == "last-modified")
        r->lastModified = storable ? value : std::string();
    else if (name == "content-type")
        r->contentType = util::validUtf8(value, kMaxValidatorBytes);
    else if (name == "cache-control")
        r->cacheControl = util::validUtf8(value, kMaxValidatorBytes);
    return n;
}

TransportError classify(CURLcode code, bool tooLarge)
{
    if (tooLarge || code == CURLE_FILESIZE_EXCEEDED)
        return TransportError::TooLarge;
    switch (code)
    {
    case CURLE_OK: return TransportError::None;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT: return TransportError::BadUrl;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return TransportError::Resolve;
    case CURLE_COULDNT_CONNECT: return TransportError::Connect;
    case CURLE_OPERATION_TIMEDOUT: return TransportError::Timeout;
    case CURLE_TOO_MANY_REDIRECTS: return TransportError::Redirects;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return TransportError::Tls;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_WEIRD_SERVER_REPLY: return TransportError::Interrupted;
    case CURLE_FILE_COULDNT_READ_FILE: return TransportError::FileMissing;
    default: return TransportError::Other;
    }
}

}  // namespace

HttpClient::HttpClient()
{
    initHttpGlobal();
    m_curl = curl_easy_init();
}

HttpClient::~HttpClient()
{
    if (m_curl)
        curl_easy_cleanup(static_cast<CURL*>(m_curl));
}

HttpResponse HttpClient::get(const HttpRequest& req)
{
    return perform(req, nullptr, {});
}

HttpResponse HttpClient::post(const HttpRequest& req, const std::string& body, const std::string& contentType)
{
    return perform(req, &body, contentType);
}

HttpResponse HttpClient::perform(const HttpRequest& req, const std::string* postBody, const std::string& contentType)
{
    HttpResponse response;
    CURL* curl = static_cast<CURL*>(m_curl);
    if (!curl)
    {
        response.error = TransportError::Other;
        response.errorText = "libcurl could not start";
        return response;
    }
    const bool isFile = util::startsWithNoCase(req.url, "file://");
    const bool isHttps = util::startsWithNoCase(req.url, "https://");
    if (!(isFile && req.allowFile) && !isHttps && !util::startsWithNoCase(req.url, "http://"))
    {
        response.error = TransportError::BadUrl;
        response.errorText = "unsupported URL scheme: " + req.url.substr(0, 60);
        return response;
    }
    curl_easy_reset(curl);  // keeps the connection cache
    Transfer transfer{&response, req.maxBytes};
    if (!req.bodyFile.empty())
    {
        transfer.file = std::fopen(req.bodyFile.c_str(), "wb");
        if (!transfer.file)
        {
            response.error = TransportError::Other;
            response.errorText = "cannot write " + req.bodyFile;
            return response;
        }
    }
    char errorBuffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    // Schemes: the request's own; redirects never leave http(s) and never downgrade https.
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, isFile ? "file" : "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, isHttps ? "https" : "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, isFile ? 0L : 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, req.maxRedirects);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, req.connectTimeoutS);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, req.timeoutS);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, req.lowSpeedLimitBytesPerS);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, req.lowSpeedTimeS);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.maxBytes));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!req.caFile.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, req.caFile.c_str());
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, req.userAgent.empty() ? userAgent("").c_str() : req.userAgent.c_str());
    struct curl_slist* headers = nullptr;
    if (!req.ifNoneMatch.empty())
        headers = curl_slist_append(headers, ("If-None-Match: " + req.ifNoneMatch).c_str());
    if (!req.ifModifiedSince.empty())
        headers = curl_slist_append(headers, ("If-Modified-Since: " + req.ifModifiedSince).c_str());
    if (postBody)
    {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(postBody->size()));
        curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, postBody->c_str());
        curl_easy_setopt(curl, CURLOPT_POSTREDIR, static_cast<long>(CURL_REDIR_POST_ALL));
        headers = curl_slist_append(headers, ("Content-Type: " + contentType).c_str());
        headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    }
    if (headers)
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

    ++m_requests;
    const CURLcode code = curl_easy_perform(curl);
    if (headers)
        curl_slist_free_all(headers);

    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = status;
    curl_off_t retryAfter = 0;
    if (curl_easy_getinfo(curl, CURLINFO_RETRY_AFTER, &retryAfter) == CURLE_OK && retryAfter > 0)
        response.retryAfterS = static_cast<long>(retryAfter);
    char* effective = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective)
        response.effectiveUrl = effective;
    double total = 0;
    curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME, &total);
    response.seconds = total;
    response.bytesReceived = transfer.file ? transfer.written : response.body.size();
    if (transfer.file && std::fclose(transfer.file) != 0 && code == CURLE_OK)
    {
        response.error = TransportError::Other;
        response.errorText = "cannot write " + req.bodyFile;
        return response;
    }
    response.error = classify(code, transfer.tooLarge);
    if (response.error == TransportError::Other && code == CURLE_WRITE_ERROR)
        response.error = TransportError::Interrupted;
    if (code != CURLE_OK)
    {
        response.errorText = util::validUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code));
        if (transfer.tooLarge)
            response.errorText = "body larger than the limit of " + std::to_string(req.maxBytes) + " bytes";
        // The low-speed guard reports as a timeout; say which guard fired.
        if (code == CURLE_OPERATION_TIMEDOUT && response.errorText.find("too slow") != std::string::npos)
            response.error = TransportError::Stalled;
        // A redirect to a scheme we refuse (e.g. https -> http) is a redirect problem.
        if (code == CURLE_UNSUPPORTED_PROTOCOL && !response.effectiveUrl.empty() && response.effectiveUrl != req.url)
            response.error = TransportError::Redirects;
        response.body.clear();
    }
    return response;
}

std::string resolveUrl(const std::string& base, const std::string& reference)
{
    if (reference.find("://") != std::string::npos)
        return reference;
    const auto query = base.find_first_of("?#");
    const std::string path = base.substr(0, query);
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return reference;
    return path.substr(0, slash + 1) + reference;
}

}  // namespace mint::net
