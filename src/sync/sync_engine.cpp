// One sync cycle; see sync_engine.hpp.
//
// Index of this file
// [SECTION] Start-up: the installed catalogue
// [SECTION] Feed: fetch, validate, refuse, commit
// [SECTION] Pictures: parallel fetch into the content-addressed cache
#include "sync_engine.hpp"

#include "catalog/feed_parser.hpp"
#include "catalog/time_util.hpp"
#include "media/image_decode.hpp"
#include "util/log.hpp"
#include "util/sha256.hpp"
#include "util/utf8.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace mint::sync
{

namespace
{

std::int64_t unixNow()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool isFileUrl(const std::string& url)
{
    return url.rfind("file://", 0) == 0;
}

}  // namespace

std::set<std::string> referencedImages(const catalog::Catalog& cat, const std::string& feedUrl)
{
    std::set<std::string> urls;
    for (const auto& o : cat.offers)
        for (const auto& img : o.images)
            urls.insert(net::resolveUrl(feedUrl, std::string(img.url)));
    for (const auto& s : cat.stories)
        for (const auto& img : s.images)
            urls.insert(net::resolveUrl(feedUrl, std::string(img.url)));
    return urls;
}

SyncEngine::SyncEngine(config::KioskConfig config, CacheStore& store)
    : clock(unixNow), m_config(std::move(config)), m_store(store), m_images(store.imagesDir()), m_rng(std::random_device{}())
{
    m_images.load();
    trust::initCrypto();
    for (const std::string& line : m_config.feed.publicKeys)
    {
        std::string error;
        if (auto key = trust::parsePublicKey(line, error))  // checked when the configuration was read
            m_trustedKeys.push_back(*key);
    }
}

// ---------------------------------------------------------------------------------------
// [SECTION] Start-up: the installed catalogue

CatalogPtr SyncEngine::loadInstalled(std::string* problem)
{
    // The data's age survives restarts: the last run's status (last success, last attempt)
    // is where the next run continues, also when that run cannot reach the server.
    if (auto text = m_store.readStatus())
        if (auto previous = statusFromJson(*text))
            m_status = *previous;
    std::string skipped;
    // The newest generation is parsed while a worker checks its checksum (start-up time);
    // a damaged one is dropped afterwards and the previous one loaded as before.
    std::future<bool> intact;
    auto generation = m_store.loadLatestChecking(intact, &skipped);
    if (!generation)
    {
        if (problem)
            *problem = skipped.empty() ? "no catalogue in the cache yet" : skipped;
        return nullptr;
    }
    auto result = catalog::loadCatalog(std::move(generation->feed), m_config.feedLimits());
    if (intact.valid() && !intact.get())
    {
        generation = m_store.loadLatest(&skipped);  // checks inline: current is skipped as damaged
        if (!generation)
        {
            if (problem)
                *problem = skipped;
            return nullptr;
        }
        result = catalog::loadCatalog(std::move(generation->feed), m_config.feedLimits());
    }
    m_status.lastSuccess = std::max(m_status.lastSuccess, generation->meta.fetchedAt);
    if (!skipped.empty())
        util::logWarn("cache", "current catalogue unusable (" + skipped + "); using the previous one");
    if (!result.accepted())
    {
        if (problem)
            *problem = "the cached catalogue no longer loads: " + (result.issues.empty() ? std::string("?") : result.issues[0].toString());
        return nullptr;
    }
    if (problem)
        *problem = skipped;
    m_meta = generation->meta;
    m_clockFloor = std::max(m_clockFloor, result.catalog->generatedAt);
    result.catalog->sourceUrl = generation->meta.sourceUrl.empty() ? m_config.feed.url : generation->meta.sourceUrl;
    CatalogPtr cat(std::move(result.catalog));
    std::lock_guard<std::mutex> lock(m_catalogMutex);
    m_catalog = cat;
    return cat;
}

CatalogPtr SyncEngine::catalog() const
{
    std::lock_guard<std::mutex> lock(m_catalogMutex);
    return m_catalog;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Feed: fetch, validate, refuse, commit

net::HttpRequest SyncEngine::baseRequest(const std::string& url) const
{
    net::HttpRequest r;
    r.url = url;
    r.timeoutS = m_config.feed.timeoutS;
    r.connectTimeoutS = m_config.feed.connectTimeoutS;
    r.lowSpeedLimitBytesPerS = m_config.feed.lowSpeedLimitBytesPerS;
    r.lowSpeedTimeS = m_config.feed.lowSpeedTimeS;
    r.userAgent = net::userAgent(m_config.feed.userAgentContact);
    r.allowFile = isFileUrl(m_config.feed.url);
    r.caFile = m_config.feed.caFile;
    return r;
}

void SyncEngine::fail(SyncStatus& status, FailureKind kind, std::string detail)
{
    status.result = SyncResult::Failed;
    status.failure = kind;
    status.error = failureText(kind);
    status.detail = std::move(detail);
}

void SyncEngine::fetchFeed(SyncStatus& status)
{
    const std::string& url = m_config.feed.url;
    net::HttpRequest req = baseRequest(url);
    req.maxBytes = m_config.feed.maxBytes;
    const bool haveCopy = m_meta && m_catalog && m_meta->sourceUrl == url;
    if (haveCopy)
    {
        req.ifNoneMatch = m_meta->etag;
        req.ifModifiedSince = m_meta->lastModified;
    }
    net::HttpResponse resp = m_http.get(req);
    status.httpStatus = resp.status;
    status.bytes = resp.bytesReceived;
    m_retryAfter.reset();
    if (!resp.ok())
    {
        const std::string detail = std::string(net::transportErrorKey(resp.error)) + ": " + resp.errorText;
        if (resp.error == net::TransportError::TooLarge)
            fail(status, FailureKind::TooLarge, detail);
        else if (resp.error == net::TransportError::FileMissing || resp.error == net::TransportError::BadUrl)
            fail(status, FailureKind::NotFound, detail);
        else
            fail(status, FailureKind::Network, detail);
        return;
    }
    const bool file = isFileUrl(url);
    if (!file && resp.status == 304)
    {
        if (haveCopy)
        {
            status.result = SyncResult::NotModified;
            return;
        }
        fail(status, FailureKind::Server, "HTTP 304 without a cached copy");
        return;
    }
    if (!file && (resp.status == 404 || resp.status == 410))
    {
        fail(status, FailureKind::NotFound, "HTTP " + std::to_string(resp.status) + " for " + url);
        return;
    }
    if (!file && (resp.status == 429 || resp.status == 503))
    {
        m_retryAfter = resp.retryAfterS;
        fail(status, FailureKind::RateLimited,
             "HTTP " + std::to_string(resp.status) +
                 (resp.retryAfterS ? ", Retry-After " + std::to_string(*resp.retryAfterS) + " s" : std::string()));
        return;
    }
    if (!file && resp.status != 200)
    {
        fail(status, FailureKind::Server, "unexpected HTTP status " + std::to_string(resp.status));
        return;
    }

    // Signed feeds: nothing of an unsigned or foreign feed is even parsed.
    if (std::string why; !m_trustedKeys.empty() && !signatureGood(url, resp.body, why))
    {
        fail(status, FailureKind::Signature, why);
        return;
    }
    const std::string sha = util::Sha256::hex(resp.body);
    if (haveCopy && sha == m_meta->sha256)
    {
        status.result = SyncResult::NotModified;  // same bytes (file:// or a server without validators)
        return;
    }
    // Validate everything before anything changes. The parser works in place, so it
    // gets a copy; the original bytes are what we commit.
    auto loaded = catalog::loadCatalog(resp.body, m_config.feedLimits());
    if (!loaded.accepted())
    {
        std::string first;
        for (const auto& issue : loaded.issues)
            if (issue.severity == catalog::Severity::Fatal)
            {
                first = issue.toString();
                break;
            }
        fail(status, FailureKind::Invalid, "feed rejected: " + first);
        return;
    }
    const catalog::Catalog& fresh = *loaded.catalog;
    status.offersSkipped = loaded.offersSkipped;
    if (fresh.validUntil && *fresh.validUntil <= trustedNow())
    {
        fail(status, FailureKind::Expired,
             "the feed's valid_until " + catalog::timeutil::formatRfc3339(nullptr, *fresh.validUntil) + " has passed (now " +
                 catalog::timeutil::formatRfc3339(nullptr, trustedNow()) + ")");
        return;
    }
    const std::size_t installedOffers = m_catalog ? m_catalog->offers.size() : 0;
    if (m_catalog && fresh.sequence < m_catalog->sequence)
    {
        fail(status, FailureKind::Rollback,
             "sequence " + std::to_string(fresh.sequence) + " is lower than the installed " + std::to_string(m_catalog->sequence));
        return;
    }
    if (fresh.offers.empty() && installedOffers > 0)
    {
        fail(status, FailureKind::Empty, "the new feed has no valid offers (" + std::to_string(loaded.offersSeen) + " in the document)");
        return;
    }
    if (installedOffers > 0 &&
        static_cast<double>(fresh.offers.size()) < static_cast<double>(installedOffers) * (1.0 - m_config.feed.maxDropShare))
    {
        fail(status, FailureKind::HeldBack,
             "would go from " + std::to_string(installedOffers) + " to " + std::to_string(fresh.offers.size()) +
                 " offers (feed.max_drop_share " + std::to_string(m_config.feed.maxDropShare) + ")");
        return;
    }

    GenerationMeta meta;
    meta.sequence = fresh.sequence;
    meta.sha256 = sha;
    meta.etag = resp.etag;
    meta.lastModified = resp.lastModified;
    meta.sourceUrl = url;
    meta.fetchedAt = clock();
    meta.bytes = resp.body.size();
    meta.offers = fresh.offers.size();
    std::string error;
    if (!m_store.commit(meta, resp.body, error))
    {
        fail(status, FailureKind::Disk, error);
        return;
    }
    m_meta = meta;
    m_clockFloor = std::max(m_clockFloor, fresh.generatedAt);
    {
        std::lock_guard<std::mutex> lock(m_catalogMutex);
        loaded.catalog->sourceUrl = url;
        m_catalog = CatalogPtr(std::move(loaded.catalog));
    }
    status.result = SyncResult::Updated;
}

bool SyncEngine::signatureGood(const std::string& url, const std::string& body, std::string& why)
{
    const std::string sigUrl = url + ".minisig";
    net::HttpRequest req = baseRequest(sigUrl);
    req.maxBytes = 64 << 10;  // a .minisig is about 300 bytes
    const net::HttpResponse resp = m_http.get(req);
    if (!resp.ok() || (!isFileUrl(url) && resp.status != 200))
    {
        why = "no signature at " + sigUrl + " (" +
              (resp.ok() ? "HTTP " + std::to_string(resp.status) : std::string(net::transportErrorKey(resp.error))) + ")";
        return false;
    }
    std::string error;
    const auto sig = trust::parseSignature(resp.body, error);
    if (!sig)
    {
        why = sigUrl + ": " + error;
        return false;
    }
    const trust::Verdict v = trust::verify(body, *sig, m_trustedKeys);
    if (v != trust::Verdict::Good)
    {
        std::string trusted;
        for (const auto& k : m_trustedKeys)
            trusted += (trusted.empty() ? "" : ", ") + k.idHex();
        why = std::string(trust::verdictText(v)) + " (signature key " + trust::PublicKey{sig->keyId, {}}.idHex() + ", trusted " + trusted +
              ")";
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Pictures: parallel fetch into the content-addressed cache

void SyncEngine::syncImages(const catalog::Catalog& cat, SyncStatus& status, bool feedChanged, bool countOnly)
{
    const std::set<std::string> referenced = referencedImages(cat, cat.sourceUrl.empty() ? m_config.feed.url : cat.sourceUrl);
    const std::int64_t now = clock();
    const bool busy = busyNow();  // open for visitors: re-checks wait for closed hours
    const std::int64_t revalidateS = static_cast<std::int64_t>(m_config.images.revalidateH) * 3600;
    constexpr std::int64_t kRetryFailedS = 3600;

    struct Job
    {
        std::string url;
        bool haveEntry = false;
        ImageEntry entry;
    };
    std::vector<Job> jobs;
    for (const auto& url : referenced)
    {
        Job job{url, false, {}};
        job.haveEntry = m_images.find(url, job.entry);
        if (!job.haveEntry && m_images.findMoved(url, job.entry))
        {
            // The same picture path under another host (feed.url moved): the file on disk is
            // used at once, and re-checked at the new host with the old validators.
            job.entry.checkedAt = 0;
            m_images.adopt(job.entry);
            job.haveEntry = true;
        }
        if (job.haveEntry && job.entry.checkedAt > now)
        {
            // Checked "in the future": the clock was stepped back (a Pi without a real-time
            // clock before NTP). Counts as checked now, so re-checks resume on schedule.
            job.entry.checkedAt = now;
            m_images.touch(url, now);
        }
        if (job.haveEntry && now - job.entry.checkedAt < revalidateS)
        {
            ++status.imagesCached;
            continue;
        }
        if (job.haveEntry && busy)
        {
            ++status.imagesCached;
            ++status.imagesDeferred;
            continue;
        }
        auto failed = m_imageFailedAt.find(url);
        if (failed != m_imageFailedAt.end() && failed->second > now)
            failed->second = now;  // the clock went back: a failure from the future counts as now
        if (!job.haveEntry && failed != m_imageFailedAt.end() && now - failed->second < kRetryFailedS && !feedChanged)
        {
            ++status.imagesMissing;
            continue;
        }
        if (countOnly)
        {
            ++(job.haveEntry ? status.imagesCached : status.imagesMissing);
            continue;
        }
        jobs.push_back(std::move(job));
    }

    std::mutex mutex;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> requests{0};
    auto problem = [&](const std::string& url, const std::string& what)
    {
        std::lock_guard<std::mutex> lock(mutex);
        ++status.imagesMissing;
        m_imageFailedAt[url] = now;
        if (status.imageProblems.size() < 10)
            status.imageProblems.push_back(url + ": " + what);
    };
    auto worker = [&]()
    {
        net::HttpClient http;
        for (std::size_t i = next++; i < jobs.size(); i = next++)
        {
            Job& job = jobs[i];
            net::HttpRequest req = baseRequest(job.url);
            req.maxBytes = m_config.images.maxBytes;
            if (job.haveEntry)
            {
                req.ifNoneMatch = job.entry.etag;
                req.ifModifiedSince = job.entry.lastModified;
            }
            const net::HttpResponse resp = http.get(req);
            if (!resp.ok())
            {
                // A picture that cannot be re-checked but is cached stays in use.
                if (job.haveEntry)
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    ++status.imagesCached;
                    continue;
                }
                problem(job.url, std::string(net::transportErrorKey(resp.error)) + ": " + resp.errorText);
                continue;
            }
            if (resp.status == 304 && job.haveEntry)
            {
                m_images.touch(job.url, now);
                std::lock_guard<std::mutex> lock(mutex);
                ++status.imagesCached;
                continue;
            }
            if (resp.status != 200 && resp.status != 0)
            {
                problem(job.url, "HTTP " + std::to_string(resp.status));
                continue;
            }
            // Type by magic bytes, size from the header, then a full decode: a picture that
            // cannot be shown is not cached (the card shows its placeholder).
            const media::ImageInfo info = media::probeImage(resp.body, m_config.images.maxDimension, m_config.images.maxPixels);
            if (!info.ok)
            {
                problem(job.url, info.error);
                continue;
            }
            const media::DecodedImage decoded = media::decodeImage(resp.body, m_config.images.maxDimension, m_config.images.maxPixels);
            if (!decoded.ok())
            {
                problem(job.url, decoded.error);
                continue;
            }
            ImageEntry entry;
            entry.url = job.url;
            entry.etag = resp.etag;
            entry.lastModified = resp.lastModified;
            entry.checkedAt = now;
            entry.width = info.width;
            entry.height = info.height;
            std::string error;
            if (!m_images.store(entry, resp.body, info.type == media::ImageType::Png ? ".png" : ".jpg", error))
            {
                problem(job.url, error);
                continue;
            }
            std::lock_guard<std::mutex> lock(mutex);
            ++status.imagesCached;
        }
        requests += http.requestCount();
    };
    const std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(m_config.images.parallel), jobs.size());
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    if (threads > 0)
        worker();
    for (auto& t : pool)
        t.join();
    status.requests += requests;

    std::string error;
    if (!jobs.empty() && !m_images.compact(error))
        util::logWarn("images", "cannot write the picture index: " + error);
    if (feedChanged)
    {
        const std::size_t removed = m_images.prune(referenced);
        if (removed)
            util::logInfo("images", "removed " + std::to_string(removed) + " pictures no longer used");
        if (!m_images.compact(error))
            util::logWarn("images", "cannot write the picture index: " + error);
    }
}

SyncStatus SyncEngine::runOnce()
{
    const auto started = std::chrono::steady_clock::now();
    SyncStatus status;
    status.lastAttempt = clock();
    status.lastSuccess = m_status.lastSuccess;
    const std::size_t requestsBefore = m_http.requestCount();
    std::string lockError;
    const CacheStore::Lock lock = m_store.tryLock(lockError);
    if (!lock.held())
        fail(status, lockError.rfind("another sync", 0) == 0 ? FailureKind::Busy : FailureKind::Disk, lockError);
    else
        fetchFeed(status);
    status.requests = m_http.requestCount() - requestsBefore;
    if (status.result != SyncResult::Failed)
    {
        status.lastSuccess = status.lastAttempt;
        m_failures = 0;
    }
    else
        ++m_failures;
    if (CatalogPtr cat = catalog())
    {
        // Pictures after every run that reached the server (an interrupted picture run
        // resumes); after a failed one only counted, so a dead network costs no requests.
        if (lock.held())
            syncImages(*cat, status, status.result == SyncResult::Updated, status.result == SyncResult::Failed);
        // Always the installed catalogue, also when the cache was busy or read-only.
        status.sequence = cat->sequence;
        status.offers = cat->offers.size();
    }
    if (extraStep && lock.held() && status.result != SyncResult::Failed)
        extraStep(status, m_http);
    status.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    finish(status);
    return status;
}

SyncStatus SyncEngine::recordCrash(const std::string& what)
{
    SyncStatus status;
    status.lastAttempt = clock();
    status.lastSuccess = m_status.lastSuccess;
    fail(status, FailureKind::Internal, util::validUtf8(what, 300));
    ++m_failures;
    if (CatalogPtr cat = catalog())
    {
        status.sequence = cat->sequence;
        status.offers = cat->offers.size();
    }
    finish(status);
    return status;
}

void SyncEngine::finish(SyncStatus& status)
{
    status.nextAttempt =
        status.lastAttempt + nextDelayS(status, m_failures, m_retryAfter, m_config.feed.syncIntervalMin * 60, RetryPolicy{}, m_rng);
    m_status = status;
    std::string error;
    if (!m_store.writeStatus(statusToJson(status), error))
        util::logWarn("sync", "cannot write status.json: " + error);
    if (status.result == SyncResult::Failed)
        util::logWarn("sync", statusLine(status));
    else
        util::logInfo("sync", statusLine(status));
}

}  // namespace mint::sync
