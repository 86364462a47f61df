// What a sync run did, shared by the log, status.json, `mint-kiosk --sync-once` and the
// admin screen; and the retry policy that decides when the next run happens.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace mint::sync
{

enum class SyncResult
{
    Updated,
    NotModified,
    Failed
};
const char* syncResultKey(SyncResult r);

/// Why a run failed; each has a message key for the UI and plain words for staff.
enum class FailureKind
{
    None,
    Network,      ///< no connection, DNS, TLS, timeout, stalled, cut short
    Server,       ///< 5xx or another unexpected status
    NotFound,     ///< 404/410: the feed URL is wrong (a configuration problem)
    RateLimited,  ///< 429/503 with Retry-After
    TooLarge,     ///< body over feed.max_bytes
    Invalid,      ///< not a valid feed (e.g. a captive portal's page)
    Rollback,     ///< sequence lower than the installed one
    Empty,        ///< no valid offers, but the installed catalogue has some
    HeldBack,     ///< would remove more than feed.max_drop_share of the offers at once
    Disk,         ///< could not write the cache
    Busy,         ///< another process is syncing this cache right now
    Internal,     ///< the run itself failed (an exception caught at the sync thread's boundary)
    Signature,    ///< feed.public_keys are set and the feed's .minisig is missing, broken or not by them
    Expired,      ///< the fetched feed's valid_until has passed (a frozen or replayed feed)
};
const char* failureKey(FailureKind k);
/// Words a librarian understands (English; the UI shows the translated key).
std::string failureText(FailureKind k);

struct SyncStatus
{
    SyncResult result = SyncResult::Failed;
    FailureKind failure = FailureKind::None;
    std::int64_t lastAttempt = 0;  ///< Unix seconds
    std::int64_t lastSuccess = 0;  ///< last run that updated or confirmed the catalogue
    std::int64_t nextAttempt = 0;
    long httpStatus = 0;
    std::string error;              ///< plain words (empty on success)
    std::string detail;             ///< technical detail for staff and the log
    std::size_t bytes = 0;          ///< feed bytes received
    std::size_t requests = 0;       ///< HTTP requests this run (feed + images)
    std::int64_t sequence = 0;      ///< of the catalogue installed after the run
    std::size_t offers = 0;         ///< of the catalogue installed after the run
    std::size_t offersSkipped = 0;  ///< broken offers in the new feed
    std::size_t imagesCached = 0;
    std::size_t imagesMissing = 0;
    std::size_t imagesDeferred = 0;          ///< cached pictures whose re-check waits for closed hours
    std::vector<std::string> imageProblems;  ///< the first few, "url: problem"
    std::string mapPackage;                  ///< the map package step: "" (none configured), "current", "installed" or a problem
    double seconds = 0;
};

std::string statusToJson(const SyncStatus& s);
std::optional<SyncStatus> statusFromJson(const std::string& json);
/// One line for the log: "updated: sequence 8, 60 offers, 20 images (0 missing), 143 KB".
std::string statusLine(const SyncStatus& s);

/// How long the sync thread waits after a run, on the monotonic clock: the delay the
/// engine chose (next minus last attempt), whatever the wall clock did in between; at least
/// 1 s, at most a day.
std::int64_t waitAfterRunS(const SyncStatus& s);

/// When to try again. Success: the interval plus a random offset of up to 10 % (so a
/// fleet of kiosks spreads out). Failure: exponential backoff with full jitter (base
/// 30 s, cap 1 h); Retry-After is honoured, clamped to [30 s, 6 h]; 404/410 waits the
/// cap (a configuration problem is not retried every 30 s).
struct RetryPolicy
{
    int baseS = 30;
    int capS = 3600;
    int retryAfterMinS = 30;
    int retryAfterMaxS = 6 * 3600;
};
std::int64_t nextDelayS(const SyncStatus& s, int consecutiveFailures, std::optional<long> retryAfterS, int syncIntervalS,
                        const RetryPolicy& policy, std::mt19937_64& rng);

}  // namespace mint::sync
