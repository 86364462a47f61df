// Tile sources; see tile_source.hpp.
#include "map/tile_source.hpp"

#include "media/image_decode.hpp"
#include "net/http_client.hpp"
#include "util/text.hpp"

#include <chrono>

namespace mint::map
{

std::string tileUrl(const std::string& urlTemplate, const TileId& t)
{
    std::string url = urlTemplate;
    auto replace = [&](const std::string& key, int value)
    {
        for (std::size_t p = url.find(key); p != std::string::npos; p = url.find(key, p))
            url.replace(p, key.size(), std::to_string(value));
    };
    replace("{z}", t.z);
    replace("{x}", t.x);
    replace("{y}", t.y);
    return url;
}

bool isOsmPublicTileServer(const std::string& urlTemplate)
{
    // The host part, lower case.
    std::string url;
    for (char c : urlTemplate)
        url += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::size_t start = url.find("://");
    if (start == std::string::npos)
        return false;
    std::string host = url.substr(start + 3);
    host = host.substr(0, host.find_first_of("/:?"));
    auto endsWith = [&](const std::string& suffix)
    {
        return host == suffix || (host.size() > suffix.size() && host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0 &&
                                  host[host.size() - suffix.size() - 1] == '.');
    };
    return endsWith("tile.openstreetmap.org") || endsWith("tile.osm.org") || endsWith("tile.openstreetmap.de") ||
           endsWith("tile.openstreetmap.fr");
}

OnlineTileSource::OnlineTileSource(OnlineSourceOptions options, TileDiskCache* cache, std::function<std::int64_t()> clock)
    : m_options(std::move(options)), m_cache(cache), m_clock(std::move(clock))
{
    if (!m_clock)
        m_clock = []
        { return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count(); };
}

FetchResult OnlineTileSource::fetch(net::HttpClient& http, const TileId& t)
{
    FetchResult r;
    const std::int64_t now = m_clock();
    std::optional<CachedTile> cached = m_cache ? m_cache->get(t, now) : std::nullopt;
    if (cached && cached->expires > now)
    {
        r.status = FetchStatus::Ok;
        r.bytes = std::move(cached->data);
        return r;
    }
    net::HttpRequest req;
    req.url = tileUrl(m_options.urlTemplate, t);
    req.userAgent = m_options.userAgent;
    req.timeoutS = m_options.timeoutS;
    req.connectTimeoutS = m_options.connectTimeoutS;
    req.lowSpeedLimitBytesPerS = 200;
    req.lowSpeedTimeS = 5;
    req.maxBytes = m_options.maxBytes;
    if (cached)
    {
        req.ifNoneMatch = cached->etag;
        req.ifModifiedSince = cached->lastModified;
    }
    const net::HttpResponse res = http.get(req);
    auto serveStale = [&](const std::string& why)
    {
        if (cached)
        {
            r.status = FetchStatus::Ok;
            r.stale = true;
            r.bytes = std::move(cached->data);
        }
        else
            r.status = FetchStatus::Failed;
        r.error = "tile " + tileName(t) + ": " + why;
        return r;
    };
    if (!res.ok())
        return serveStale(res.errorText.empty() ? net::transportErrorKey(res.error) : res.errorText);
    const CachePolicy policy = parseCacheControl(res.cacheControl);
    const std::int64_t expires = tileExpiry(policy, now, m_options.defaultMaxAgeS);
    if (res.status == 304 && cached)
    {
        m_cache->refresh(t, expires, now);
        r.status = FetchStatus::Ok;
        r.fromNetwork = true;
        r.bytes = std::move(cached->data);
        return r;
    }
    if (res.status == 404 || res.status == 410 || res.status == 204)
    {
        r.status = FetchStatus::Missing;
        r.fromNetwork = true;
        return r;
    }
    if (res.status != 200)
        return serveStale("HTTP " + std::to_string(res.status));
    // A tile server behind a captive portal answers 200 with a web page: check the bytes.
    const media::ImageInfo info = media::probeImage(res.body, 1024);
    if (!info.ok)
        return serveStale("not a PNG or JPEG tile (" + info.error + ")");
    r.status = FetchStatus::Ok;
    r.fromNetwork = true;
    r.bytes = res.body;
    if (m_cache && policy.store)
        m_cache->put(t, CachedTile{res.body, res.etag, res.lastModified, expires}, now);
    return r;
}

FetchResult TileSources::fetch(net::HttpClient& http, const TileId& t) const
{
    FetchResult r;
    if (package)
    {
        const TileRead read = package->read(t, r.bytes, r.error);
        if (read == TileRead::Found)
        {
            r.status = FetchStatus::Ok;
            return r;
        }
        r.status = read == TileRead::Error ? FetchStatus::Failed : FetchStatus::Missing;
    }
    if (online)
        return online->fetch(http, t);
    return r;
}

}  // namespace mint::map
