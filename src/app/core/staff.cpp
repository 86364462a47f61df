// Staff at the kiosk; see staff.hpp.
#include "staff.hpp"

#include "ui_model/date_text.hpp"

#include <algorithm>

namespace mint::app
{

bool inAdminCorner(const ui::ScreenLayout& l, const std::string& corner, float x, float y)
{
    const float s = l.touchMin;
    const float W = static_cast<float>(l.width), H = static_cast<float>(l.height);
    const float x0 = corner == "top_right" || corner == "bottom_right" ? W - s : 0;
    const float y0 = corner == "bottom_left" || corner == "bottom_right" ? H - s : 0;
    return x >= x0 && y >= y0 && x < x0 + s && y < y0 + s;
}

void openPinPad(VisitorSession& s)
{
    s.backStack.push_back(s.screen);
    s.screen = Screen::Pin;
    s.staff.pinDigits.clear();
    s.staff.pinMessage.clear();
}

bool pinAnswered(VisitorSession& s, ui::PinGuard& guard, bool right, double now, const ui::Translations& tr)
{
    s.staff.pinDigits.clear();
    if (right)
    {
        guard.succeeded();
        s.screen = Screen::Admin;
        return true;
    }
    guard.failed(now);
    s.staff.pinMessage = tr.tr("admin.wrong_pin");
    return false;
}

std::string pinMessageShown(const StaffSession& staff, const ui::PinGuard& guard, double now, const ui::Translations& tr)
{
    if (guard.locked(now))
        return tr.format("admin.wait", {{"n", std::to_string(guard.secondsShown(now))}});
    return staff.pinMessage;
}

ui::AdminInfo adminInfo(const AdminFacts& f, const ui::Translations& tr)
{
    ui::AdminInfo info;
    info.kioskName = f.kioskName;
    const date::time_zone* zone = ui::regionZone(f.catalog);
    auto when = [&](std::int64_t t)
    {
        // German form with the year: staff compare it with a calendar at 7 am.
        return t <= 0 ? std::string("—") : ui::germanDateTime(zone, t);
    };
    const sync::SyncStatus& st = f.status;
    const std::string result = tr.tr(std::string("admin.result.") + sync::syncResultKey(st.result));
    info.syncLines.push_back(tr.format(
        "admin.result_line", {{"result", result}, {"http", st.httpStatus ? " (HTTP " + std::to_string(st.httpStatus) + ")" : ""}}));
    info.syncLines.push_back(tr.format("admin.attempt_line", {{"last", when(st.lastAttempt)}, {"success", when(st.lastSuccess)}}));
    info.syncLines.push_back(tr.format("admin.next_line", {{"next", when(st.nextAttempt)}}));
    info.quitArmed = f.quitArmed;
    if (f.syncRequestedAt > 0)
    {
        const bool done = st.lastAttempt >= f.syncRequestedAt;
        info.syncNotice = done ? tr.format("admin.sync_done", {{"result", result}}) : tr.tr("admin.sync_running");
        info.syncRunning = !done;
    }
    if (f.feedKeyIds.empty())
        info.syncLines.push_back(tr.tr("admin.unsigned_line"));
    else
    {
        std::string keys;
        for (const auto& id : f.feedKeyIds)
            keys += (keys.empty() ? "" : ", ") + id;
        info.syncLines.push_back(tr.format("admin.signed_line", {{"keys", keys}}));
    }
    if (st.result == sync::SyncResult::Failed)
        info.syncError =
            tr.tr(std::string("sync_error.") + sync::failureKey(st.failure)) + (st.detail.empty() ? "" : " [" + st.detail + "]");
    if (f.catalog)
    {
        info.catalogLines.push_back(tr.format("admin.catalog_line", {{"seq", std::to_string(f.catalog->sequence)},
                                                                     {"offers", std::to_string(f.catalog->offers.size())},
                                                                     {"date", ui::germanDate(zone, f.catalog->generatedAt)}}));
        info.catalogLines.push_back(
            tr.format("admin.images_line", {{"cached", std::to_string(st.imagesCached)}, {"missing", std::to_string(st.imagesMissing)}}));
        // Expired: "now" is never taken as earlier than the catalogue's own generated_at.
        if (f.catalog->validUntil && std::max(f.wallNow, f.catalog->generatedAt) > *f.catalog->validUntil)
            info.catalogLines.push_back(tr.format("admin.expired_line", {{"date", ui::germanDateTime(zone, *f.catalog->validUntil)}}));
    }
    // The map: where its tiles come from and what went wrong.
    switch (f.mapSource)
    {
    case AdminFacts::MapSource::Package:
        info.catalogLines.push_back(
            tr.format("admin.map_package",
                      {{"path", f.packagePath}, {"min", std::to_string(f.packageMinZoom)}, {"max", std::to_string(f.packageMaxZoom)}}));
        break;
    case AdminFacts::MapSource::Online:
        info.catalogLines.push_back(tr.format(
            "admin.map_online", {{"mib", std::to_string(f.onlineCacheBytes >> 20)}, {"max", std::to_string(f.onlineCacheMaxMb)}}));
        break;
    case AdminFacts::MapSource::None: info.catalogLines.push_back(tr.tr("admin.map_none")); break;
    }
    if (f.tiles)
        info.catalogLines.push_back(
            tr.format("admin.map_tiles_line", {{"loaded", std::to_string(f.tiles->loaded)},
                                               {"failed", std::to_string(f.tiles->failed)},
                                               {"last", f.tiles->lastError.empty() ? "" : " (" + f.tiles->lastError + ")"}}));
    if (!f.mapProblem.empty())
        info.catalogLines.push_back(tr.format("admin.map_problem", {{"problem", f.mapProblem}}));
    info.catalogLines.push_back(tr.format(
        "admin.cache_line", {{"kib", f.cacheBytes ? std::to_string(*f.cacheBytes / 1024) : "\xE2\x80\xA6"}, {"dir", f.cacheDir}}));
    ui::DayUsage day;
    ui::DayUsage all;
    if (f.usage)
    {
        const auto it = f.usage->days().find(f.today);
        if (it != f.usage->days().end())
            day = it->second;
        all = f.usage->total();
    }
    auto usageLine = [&](const char* key, const ui::DayUsage& d)
    {
        int nothing = 0;
        for (const auto& [combo, n] : d.nothingFound)
            nothing += n;
        return tr.format(key, {{"sessions", std::to_string(d.sessions)},
                               {"details", std::to_string(d.detailViews)},
                               {"qr", std::to_string(d.qrShown)},
                               {"nothing", std::to_string(nothing)}});
    };
    info.usageLines.push_back(usageLine("admin.usage_today", day));
    info.usageLines.push_back(usageLine("admin.usage_all", all));
    if (f.display.scheduled)
    {
        info.displayScheduled = true;
        auto whenText = [&](catalog::Timestamp t) { return ui::germanDate(zone, t) + " " + ui::clockTime(zone, t); };
        if (f.display.forcedUntil && *f.display.forcedUntil > f.wallNow)
        {
            info.displayForced = true;
            info.displayLines.push_back(tr.format("admin.display_forced", {{"when", whenText(*f.display.forcedUntil)}}));
        }
        else if (f.display.open)
            info.displayLines.push_back(f.display.nextChange ? tr.format("admin.display_open", {{"when", whenText(*f.display.nextChange)}})
                                                             : tr.tr("admin.display_open_always"));
        else
            info.displayLines.push_back(f.display.nextChange
                                            ? tr.format("admin.display_closed", {{"when", whenText(*f.display.nextChange)}})
                                            : tr.tr("closed.notice_unknown"));
        info.displayLines.push_back(tr.format("admin.display_off_mode", {{"mode", f.display.offMode}}));
        if (!f.display.problem.empty())
            info.displayLines.push_back(tr.format("admin.display_problem", {{"problem", f.display.problem}}));
    }
    if (f.speechVolume)
    {
        info.speech = true;
        info.volume = *f.speechVolume;
        info.systemLines.push_back(tr.format("admin.volume", {{"volume", std::to_string(*f.speechVolume)}}));
    }
    const auto& m = f.monitoring;
    if (m.heartbeat)
        info.monitorLines.push_back(!m.heartbeatError.empty() ? tr.format("admin.heartbeat_failed", {{"error", m.heartbeatError}})
                                    : m.lastHeartbeatAt       ? tr.format("admin.heartbeat_ok", {{"when", when(m.lastHeartbeatAt)}})
                                                              : tr.tr("admin.heartbeat_waiting"));
    if (m.textfile)
        info.monitorLines.push_back(m.textfileError.empty() ? tr.format("admin.textfile_ok", {{"path", m.textfilePath}})
                                                            : tr.format("admin.textfile_failed", {{"error", m.textfileError}}));
    if (m.stats)
        info.monitorLines.push_back(!m.statsError.empty()       ? tr.format("admin.stats_failed", {{"error", m.statsError}})
                                    : !m.statsSentUntil.empty() ? tr.format("admin.stats_sent", {{"day", m.statsSentUntil}})
                                                                : tr.tr("admin.stats_waiting"));
    info.systemLines.push_back(
        tr.format("admin.version_line",
                  {{"version", MINT_VERSION}, {"h", std::to_string(f.uptimeS / 3600)}, {"m", std::to_string(f.uptimeS / 60 % 60)}}));
    return info;
}

}  // namespace mint::app
