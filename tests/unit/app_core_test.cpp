// The app's GL-free core: the intent rules, the idle reset, staff's PIN flow and admin
// lines, and the map screen's behaviour — all without a window.
#include "app/core/intents.hpp"
#include "app/core/map_flow.hpp"
#include "app/core/session.hpp"
#include "app/core/staff.hpp"
#include "app/kiosk_args.hpp"
#include "feed_builder.hpp"
#include "map/map_interaction.hpp"
#include "ui_model/i18n.hpp"

#include "support/translations.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace mint;
using app::Screen;
using mint::test::translations;
using ui::Intent;
using ui::IntentKind;

namespace
{

/// A catalogue of offers at a few places, and the context the rules read.
struct CoreFixture
{
    config::KioskConfig config;
    std::unique_ptr<catalog::Catalog> catalog;
    catalog::QueryResult results;
    app::VisitorSession s;

    CoreFixture()
    {
        test::Json offers = test::Json::array();
        offers.push_back(test::sampleOffer("a"));
        offers.push_back(test::withId(test::sampleOffer(), "b"));
        test::Json noUrl = test::withId(test::sampleOffer(), "c");
        noUrl.erase("url");
        noUrl.erase("registration");
        offers.push_back(noUrl);
        auto loaded = test::load(test::sampleFeed(offers));
        REQUIRE_MESSAGE(loaded.accepted(), test::issuesText(loaded));
        catalog = std::move(loaded.catalog);
        for (std::uint32_t i = 0; i < catalog->offers.size(); ++i)
            results.items.push_back(catalog::ResultItem{i, std::nullopt, std::nullopt, 0});
        results.total = results.items.size();
        config.kiosk.languages = {"de", "en", "fr"};
    }
    app::IntentContext ctx(double now = 100) const
    {
        app::IntentContext c;
        c.config = &config;
        c.catalog = catalog.get();
        c.results = &results;
        c.nowS = now;
        c.wallNow = 1'800'000'000;
        return c;
    }
    app::Effects apply(IntentKind kind, int value = 0, std::string text = {}, double now = 100)
    {
        return app::applyIntent(s, Intent{kind, value, std::move(text)}, ctx(now));
    }
};

}  // namespace

TEST_CASE("intent rules: a visitor's way from start to an offer and back, with the effects the app carries out")
{
    CoreFixture f;
    auto fx = f.apply(IntentKind::Start);
    CHECK(f.s.screen == Screen::Home);
    CHECK(fx.sessionStarted);
    CHECK_FALSE(fx.query);

    fx = f.apply(IntentKind::ChooseSubject, 0, "technik");
    CHECK(f.s.screen == Screen::Results);
    CHECK(f.s.browse.subject == "technik");
    CHECK(fx.query);
    CHECK(f.s.backStack == std::vector<Screen>{Screen::Home});

    // A second choice stays on the results (no second back step) and starts the list at the top.
    f.s.scroller.setRange(1000);
    f.s.scroller.setOffset(400);
    fx = f.apply(IntentKind::ToggleFree);
    CHECK(f.s.browse.freeOnly);
    CHECK(f.s.scroller.offset() == 0);
    CHECK(f.s.backStack.size() == 1);

    fx = f.apply(IntentKind::OpenOffer, 0, "a");
    CHECK(f.s.screen == Screen::Detail);
    CHECK(f.s.detailId == "a");
    CHECK(fx.detailViewed);
    CHECK(fx.qrShown);  // it has a web page: a QR code is shown
    fx = f.apply(IntentKind::Back);
    CHECK(f.s.screen == Screen::Results);
    fx = f.apply(IntentKind::OpenOffer, 0, "c");
    CHECK(fx.detailViewed);
    CHECK_FALSE(fx.qrShown);  // nothing to take home
    f.apply(IntentKind::GoHome);
    CHECK(f.s.screen == Screen::Home);
    CHECK(f.s.backStack.empty());
    CHECK_FALSE(f.s.browse.anyFilter());
}

TEST_CASE("intent rules: back closes the filter panel first, clearing filters keeps the sort order")
{
    CoreFixture f;
    f.apply(IntentKind::Start);
    f.apply(IntentKind::ChooseAge, 10);
    f.apply(IntentKind::ToggleSort);
    f.apply(IntentKind::OpenFilters);
    CHECK(f.s.filtersOpen);
    f.apply(IntentKind::Back);
    CHECK_FALSE(f.s.filtersOpen);
    CHECK(f.s.screen == Screen::Results);
    auto fx = f.apply(IntentKind::ClearFilters);
    CHECK(fx.query);
    CHECK_FALSE(f.s.browse.age.has_value());
    CHECK(f.s.browse.sort == catalog::SortOrder::Distance);
    f.apply(IntentKind::Back);
    CHECK(f.s.screen == Screen::Home);
    f.apply(IntentKind::Back);  // nothing left to go back to: home stays
    CHECK(f.s.screen == Screen::Home);
}

TEST_CASE("intent rules: typing keeps whole UTF-8 characters and at most 40 bytes, languages go round")
{
    CoreFixture f;
    f.apply(IntentKind::OpenSearch);
    CHECK(f.s.screen == Screen::Search);
    f.apply(IntentKind::TypeText, 0, "Lö");
    f.apply(IntentKind::TypeText, 0, "ß");
    CHECK(f.s.browse.text == "Löß");
    f.apply(IntentKind::Backspace);
    CHECK(f.s.browse.text == "Lö");
    f.apply(IntentKind::Backspace);
    CHECK(f.s.browse.text == "L");
    for (int i = 0; i < 60; ++i)
        f.apply(IntentKind::TypeText, 0, "x");
    CHECK(f.s.browse.text.size() == 40);
    f.apply(IntentKind::ClearText);
    CHECK(f.s.browse.text.empty());

    CHECK(app::sessionLanguage(f.s, f.config) == "de");
    f.apply(IntentKind::ToggleLanguage);
    CHECK(app::sessionLanguage(f.s, f.config) == "en");
    f.apply(IntentKind::ToggleLanguage);
    CHECK(app::sessionLanguage(f.s, f.config) == "fr");
    f.apply(IntentKind::ToggleLanguage);
    CHECK(app::sessionLanguage(f.s, f.config) == "de");
}

TEST_CASE("idle reset: a fresh session forgets every choice, page, scroll position, map view and staff input")
{
    CoreFixture f;
    f.apply(IntentKind::Start);
    f.apply(IntentKind::ChooseSubject, 0, "technik");
    f.apply(IntentKind::ToggleLargeText);
    f.apply(IntentKind::ToggleContrast);
    f.apply(IntentKind::ToggleLowReach);
    f.apply(IntentKind::ToggleLanguage);
    f.apply(IntentKind::OpenFilters);
    f.apply(IntentKind::OpenOffer, 0, "a");
    f.s.detailScroller.setRange(500);
    f.s.detailScroller.setOffset(200);
    f.apply(IntentKind::OpenMap, 0, "a");
    f.apply(IntentKind::MapTapMarker, 0, "b");
    f.s.staff.pinDigits = "12";
    f.s.staff.quitArmed = true;
    f.s.lastNothingFound = "subject=technik";
    REQUIRE(f.s.screen == Screen::Map);

    f.s = app::VisitorSession{};  // what the app's idle reset does
    const app::VisitorSession fresh;
    CHECK(f.s.screen == Screen::Attract);
    CHECK(f.s.backStack.empty());
    CHECK_FALSE(f.s.browse.anyFilter());
    CHECK_FALSE(f.s.a11y.largeText);
    CHECK_FALSE(f.s.a11y.highContrast);
    CHECK_FALSE(f.s.a11y.lowReach);
    CHECK(app::sessionLanguage(f.s, f.config) == "de");
    CHECK_FALSE(f.s.filtersOpen);
    CHECK(f.s.detailId.empty());
    CHECK(f.s.detailScroller.offset() == 0);
    CHECK(f.s.map.selected.empty());
    CHECK(f.s.map.view.zoom == fresh.map.view.zoom);
    CHECK(f.s.map.view.centerLat == fresh.map.view.centerLat);
    CHECK_FALSE(f.s.map.moving());
    CHECK(f.s.staff.pinDigits.empty());
    CHECK_FALSE(f.s.staff.quitArmed);
    CHECK(f.s.lastNothingFound.empty());
}

TEST_CASE("PIN flow: digits up to 8, a wrong PIN says so, three lock the pad with a countdown, a right one opens the admin screen")
{
    CoreFixture f;
    const ui::Translations tr = translations();
    ui::PinGuard guard;
    f.apply(IntentKind::Start);
    app::openPinPad(f.s);
    CHECK(f.s.screen == Screen::Pin);
    for (int d = 0; d < 10; ++d)
        f.apply(IntentKind::PinDigit, d);
    CHECK(f.s.staff.pinDigits == "01234567");
    f.apply(IntentKind::PinDelete);
    CHECK(f.s.staff.pinDigits == "0123456");
    auto fx = f.apply(IntentKind::PinOk);
    CHECK(fx.checkPin);

    // While a check runs, digits and OK do nothing.
    auto busy = f.ctx();
    busy.pinChecking = true;
    CHECK_FALSE(app::applyIntent(f.s, Intent{IntentKind::PinOk}, busy).checkPin);
    app::applyIntent(f.s, Intent{IntentKind::PinDigit, 9}, busy);
    CHECK(f.s.staff.pinDigits == "0123456");

    for (int attempt = 1; attempt <= 3; ++attempt)
    {
        CHECK_FALSE(app::pinAnswered(f.s, guard, false, 100, tr));
        CHECK(f.s.staff.pinDigits.empty());
        CHECK(f.s.screen == Screen::Pin);
    }
    CHECK(f.s.staff.pinMessage == tr.tr("admin.wrong_pin"));
    REQUIRE(guard.locked(100));
    CHECK(app::pinMessageShown(f.s.staff, guard, 100, tr) == tr.format("admin.wait", {{"n", "30"}}));
    CHECK(app::pinMessageShown(f.s.staff, guard, 131, tr) == tr.tr("admin.wrong_pin"));  // the lock is over
    auto locked = f.ctx(110);
    locked.pinLocked = guard.locked(110);
    app::applyIntent(f.s, Intent{IntentKind::PinDigit, 1}, locked);
    CHECK(f.s.staff.pinDigits.empty());
    CHECK_FALSE(app::applyIntent(f.s, Intent{IntentKind::PinOk}, locked).checkPin);

    CHECK(app::pinAnswered(f.s, guard, true, 140, tr));
    CHECK(f.s.screen == Screen::Admin);
    CHECK(guard.failures() == 0);
    // Quit asks once; "sync now" disarms it and notes the moment; returning resets the session.
    CHECK_FALSE(f.apply(IntentKind::AdminQuit).quit);
    CHECK(f.s.staff.quitArmed);
    fx = f.apply(IntentKind::AdminSyncNow);
    CHECK(fx.syncNow);
    CHECK_FALSE(f.s.staff.quitArmed);
    CHECK(f.s.staff.syncRequestedAt == 1'800'000'000);
    f.apply(IntentKind::AdminQuit);
    CHECK(f.apply(IntentKind::AdminQuit).quit);
    CHECK(f.apply(IntentKind::AdminReturn).resetSession);
}

TEST_CASE("admin corner: a touchMin square in the configured corner")
{
    const ui::ScreenLayout l = ui::computeLayout(1920, 1080);
    CHECK(app::inAdminCorner(l, "top_left", 5, 5));
    CHECK_FALSE(app::inAdminCorner(l, "top_left", l.touchMin + 1, 5));
    CHECK(app::inAdminCorner(l, "bottom_right", 1915, 1075));
    CHECK_FALSE(app::inAdminCorner(l, "bottom_right", 5, 5));
    CHECK(app::inAdminCorner(l, "top_right", 1915, 5));
    CHECK(app::inAdminCorner(l, "bottom_left", 5, 1075));
}

TEST_CASE("admin lines: sync result, catalogue, map source, cache size while walked, usage today and in all, uptime")
{
    CoreFixture f;
    const ui::Translations tr = translations();
    ui::UsageStats usage;
    usage.session("2026-11-29");
    usage.session("2026-11-29");
    usage.detailView("2026-11-29");
    usage.session("2026-11-28");
    usage.nothingFound("2026-11-29", "subject=chemie");
    app::AdminFacts facts;
    facts.kioskName = "Foyer";
    facts.status.result = sync::SyncResult::Failed;
    facts.status.failure = sync::FailureKind::Network;
    facts.status.detail = "timeout";
    facts.status.lastAttempt = 1'800'000'100;
    facts.status.imagesCached = 12;
    facts.status.imagesMissing = 3;
    facts.catalog = f.catalog.get();
    facts.syncRequestedAt = 1'800'000'000;
    facts.mapSource = app::AdminFacts::MapSource::Package;
    facts.packagePath = "/var/lib/map.mbtiles";
    facts.packageMinZoom = 8;
    facts.packageMaxZoom = 14;
    facts.tiles = map::LoaderCounters{40, 0, 2, 0.0, "bad png"};
    facts.cacheDir = "/var/cache/mint-kiosk";
    facts.usage = &usage;
    facts.today = "2026-11-29";
    facts.uptimeS = 2 * 3600 + 5 * 60;
    ui::AdminInfo info = app::adminInfo(facts, tr);
    auto has = [](const std::vector<std::string>& lines, const std::string& part)
    { return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; }); };
    CHECK(info.kioskName == "Foyer");
    CHECK(info.syncError.find("[timeout]") != std::string::npos);
    CHECK(info.syncNotice == tr.format("admin.sync_done", {{"result", tr.tr("admin.result.failed")}}));
    CHECK_FALSE(info.syncRunning);
    CHECK(has(info.catalogLines, tr.format("admin.images_line", {{"cached", "12"}, {"missing", "3"}})));
    CHECK(has(info.catalogLines, "/var/lib/map.mbtiles"));
    CHECK(has(info.catalogLines, " (bad png)"));
    CHECK(has(info.catalogLines, "\xE2\x80\xA6"));  // the cache is still being walked
    CHECK(info.usageLines.size() == 2);
    CHECK(info.usageLines[0] == tr.format("admin.usage_today", {{"sessions", "2"}, {"details", "1"}, {"qr", "0"}, {"nothing", "1"}}));
    CHECK(info.usageLines[1] == tr.format("admin.usage_all", {{"sessions", "3"}, {"details", "1"}, {"qr", "0"}, {"nothing", "1"}}));
    CHECK(has(info.systemLines, tr.format("admin.version_line", {{"version", MINT_VERSION}, {"h", "2"}, {"m", "5"}})));
    CHECK(has(info.syncLines, tr.tr("admin.unsigned_line")));  // no feed.public_keys: the admin screen says so

    facts.cacheBytes = 4096 * 1024;
    facts.status.lastAttempt = 1'799'999'000;  // before the request: still running
    facts.mapSource = app::AdminFacts::MapSource::None;
    info = app::adminInfo(facts, tr);
    CHECK(info.syncRunning);
    CHECK(info.syncNotice == tr.tr("admin.sync_running"));
    CHECK(has(info.catalogLines, tr.tr("admin.map_none")));
    CHECK_FALSE(has(info.catalogLines, "valid_until"));
    f.catalog->validUntil = f.catalog->generatedAt + 3600;
    facts.wallNow = f.catalog->generatedAt + 7200;
    info = app::adminInfo(facts, tr);
    CHECK(has(info.catalogLines, "(valid_until)"));  // "expired on …": the catalogue stays until a new one arrives
    facts.feedKeyIds = {"E5B9C7A8F3D2B1A0", "0011223344556677"};
    info = app::adminInfo(facts, tr);
    CHECK(has(info.syncLines, tr.format("admin.signed_line", {{"keys", "E5B9C7A8F3D2B1A0, 0011223344556677"}})));
    CHECK(has(info.catalogLines, tr.format("admin.cache_line", {{"kib", "4096"}, {"dir", "/var/cache/mint-kiosk"}})));
}

TEST_CASE("map flow: opening from a detail page selects the offer and flies in, buttons zoom whole levels, start view returns")
{
    CoreFixture f;
    f.config.kiosk.lat = 49.30;
    f.config.kiosk.lon = 7.00;
    f.config.map.minZoom = 8;
    f.config.map.maxZoom = 16;
    f.apply(IntentKind::OpenOffer, 0, "a");
    f.apply(IntentKind::OpenMap, 0, "a", 100);
    CHECK(f.s.screen == Screen::Map);
    CHECK(f.s.map.selected == "a");
    CHECK(f.s.map.view.centerLat == doctest::Approx(49.30));
    CHECK(f.s.map.moving());  // the flight to the offer's place
    const ui::ScreenLayout layout = ui::computeLayout(1920, 1080);
    app::stepMap(f.s, map::MapFinger{}, layout, f.config, *f.catalog, f.results, 102);
    CHECK_FALSE(f.s.map.moving());
    CHECK(f.s.map.view.centerLat == doctest::Approx(49.2354).epsilon(1e-4));
    CHECK(f.s.map.view.zoom >= 12);
    // All three offers are at one place: one cluster that cannot split.
    REQUIRE(f.s.map.clusters().size() == 1);
    CHECK(f.s.map.clusters()[0].members.size() == 3);

    f.apply(IntentKind::MapZoomOut, 0, {}, 103);
    CHECK(f.s.map.zoomTarget() == doctest::Approx(std::ceil(f.s.map.view.zoom - 1e-6) - 1));
    app::stepMap(f.s, map::MapFinger{}, layout, f.config, *f.catalog, f.results, 104);
    const double z = f.s.map.view.zoom;
    CHECK(z == doctest::Approx(std::round(z)));
    f.apply(IntentKind::MapZoomIn, 0, {}, 105);
    f.apply(IntentKind::MapZoomIn, 0, {}, 105.1);  // a second tap goes on from the target, not from the zoom shown
    CHECK(f.s.map.zoomTarget() == doctest::Approx(z + 2));
    f.apply(IntentKind::MapStartView, 0, {}, 106);
    CHECK(f.s.map.selected.empty());
    app::stepMap(f.s, map::MapFinger{}, layout, f.config, *f.catalog, f.results, 108);
    CHECK(f.s.map.view.zoom == doctest::Approx(app::kMapStartZoom));
    CHECK(f.s.map.view.centerLon == doctest::Approx(7.00));
}

TEST_CASE("map flow: a cluster at one place lists its offers, a tap beside closes it, two quick taps zoom in there")
{
    CoreFixture f;
    f.apply(IntentKind::OpenMap, 0, {}, 100);
    const ui::ScreenLayout layout = ui::computeLayout(1080, 1920);
    app::stepMap(f.s, map::MapFinger{}, layout, f.config, *f.catalog, f.results, 100);
    REQUIRE(f.s.map.clusters().size() == 1);
    f.s.mapListScroller.setRange(300);
    f.s.mapListScroller.setOffset(120);
    f.apply(IntentKind::MapTapCluster, 0, {}, 101);
    CHECK(f.s.map.listed.size() == 3);
    CHECK(f.s.mapListScroller.offset() == 0);
    f.apply(IntentKind::MapTapCluster, 7, {}, 101);  // a cluster that is gone: nothing happens
    CHECK(f.s.map.listed.size() == 3);

    // A drag that starts on the open list scrolls the list, not the map.
    const ui::MapScreenLayout ml = ui::mapScreenLayout(layout, false, f.s.map.listed.size());
    const double lat0 = f.s.map.view.centerLat;
    map::MapFinger finger;
    finger.pressed = finger.down = true;
    finger.x = finger.pressX = (ml.panelX0 + ml.panelX1) / 2;
    finger.y = finger.pressY = ml.panelY0 + 10;
    app::stepMap(f.s, finger, layout, f.config, *f.catalog, f.results, 102);
    finger.pressed = false;
    finger.swiped = true;
    finger.y -= 200;
    app::stepMap(f.s, finger, layout, f.config, *f.catalog, f.results, 102.1);
    CHECK(f.s.map.view.centerLat == lat0);

    ui::Intent tap{IntentKind::MapTapEmpty, 0, {}, 300, 500};
    app::applyIntent(f.s, tap, f.ctx(103));
    CHECK(f.s.map.listed.empty());
    const double z = f.s.map.view.zoom;
    app::applyIntent(f.s, tap, f.ctx(103.2));  // the second tap of a double tap
    CHECK(f.s.map.moving());
    CHECK(f.s.map.zoomTarget() == doctest::Approx(std::floor(z + 1e-6) + 1));
}

TEST_CASE("map interaction: a drag pans by the finger's way, a fling glides on, a new touch stops it, the region bounds the centre")
{
    map::MapInteraction m;
    map::MapLimits limits;
    limits.bbox = std::array<double, 4>{6.3, 49.1, 7.5, 49.7};
    limits.start = std::array<double, 2>{49.4, 6.9};
    m.open(limits, "");
    const map::PixelRect area{0, 100, 800, 700};
    double x0 = 0, y0 = 0;
    m.view.toScreen(49.4, 6.9, x0, y0);
    map::MapFinger f;
    f.pressed = f.down = true;
    f.x = f.pressX = 400;
    f.y = f.pressY = 400;
    m.frame(f, area, {}, limits, 10.0);
    m.view.toScreen(49.4, 6.9, x0, y0);
    f.pressed = false;
    f.swiped = true;
    for (int i = 1; i <= 10; ++i)
    {
        f.x = 400 - 20.0 * i;
        m.frame(f, area, {}, limits, 10.0 + i / 60.0);
    }
    double x1 = 0, y1 = 0;
    m.view.toScreen(49.4, 6.9, x1, y1);
    CHECK(x1 - x0 == doctest::Approx(-200).epsilon(1e-6));  // the point under the finger moved with it
    CHECK(y1 == doctest::Approx(y0));
    f.down = false;
    f.released = true;
    m.frame(f, area, {}, limits, 10.0 + 11 / 60.0);
    CHECK(m.moving());  // the fling glides on
    f = map::MapFinger{};
    m.frame(f, area, {}, limits, 10.3);
    double x2 = 0, y2 = 0;
    m.view.toScreen(49.4, 6.9, x2, y2);
    CHECK(x2 < x1);
    f.pressed = f.down = true;
    f.x = f.pressX = 100;
    f.y = f.pressY = 200;
    m.frame(f, area, {}, limits, 10.31);
    CHECK_FALSE(m.moving());  // a new touch stops the glide

    // Far outside the region the centre is held at its edge; a touch outside the map area does nothing.
    m.view.centerLon = 20;
    m.frame(map::MapFinger{}, area, {}, limits, 11);
    CHECK(m.view.centerLon <= 7.5);
    const double lon = m.view.centerLon;
    map::MapFinger outside;
    outside.pressed = outside.down = outside.swiped = true;
    outside.x = outside.pressX = 400;
    outside.y = outside.pressY = 50;  // the header
    m.frame(outside, area, {}, limits, 11.1);
    outside.pressed = false;
    outside.x = 100;
    m.frame(outside, area, {}, limits, 11.2);
    CHECK(m.view.centerLon == lon);
}

TEST_CASE("kiosk args: --gl takes one of the rungs, anything else is a usage error")
{
    std::string error;
    auto a = app::parseKioskArgs({"--gl", "gles3"}, error);
    REQUIRE(a);
    CHECK(a->glRung == "gles3");
    CHECK(a->configPath.empty());  // the default: /etc/mint-kiosk/kiosk.json installed, config/kiosk.json in a build tree
    CHECK_FALSE(app::parseKioskArgs({"--gl", "gl99"}, error));
    CHECK(error.find("gl33, gl31, gl30, gl21, gles3, gles2") != std::string::npos);
    CHECK_FALSE(app::parseKioskArgs({"--gl"}, error));
}
