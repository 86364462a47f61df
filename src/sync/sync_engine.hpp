// One sync cycle: fetch the feed politely (conditional, guarded), validate it completely,
// refuse rollbacks, empty and mass-deleting feeds, commit it crash-safely, then bring the
// picture cache up to date. Blocking; SyncService runs it on a worker thread.
#pragma once

#include "cache_store.hpp"
#include "catalog/model.hpp"
#include "config/kiosk_config.hpp"
#include "image_cache.hpp"
#include "net/http_client.hpp"
#include "sync_status.hpp"
#include "trust/minisign.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>

namespace mint::sync
{

using CatalogPtr = std::shared_ptr<const catalog::Catalog>;

class SyncEngine
{
public:
    SyncEngine(config::KioskConfig config, CacheStore& store);

    /// Loads the last good catalogue from disk (no network). `problem` says what was
    /// skipped (a damaged current generation) or why there is none.
    CatalogPtr loadInstalled(std::string* problem = nullptr);

    /// Runs one cycle; the status is also written to status.json and the log.
    SyncStatus runOnce();

    /// Records a run that ended in an exception (caught by the caller): a failed status of
    /// kind Internal, with the message, written and logged like any run; retried later.
    SyncStatus recordCrash(const std::string& what);

    CatalogPtr catalog() const;
    /// "Now" for validity decisions: the clock, but never earlier than the newest
    /// generated_at this kiosk has accepted (a kiosk without a real-time clock that boots
    /// in the past cannot be made to take an expired feed for a valid one).
    std::int64_t trustedNow() const { return std::max(clock(), m_clockFloor); }
    const SyncStatus& lastStatus() const { return m_status; }
    /// Unix seconds (overridable for tests).
    std::function<std::int64_t()> clock;
    /// One more step at the end of every run that reached the server, with this engine's
    /// HTTP client (the map package download; see map/package_update.hpp).
    std::function<void(SyncStatus&, net::HttpClient&)> extraStep;
    /// True while the kiosk is open for visitors (config `display`): heavy downloads prefer
    /// closed hours — cached pictures are re-checked and map packages fetched only then;
    /// pictures the catalogue lacks are fetched at once. Unset: no such preference.
    std::function<bool()> busyHours;
    bool busyNow() const { return busyHours && busyHours(); }

private:
    void fetchFeed(SyncStatus& status);
    /// With feed.public_keys: fetches `<url>.minisig` and checks `body` against it; false
    /// with the reason (for the status detail and the log).
    bool signatureGood(const std::string& url, const std::string& body, std::string& why);
    void syncImages(const catalog::Catalog& cat, SyncStatus& status, bool feedChanged, bool countOnly);
    net::HttpRequest baseRequest(const std::string& url) const;
    void fail(SyncStatus& status, FailureKind kind, std::string detail);
    /// Schedules the next run, keeps the status, writes status.json and the log line.
    void finish(SyncStatus& status);

    config::KioskConfig m_config;
    CacheStore& m_store;
    ImageCache m_images;
    net::HttpClient m_http;
    CatalogPtr m_catalog;
    std::optional<GenerationMeta> m_meta;
    SyncStatus m_status;
    int m_failures = 0;
    std::optional<long> m_retryAfter;
    std::map<std::string, std::int64_t> m_imageFailedAt;  ///< url -> when it last failed
    std::mt19937_64 m_rng;
    std::vector<trust::PublicKey> m_trustedKeys;
    std::int64_t m_clockFloor = 0;  ///< the newest generated_at accepted  ///< feed.public_keys (empty: feeds are not signed)
    mutable std::mutex m_catalogMutex;
};

/// Every picture URL the catalogue references (offers and stories), resolved against the
/// feed URL.
std::set<std::string> referencedImages(const catalog::Catalog& cat, const std::string& feedUrl);

}  // namespace mint::sync
