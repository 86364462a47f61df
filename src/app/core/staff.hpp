// Staff at the kiosk: the hidden corner that leads to the PIN pad, the PIN pad's answers
// and lock-out, and the admin screen's lines (sync, catalogue, map, cache, usage,
// version) made from plain facts. Pure; unit-tested.
#pragma once

#include "app/core/session.hpp"
#include "map/tile_loader.hpp"
#include "sync/sync_status.hpp"
#include "ui_model/admin_info.hpp"
#include "ui_model/i18n.hpp"
#include "ui_model/layout.hpp"
#include "ui_model/pin_guard.hpp"
#include "ui_model/usage_stats.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mint::app
{

/// The square (touchMin wide) in the configured corner ("top_left", "top_right",
/// "bottom_left", "bottom_right") that staff press and hold.
bool inAdminCorner(const ui::ScreenLayout& layout, const std::string& corner, float x, float y);

/// The hold is long enough: the PIN pad opens on top of the screen shown.
void openPinPad(VisitorSession& s);

/// The worker's answer to the PIN typed. Right: the admin screen opens (returns true).
/// Wrong: the pad says so, and the guard counts it (locking the pad after three).
bool pinAnswered(VisitorSession& s, ui::PinGuard& guard, bool right, double now, const ui::Translations& tr);

/// The PIN pad's message: the lock's countdown while locked, else the last answer.
std::string pinMessageShown(const StaffSession& staff, const ui::PinGuard& guard, double now, const ui::Translations& tr);

/// Everything the admin screen reports, as the app knows it.
struct AdminFacts
{
    std::string kioskName;
    sync::SyncStatus status;
    const catalog::Catalog* catalog = nullptr;
    catalog::Timestamp syncRequestedAt = 0;  ///< staff's "sync now" (0: none)
    bool quitArmed = false;
    enum class MapSource
    {
        None,
        Package,
        Online
    } mapSource = MapSource::None;
    std::string packagePath;
    int packageMinZoom = 0, packageMaxZoom = 0;
    std::uint64_t onlineCacheBytes = 0;
    int onlineCacheMaxMb = 0;
    std::optional<map::LoaderCounters> tiles;  ///< when there is a tile loader
    std::string mapProblem;                    ///< why there are no tiles (damaged package, ...)
    std::vector<std::string> feedKeyIds;       ///< feed.public_keys as key ids (empty: feeds are not signed)
    catalog::Timestamp wallNow = 0;            ///< for the catalogue's valid_until
    std::optional<std::uintmax_t> cacheBytes;  ///< nothing while the cache is being walked
    std::string cacheDir;
    const ui::UsageStats* usage = nullptr;
    std::string today;  ///< "YYYY-MM-DD" in the region's zone
    long uptimeS = 0;
    struct Display
    {
        bool scheduled = false;  ///< config `display` has hours
        bool open = false;       ///< open by the hours now
        std::optional<catalog::Timestamp> nextChange;
        std::optional<catalog::Timestamp> forcedUntil;  ///< staff's "on now"
        std::string offMode;                            ///< blank | dpms | cec | command
        std::string problem;                            ///< the power command's last failure
    } display;
    std::optional<int> speechVolume;  ///< read aloud works: its volume
    struct Monitoring
    {
        bool heartbeat = false, textfile = false, stats = false;  ///< configured
        catalog::Timestamp lastHeartbeatAt = 0;
        std::string heartbeatError, textfilePath, textfileError, statsSentUntil, statsError;
    } monitoring;
};
ui::AdminInfo adminInfo(const AdminFacts& facts, const ui::Translations& tr);

}  // namespace mint::app
