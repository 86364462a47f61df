// Sync status and retry policy; see sync_status.hpp.
#include "sync_status.hpp"

#include "util/json_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mint::sync
{

using Json = nlohmann::ordered_json;

const char* syncResultKey(SyncResult r)
{
    switch (r)
    {
    case SyncResult::Updated: return "updated";
    case SyncResult::NotModified: return "not_modified";
    case SyncResult::Failed: return "failed";
    }
    return "failed";
}

const char* failureKey(FailureKind k)
{
    switch (k)
    {
    case FailureKind::None: return "none";
    case FailureKind::Network: return "network";
    case FailureKind::Server: return "server";
    case FailureKind::NotFound: return "not_found";
    case FailureKind::RateLimited: return "rate_limited";
    case FailureKind::TooLarge: return "too_large";
    case FailureKind::Invalid: return "invalid";
    case FailureKind::Rollback: return "rollback";
    case FailureKind::Empty: return "empty";
    case FailureKind::HeldBack: return "held_back";
    case FailureKind::Disk: return "disk";
    case FailureKind::Busy: return "busy";
    case FailureKind::Internal: return "internal";
    case FailureKind::Signature: return "signature";
    case FailureKind::Expired: return "expired";
    }
    return "none";
}

std::string failureText(FailureKind k)
{
    switch (k)
    {
    case FailureKind::None: return "";
    case FailureKind::Network:
        return "The catalogue server could not be reached (network problem). The last good catalogue stays on screen.";
    case FailureKind::Server: return "The catalogue server answered with an error. The last good catalogue stays on screen.";
    case FailureKind::NotFound: return "The catalogue address was not found on the server. Please check feed.url in the configuration.";
    case FailureKind::RateLimited: return "The catalogue server asked us to wait. The kiosk tries again later.";
    case FailureKind::TooLarge: return "The catalogue is larger than this kiosk accepts (feed.max_bytes).";
    case FailureKind::Invalid:
        return "What the server sent is not a valid catalogue (perhaps a login page of the network). The last good "
               "catalogue stays on screen.";
    case FailureKind::Rollback: return "The server sent an older catalogue than the one installed; it was refused.";
    case FailureKind::Empty: return "The server sent a catalogue without offers; the current offers stay on screen.";
    case FailureKind::HeldBack:
        return "The new catalogue would remove too many offers at once; it was held back. Please check with the "
               "publisher.";
    case FailureKind::Disk: return "The kiosk could not save the catalogue (disk full or not writable).";
    case FailureKind::Busy: return "Another sync is running right now; the kiosk tries again shortly.";
    case FailureKind::Internal:
        return "The sync stopped with an internal error (see the log). The last good catalogue stays on screen; the kiosk "
               "tries again later.";
    case FailureKind::Signature:
        return "The new catalogue is not signed with this network's key and was refused. The last good catalogue stays on screen.";
    case FailureKind::Expired:
        return "The server sent a catalogue that has already expired (valid_until); it was refused. The last good catalogue stays on "
               "screen.";
    }
    return "";
}

std::string statusToJson(const SyncStatus& s)
{
    Json j;
    j["result"] = syncResultKey(s.result);
    j["http_status"] = s.httpStatus;
    j["error"] = s.error.empty() ? Json() : Json(s.error);
    j["error_kind"] = failureKey(s.failure);
    j["detail"] = s.detail;
    j["sequence"] = s.sequence;
    j["offers"] = s.offers;
    j["offers_skipped"] = s.offersSkipped;
    j["images_cached"] = s.imagesCached;
    j["images_missing"] = s.imagesMissing;
    if (s.imagesDeferred)
        j["images_deferred"] = s.imagesDeferred;
    j["image_problems"] = s.imageProblems;
    j["map_package"] = s.mapPackage;
    j["bytes"] = s.bytes;
    j["requests"] = s.requests;
    j["seconds"] = std::round(s.seconds * 1000) / 1000;
    j["last_attempt"] = s.lastAttempt;
    j["last_success"] = s.lastSuccess;
    j["next_attempt"] = s.nextAttempt;
    return util::dumpJson(j);
}

std::optional<SyncStatus> statusFromJson(const std::string& text)
{
    try
    {
        const auto j = nlohmann::json::parse(text);
        SyncStatus s;
        const std::string result = j.at("result");
        s.result = result == "updated" ? SyncResult::Updated : result == "not_modified" ? SyncResult::NotModified : SyncResult::Failed;
        const std::string kind = j.value("error_kind", "none");
        for (int k = 0; k <= static_cast<int>(FailureKind::Expired); ++k)
            if (kind == failureKey(static_cast<FailureKind>(k)))
                s.failure = static_cast<FailureKind>(k);
        s.httpStatus = j.value("http_status", 0L);
        s.error = j["error"].is_string() ? j["error"].get<std::string>() : "";
        s.detail = j.value("detail", "");
        s.sequence = j.value("sequence", std::int64_t{0});
        s.offers = j.value("offers", std::size_t{0});
        s.imagesCached = j.value("images_cached", std::size_t{0});
        s.imagesMissing = j.value("images_missing", std::size_t{0});
        s.imagesDeferred = j.value("images_deferred", std::size_t{0});
        s.mapPackage = j.value("map_package", "");
        s.lastAttempt = j.value("last_attempt", std::int64_t{0});
        s.lastSuccess = j.value("last_success", std::int64_t{0});
        s.nextAttempt = j.value("next_attempt", std::int64_t{0});
        return s;
    }
    catch (const std::exception&)
    {
        return std::nullopt;
    }
}

std::string statusLine(const SyncStatus& s)
{
    char buf[256];
    if (s.result == SyncResult::Failed)
        std::snprintf(buf, sizeof buf, "failed (%s, HTTP %ld): ", failureKey(s.failure), s.httpStatus);
    else
        std::snprintf(buf, sizeof buf, "%s: sequence %lld, %zu offers, %zu images (%zu missing), %zu bytes, %zu requests, %.2f s",
                      syncResultKey(s.result), static_cast<long long>(s.sequence), s.offers, s.imagesCached + s.imagesMissing,
                      s.imagesMissing, s.bytes, s.requests, s.seconds);
    std::string line = buf;
    if (s.result == SyncResult::Failed)
        line += s.error + (s.detail.empty() ? "" : " [" + s.detail + "]");
    return line;
}

std::int64_t waitAfterRunS(const SyncStatus& s)
{
    return std::clamp<std::int64_t>(s.nextAttempt - s.lastAttempt, 1, 24 * 3600);
}

std::int64_t nextDelayS(const SyncStatus& s, int consecutiveFailures, std::optional<long> retryAfterS, int syncIntervalS,
                        const RetryPolicy& policy, std::mt19937_64& rng)
{
    if (s.result != SyncResult::Failed)
    {
        std::uniform_int_distribution<std::int64_t> offset(0, std::max(1, syncIntervalS / 10));
        return syncIntervalS + offset(rng);
    }
    if (retryAfterS)
        return std::clamp<std::int64_t>(*retryAfterS, policy.retryAfterMinS, policy.retryAfterMaxS);
    if (s.failure == FailureKind::NotFound)
        return policy.capS;
    // Full jitter: uniform in [base, min(cap, base * 2^n)].
    const int n = std::clamp(consecutiveFailures - 1, 0, 20);
    const std::int64_t ceiling = std::min<std::int64_t>(policy.capS, static_cast<std::int64_t>(policy.baseS) << n);
    std::uniform_int_distribution<std::int64_t> pick(policy.baseS, std::max<std::int64_t>(policy.baseS, ceiling));
    return pick(rng);
}

}  // namespace mint::sync
