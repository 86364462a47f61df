// The state dump a script writes ("dump NAME"): what the UI tests assert on — screen,
// filters, results, map, targets and where every text went (the layout check). See
// kiosk_app.hpp.
#include "kiosk_app.hpp"

#include "app/core/staff.hpp"
#include "ui_model/offer_text.hpp"
#include "util/json_text.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace mint::app
{

std::string KioskApp::dumpState() const
{
    nlohmann::ordered_json j;
    j["screen"] = screenName(m_session.screen);
    j["language"] = m_tr.language();
    j["idle"] = m_idle.phase() == ui::IdlePhase::Attract ? "attract" : m_idle.phase() == ui::IdlePhase::Active ? "active" : "countdown";
    j["catalog"] = m_catalog ? nlohmann::ordered_json{{"sequence", m_catalog->sequence}, {"offers", m_catalog->offers.size()}}
                             : nlohmann::ordered_json();
    nlohmann::ordered_json filters;
    filters["group"] = m_session.browse.group ? static_cast<int>(*m_session.browse.group) : -1;
    filters["subject"] = m_session.browse.subject;
    filters["age"] = m_session.browse.age ? *m_session.browse.age : -1;
    filters["when"] = static_cast<int>(m_session.browse.when);
    filters["free"] = m_session.browse.freeOnly;
    filters["distance"] = static_cast<int>(m_session.browse.distance);
    filters["text"] = m_session.browse.text;
    j["filters"] = filters;
    j["results_total"] = m_results.total;
    j["home_total"] = m_allTotal ? nlohmann::ordered_json(*m_allTotal) : nlohmann::ordered_json();
    j["chip_counts"] = m_chipCounts;
    j["stale_notice"] = m_staleShown;
    j["sync"] = {{"result", sync::syncResultKey(m_status.result)},
                 {"error_kind", sync::failureKey(m_status.failure)},
                 {"last_attempt", m_status.lastAttempt},
                 {"last_success", m_status.lastSuccess}};
    if (m_session.screen == Screen::Admin)
    {
        const ui::AdminInfo info = adminInfo();
        nlohmann::ordered_json lines = nlohmann::ordered_json::array();
        for (const auto* group :
             {&info.syncLines, &info.catalogLines, &info.usageLines, &info.displayLines, &info.monitorLines, &info.systemLines})
            for (const auto& line : *group)
                lines.push_back(line);
        if (!info.syncError.empty())
            lines.push_back(info.syncError);
        j["admin_lines"] = lines;
        j["admin_notice"] = info.syncNotice;
        j["quit_armed"] = info.quitArmed;
    }
    {
        nlohmann::ordered_json listed = nlohmann::ordered_json::array();
        for (std::uint32_t idx : m_session.map.listed)
            if (m_catalog && idx < m_catalog->offers.size())
                listed.push_back(std::string(m_catalog->offers[idx].id));
        j["map"] = {{"lat", m_session.map.view.centerLat},
                    {"lon", m_session.map.view.centerLon},
                    {"zoom", m_session.map.view.zoom},
                    {"selected", m_session.map.selected},
                    {"listed", listed},
                    {"moving", m_session.map.moving()},
                    {"tiles",
                     {{"visible", m_mapTiles.tiles},
                      {"exact", m_mapTiles.exact},
                      {"stand_ins", m_mapTiles.standIns},
                      {"uncovered", m_mapTiles.uncovered}}},
                    {"tile_source", m_tileLoader ? (m_tileLoader->sources().package ? "mbtiles" : "online") : "none"},
                    {"tile_textures_mb", m_tileLayer ? m_tileLayer->textureBytes() / 1048576.0 : 0.0},
                    {"attribution", m_mapAttribution},
                    {"problem", m_mapProblem}};
    }
    j["detail"] = m_session.detailId;
    {
        // What the detail page's QR code encodes (the tests compare it with the feed).
        const catalog::Offer* o = m_catalog && m_session.screen == Screen::Detail ? m_catalog->findOffer(m_session.detailId) : nullptr;
        j["detail_qr"] = o ? ui::takeHomeUrl(*m_catalog, *o) : std::string();
    }
    j["accessibility"] = {
        {"large_text", m_session.a11y.largeText}, {"high_contrast", m_session.a11y.highContrast}, {"low_reach", m_session.a11y.lowReach}};
    j["scroll"] = m_session.scroller.offset();
    j["detail_scroll"] = m_session.detailScroller.offset();
    j["filters_open"] = m_session.filtersOpen;
    int w = 0, h = 0;
    m_platform.framebufferSize(w, h);
    nlohmann::ordered_json visible = nlohmann::ordered_json::array(), targets = nlohmann::ordered_json::array();
    nlohmann::ordered_json centers = nlohmann::ordered_json::object();
    for (const auto& [id, r] : m_hits.all())
    {
        targets.push_back(id);
        centers[id] = {static_cast<int>(r.center().x), static_cast<int>(r.center().y)};
        if (id.rfind("card.", 0) == 0 && r.max.y > 0 && r.min.y < static_cast<float>(h))
            visible.push_back(id.substr(5));
    }
    j["visible_offers"] = visible;
    {
        // For the layout check: every text drawn in the last frame and every target's rectangle.
        nlohmann::ordered_json texts = nlohmann::ordered_json::array(), rects = nlohmann::ordered_json::object();
        for (const auto& t : m_textRecorder.texts)
            texts.push_back({t.text, t.x0, t.y0, t.x1, t.y1, t.cx0, t.cy0, t.cx1, t.cy1, t.tag});
        for (const auto& [id, r] : m_hits.all())
            rects[id] = {r.min.x, r.min.y, r.max.x, r.max.y, m_hits.clipped(id)};
        j["layout"] = {{"touch_min_px", m_layout.touchMin}, {"texts", texts}, {"targets", rects}};
    }
    j["targets"] = targets;
    j["target_centers"] = centers;
    j["textures"] = m_textures ? m_textures->count() : 0;
    {
        // For long runs (the soak test): resident memory now and open file descriptors.
        long pages = 0, resident = 0;
        if (std::FILE* f = std::fopen("/proc/self/statm", "r"))
        {
            if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
                resident = 0;
            std::fclose(f);
        }
        std::size_t fds = 0;
        std::error_code ec;
        for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); it != std::filesystem::directory_iterator();
             it.increment(ec))
            ++fds;
        j["process"] = {{"rss_kb", resident * (::sysconf(_SC_PAGESIZE) / 1024)}, {"open_fds", fds}};
    }
    j["pin_failures"] = m_pinGuard.failures();
    j["pin_digits"] = m_session.staff.pinDigits.size();
    j["pin_message"] = pinMessageShown(m_session.staff, m_pinGuard, now(), m_tr);
    const ui::DayUsage all = m_usage.total();
    j["usage"] = {
        {"sessions", all.sessions}, {"detail_views", all.detailViews}, {"qr_shown", all.qrShown}, {"nothing_found", all.nothingFound}};
    j["quit"] = m_quit;
    // Opening hours: what the display decided and what the power back-end did.
    j["display"] = {{"scheduled", m_display != nullptr},
                    {"open", m_displayOpen},
                    {"closed_screen", closedForVisitors()},
                    {"notice", m_noticeShowing},
                    {"forced", m_display && m_display->forcedOn(wallNow())},
                    {"power_sent", m_power ? m_power->sent() : 0},
                    {"power_problem", m_power ? m_power->problem() : std::string()},
                    {"frames_drawn", m_framesDrawn}};
    j["cache_bytes"] = m_cacheSizeJob.valid() ? nlohmann::ordered_json() : nlohmann::ordered_json(m_cacheBytes);  // null while it is walked
    j["window"] = {w, h};
    j["iconified"] = m_platform.iconified();
    j["visible"] = m_platform.visible();
    j["gl"] = {{"rung", m_platform.gl().rung},
               {"version", m_platform.gl().version},
               {"renderer", m_platform.gl().renderer},
               {"glsl", m_platform.gl().glsl}};
    return util::dumpJson(j, 2);
}

}  // namespace mint::app
