// UI scenarios: the real mint-kiosk under Xvfb with Mesa, driven by scripts with virtual
// time, in landscape and portrait. Assertions are on the state dumps; the screenshots are
// kept in the build tree (ui-screenshots/) for people to look at.
#include "map/tiles.hpp"
#include "media/image_decode.hpp"
#include "support/run_process.hpp"
#include "support/ui_dumps.hpp"
#include "synthetic_tiles.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <httplib.h>
#include <map>
#include <set>
#include <thread>

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace mint::test;

namespace
{

struct Orientation
{
    const char* name;
    const char* size;
};
constexpr Orientation kOrientations[] = {{"landscape", "1920x1080"}, {"portrait", "1080x1920"}, {"small", "1280x800"}};

/// Runs a scenario with a fresh cache; returns the output folder. `extra`: more config
/// sections (", \"map\": {...}"); `cacheDir`: a cache that outlives the run instead.
fs::path runScenario(const std::string& scenario, const Orientation& o, const std::string& extra = "",
                     const std::string& cacheDir = "cache",
                     const std::string& feedUrl = std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json")
{
    const fs::path out = fs::path(MINT_UI_OUT_DIR) / (scenario + "-" + o.name);
    const fs::path work = processScratch() / (scenario + "-" + o.name);
    fs::remove_all(out);
    fs::remove_all(work);
    fs::create_directories(work);
    const std::string config = writeScratch(scenario + "-" + o.name + "/kiosk.json",
                                            R"({"kiosk": {"location": {"lat": 49.2354, "lon": 6.9969}}, "feed": {"url": ")" + feedUrl +
                                                R"("}, "cache": {"dir": ")" + cacheDir + R"("},
                                                   "admin": {"pin_hash": ")" +
                                                demoPinHash() + R"("})" + extra + "}");
    Run r =
        runProgram("xvfb-run", {"-a", "-s", "-screen 0 1920x1920x24", MINT_KIOSK_EXE, "--config", config, "--windowed", o.size, "--script",
                                std::string(MINT_SOURCE_DIR) + "/tests/ui/scenarios/" + scenario + ".txt", "--script-out", out.string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return out;
}

/// Distinct colours in a screenshot: a blank or broken frame has one or two.
std::size_t distinctColours(const fs::path& png)
{
    const mint::media::DecodedImage img = mint::media::decodeImage(slurp(png), 4096);
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i + 3 < img.rgba.size() && colours.size() < 100000; i += 4 * 7)
        colours.insert(static_cast<std::uint32_t>(img.rgba[i]) << 16 | static_cast<std::uint32_t>(img.rgba[i + 1]) << 8 | img.rgba[i + 2]);
    return colours.size();
}

/// What the QR code in a screenshot says, read back by zbarimg (package zbar-tools).
std::string readQrCode(const fs::path& png)
{
    const Run r = runProgram("zbarimg", {"-q", "--raw", png.string()});
    const auto nl = r.out.find('\n');
    return nl == std::string::npos ? r.out : r.out.substr(0, nl);
}

struct Box
{
    double x0, y0, x1, y1;
    double w() const { return x1 - x0; }
    double h() const { return y1 - y0; }
    bool inside(const Box& o, double slack = 1.0) const
    {
        return x0 >= o.x0 - slack && y0 >= o.y0 - slack && x1 <= o.x1 + slack && y1 <= o.y1 + slack;
    }
    /// Overlap by more than `slack` pixels in both directions.
    bool overlaps(const Box& o, double slack = 1.0) const
    {
        return std::min(x1, o.x1) - std::max(x0, o.x0) > slack && std::min(y1, o.y1) - std::max(y0, o.y0) > slack;
    }
};

Box boxOf(const Json& a, std::size_t at = 0)
{
    return Box{a[at].get<double>(), a[at + 1].get<double>(), a[at + 2].get<double>(), a[at + 3].get<double>()};
}

/// Targets that are areas rather than buttons (the whole screen, a picture, a panel).
bool isArea(const std::string& id)
{
    return id == "attract" || id == "detail.qr" || id == "map.list" || id == "map.popup" || id == "results.filter_panel" ||
           id == "map.you_are_here" || id.rfind("card.", 0) == 0;
}

/// The layout check of one state dump: what a visitor would see as broken.
std::vector<std::string> layoutProblems(const Json& d)
{
    std::vector<std::string> problems;
    const double W = d["window"][0], H = d["window"][1];
    const Box screen{0, 0, W, H};
    const double touchMin = d["layout"]["touch_min_px"];
    struct Text
    {
        std::string text, tag;
        Box box, clip;
        Box visible;  ///< the part inside its clip rectangle
    };
    std::vector<Text> texts;
    for (const auto& t : d["layout"]["texts"])
    {
        Text x{t[0], t[9], boxOf(t, 1), boxOf(t, 5), {}};
        if (!x.box.overlaps(x.clip, 0.0))
            continue;  // scrolled out of its area: not visible
        x.visible =
            Box{std::max(x.box.x0, x.clip.x0), std::max(x.box.y0, x.clip.y0), std::min(x.box.x1, x.clip.x1), std::min(x.box.y1, x.clip.y1)};
        texts.push_back(x);
    }
    std::map<std::string, Box> targets;
    std::set<std::string> clipped;  // partly scrolled out of their area: smaller by design
    for (auto it = d["layout"]["targets"].begin(); it != d["layout"]["targets"].end(); ++it)
    {
        targets[it.key()] = boxOf(it.value());
        if (it.value().size() > 4 && it.value()[4] == true)
            clipped.insert(it.key());
    }
    // Targets: at least the minimum touch size, on the screen.
    for (const auto& [id, b] : targets)
    {
        if (isArea(id) || clipped.count(id))
            continue;
        if (std::min(b.w(), b.h()) < touchMin - 1)
            problems.push_back("target " + id + " is " + std::to_string(int(b.w())) + "x" + std::to_string(int(b.h())) + " px, less than " +
                               std::to_string(int(touchMin)));
        if (!b.inside(screen))
            problems.push_back("target " + id + " lies outside the screen");
    }
    for (std::size_t i = 0; i < texts.size(); ++i)
    {
        const Text& a = texts[i];
        const bool clippedByArea = !(a.clip.x0 <= 0.5 && a.clip.y0 <= 0.5 && a.clip.x1 >= W - 0.5 && a.clip.y1 >= H - 0.5);
        // Cut off: outside the screen where no scroll area clips it.
        if (!clippedByArea && !a.box.inside(screen))
            problems.push_back("text \"" + a.text + "\" is cut off at the screen's edge");
        // Overlaps with another text of the same layer.
        for (std::size_t j = i + 1; j < texts.size(); ++j)
            if (texts[j].tag == a.tag && a.visible.overlaps(texts[j].visible, 2.0))
                problems.push_back("text \"" + a.text + "\" overlaps \"" + texts[j].text + "\"");
        if (!a.tag.empty())
            continue;  // the map canvas and overlays cover by design
        for (const auto& [id, b] : targets)
        {
            if (id == "attract" || id == "results.filter_panel" || id == "map.list" || id == "map.you_are_here")
                continue;
            // A text half under a button: the button covers it.
            if (a.visible.overlaps(b, 2.0) && !a.visible.inside(b, 2.0))
                problems.push_back("text \"" + a.text + "\" lies partly under " + id);
            // Primary buttons never end in an ellipsis.
            const bool primary =
                id.rfind("home.", 0) == 0 || id.rfind("nav.", 0) == 0 || id.rfind("results.filters", 0) == 0 || id.rfind("detail.", 0) == 0;
            if (primary && a.visible.inside(b, 2.0) && a.text.size() >= 3 && a.text.compare(a.text.size() - 3, 3, "\xE2\x80\xA6") == 0)
                problems.push_back("label \"" + a.text + "\" of " + id + " ends in an ellipsis");
        }
    }
    return problems;
}
}  // namespace

TEST_CASE("ui: a visitor's way through the kiosk, then the idle reset")
{
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("browse", o);
        const Json loading = dump(out, "00-loading");
        CHECK(loading["catalog"].is_null());  // first start, nothing cached: the loading screen

        const Json home = dump(out, "02-home");
        CHECK(home["screen"] == "home");
        CHECK(home["catalog"]["offers"] == 60);
        CHECK(contains(home["targets"], "home.group.children_youth"));
        CHECK(contains(home["targets"], "home.subject.technik"));

        const Json results = dump(out, "03-results");
        CHECK(results["screen"] == "results");
        CHECK(results["filters"]["group"] == 0);
        CHECK(results["results_total"] == 44);
        CHECK(results["visible_offers"].size() >= 3);
        CHECK(contains(results["visible_offers"], "demo-0025"));

        const Json detail = dump(out, "04-detail");
        CHECK(detail["screen"] == "detail");
        CHECK(detail["detail"] == "demo-0025");
        CHECK(contains(detail["targets"], "detail.qr"));
        CHECK(detail["textures"].get<int>() >= 1);

        CHECK(dump(out, "05-back")["screen"] == "results");
        const Json countdown = dump(out, "06-countdown");
        CHECK(countdown["idle"] == "countdown");
        CHECK(countdown["screen"] == "results");
        CHECK(contains(countdown["targets"], "idle.still_here"));

        const Json reset = dump(out, "07-after-idle");
        CHECK(reset["screen"] == "attract");
        CHECK(reset["filters"]["group"] == -1);
        CHECK(reset["scroll"] == 0);
        CHECK(reset["language"] == "de");

        for (const char* png : {"00-loading", "01-attract", "02-home", "03-results", "04-detail", "06-countdown", "07-after-idle"})
        {
            CAPTURE(png);
            CHECK(distinctColours(out / (std::string(png) + ".png")) > 50);  // real content, not a blank frame
        }
    }
}

TEST_CASE("ui: idle reset forgets everything of the visitor before")
{
    const fs::path out = runScenario("idle", kOrientations[0]);
    const Json visitor = dump(out, "01-visitor");
    // The visitor really changed all of it first.
    CHECK(visitor["language"] == "en");
    CHECK(visitor["accessibility"]["large_text"] == true);
    CHECK(visitor["accessibility"]["high_contrast"] == true);
    CHECK(visitor["accessibility"]["low_reach"] == true);
    CHECK(visitor["filters"]["text"] == "s");
    CHECK(visitor["scroll"].get<double>() > 50);
    CHECK(visitor["filters"]["free"] == true);
    CHECK(dump(out, "02-pin-typed")["pin_digits"] == 2);
    const Json reset = dump(out, "03-after-idle");
    CHECK(reset["screen"] == "attract");
    CHECK(reset["language"] == "de");
    CHECK(reset["accessibility"]["large_text"] == false);
    CHECK(reset["accessibility"]["high_contrast"] == false);
    CHECK(reset["accessibility"]["low_reach"] == false);
    CHECK(reset["filters"]["text"] == "");
    CHECK(reset["filters"]["free"] == false);
    CHECK(reset["scroll"] == 0);
    CHECK(reset["detail_scroll"] == 0);
    CHECK(reset["filters_open"] == false);
    CHECK(reset["pin_digits"] == 0);
    CHECK(dump(out, "04-home")["screen"] == "home");
}

TEST_CASE("ui: language, contrast, nothing found, loosening, scrolling")
{
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("filters", o);
        CHECK(dump(out, "01-english")["language"] == "en");
        const Json nothing = dump(out, "03-nothing");
        CHECK(nothing["results_total"] == 0);
        CHECK(nothing["filters"]["when"] == 1);  // today, at 21:00 nothing is left
        CHECK(nothing["accessibility"]["high_contrast"] == true);
        CHECK(contains(nothing["targets"], "results.loosen"));
        const Json loosened = dump(out, "04-loosened");
        CHECK(loosened["filters"]["when"] == 0);
        // Chips that would give nothing are greyed: their counts are known.
        CHECK(loosened["chip_counts"]["filter.when.today"] == 0);
        CHECK(loosened["chip_counts"]["filter.age.10"].get<int>() > 0);
        CHECK(loosened["results_total"].get<int>() > 0);
        CHECK(loosened["filters_open"] == false);
        CHECK(contains(loosened["targets"], "results.filters"));
        CHECK_FALSE(contains(loosened["targets"], "filter.age.10"));  // choices live in the panel
        // The panel: every choice, each at least the minimum touch size; a chip stays where it
        // was when the counts change under it.
        const Json panel = dump(out, "04b-panel");
        CHECK(panel["filters_open"] == true);
        for (const char* id :
             {"filter.group.children_youth", "filter.subject.informatik", "filter.when.today", "filter.age.10", "filter.free"})
            CHECK(contains(panel["targets"], id));
        const Json aged = dump(out, "04c-age");
        CHECK(aged["filters"]["age"] == 10);
        CHECK(aged["filters_open"] == true);
        CHECK(aged["target_centers"]["filter.age.10"] == panel["target_centers"]["filter.age.10"]);
        CHECK(aged["target_centers"]["filter.when.week"] == panel["target_centers"]["filter.when.week"]);
        const Json closed = dump(out, "04d-closed");
        CHECK(closed["filters_open"] == false);
        CHECK(contains(closed["targets"], "active.age"));
        CHECK(closed["results_total"] == aged["results_total"]);
        const Json removed = dump(out, "04e-removed");
        CHECK(removed["filters"]["age"] == -1);
        CHECK_FALSE(contains(removed["targets"], "active.age"));
        const Json scrolled = dump(out, "05-scrolled");
        CHECK(scrolled["filters"]["group"] == -1);
        CHECK(scrolled["scroll"].get<double>() > 100);
        CHECK(scrolled["screen"] == "results");  // a swipe never opens the card under the finger
    }
}

TEST_CASE("ui: search with the on-screen keyboard")
{
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("search", o);
        const Json typed = dump(out, "01-typed");
        CHECK(typed["screen"] == "search");
        CHECK(typed["filters"]["text"] == "löt");
        CHECK(typed["results_total"] == 3);  // Löten für Einsteiger, Lötkurs für Erwachsene, "… löten, programmieren …"
        CHECK(contains(typed["targets"], "result.demo-0001"));
        CHECK(contains(typed["targets"], "key.ß"));
        const Json loet = dump(out, "02-loet");
        CHECK(loet["filters"]["text"] == "loet");
        CHECK(loet["results_total"] == 3);  // "oe" finds "ö"
        CHECK(dump(out, "03-lo")["filters"]["text"] == "lö");
        const Json results = dump(out, "04-results");
        CHECK(results["screen"] == "results");
        CHECK(results["results_total"].get<int>() >= 3);
        // The search word is shown as a chip in the bar and can be removed there.
        CHECK(contains(results["targets"], "active.text"));
        const Json removed = dump(out, "05-word-removed");
        CHECK(removed["filters"]["text"] == "");
        CHECK(removed["results_total"].get<int>() > results["results_total"].get<int>());
    }
}

TEST_CASE("ui: admin corner, rate-limited PIN, admin screen, usage counts")
{
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("admin", o);
        CHECK(dump(out, "01-pin")["screen"] == "pin");
        const Json wrong = dump(out, "02-wrong");
        CHECK(wrong["pin_failures"] == 1);
        CHECK(wrong["pin_message"] == "Falsche PIN");
        const Json locked = dump(out, "03-locked");
        CHECK(locked["pin_failures"] == 3);
        CHECK(locked["screen"] == "pin");
        CHECK(locked["pin_message"] == "Bitte 30 s warten");  // the real lock time, not 31
        // The right PIN during the lock does not open the admin screen.
        const Json stillLocked = dump(out, "03b-right-pin-while-locked");
        CHECK(stillLocked["screen"] == "pin");
        CHECK(stillLocked["pin_message"].get<std::string>().find("warten") != std::string::npos);
        const Json admin = dump(out, "04-admin");
        CHECK(admin["screen"] == "admin");
        CHECK(admin["pin_failures"] == 0);
        CHECK(admin["usage"]["sessions"] == 1);
        // The cache walk ran on a worker and finished: the feed file and 20 pictures at least.
        REQUIRE(admin["cache_bytes"].is_number());
        CHECK(admin["cache_bytes"].get<std::uint64_t>() > 100000);
        CHECK(admin["usage"]["detail_views"] == 1);
        CHECK(admin["usage"]["qr_shown"] == 1);
        CHECK(admin["usage"]["nothing_found"].contains("when=today"));
        CHECK(contains(admin["targets"], "admin.quit"));
        const Json synced = dump(out, "05-synced");
        CHECK(synced["screen"] == "admin");
        CHECK(synced["admin_notice"] == "Synchronisation fertig: unverändert");
        const Json armed = dump(out, "06-armed");  // "Beenden" asks once
        CHECK(armed["screen"] == "admin");
        CHECK(armed["quit"] == false);
        CHECK(armed["quit_armed"] == true);
        CHECK_FALSE(fs::exists(out / "07-never.json"));  // the second tap ended the app
    }
}

TEST_CASE("ui: low reach puts the controls in the lower part of the screen")
{
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("lowreach", o);
        const Json home = dump(out, "01-home");
        const int H = home["window"][1];
        CHECK(home["accessibility"]["low_reach"] == true);
        CHECK(home["target_centers"]["home.group.children_youth"][1].get<int>() > H / 3);
        const Json results = dump(out, "02-results");
        CHECK(results["target_centers"]["nav.back"][1].get<int>() > H * 8 / 10);
        CHECK(results["target_centers"]["results.filters"][1].get<int>() > H / 2);
        CHECK(contains(results["visible_offers"], "demo-0025"));
        const Json detail = dump(out, "03-detail");
        CHECK(detail["screen"] == "detail");
        CHECK(detail["target_centers"]["nav.home"][1].get<int>() > H * 8 / 10);
    }
}

TEST_CASE("ui: stale data shows a notice and keeps the content")
{
    const fs::path out = runScenario("stale", kOrientations[0]);
    CHECK(dump(out, "01-fresh")["stale_notice"] == false);
    const Json stale = dump(out, "02-stale");
    CHECK(stale["stale_notice"] == true);
    CHECK(stale["screen"] == "results");
    CHECK(stale["results_total"].get<int>() > 10);
}

TEST_CASE("ui: a catalogue past its valid_until stays on screen with the stale notice")
{
    Json feed = Json::parse(slurp(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json"));
    feed["valid_until"] = "2026-11-27T00:00:00+01:00";
    const std::string path = writeScratch("expired-feed.json", feed.dump());
    fs::create_directories(processScratch() / "images");
    for (const auto& e : fs::directory_iterator(std::string(MINT_SOURCE_DIR) + "/assets/demo/images"))
        fs::copy_file(e.path(), processScratch() / "images" / e.path().filename(), fs::copy_options::overwrite_existing);
    const fs::path out = runScenario("expired", kOrientations[0], "", "cache", path);
    const Json valid = dump(out, "01-valid");
    CHECK(valid["stale_notice"] == false);
    CHECK(valid["screen"] == "results");
    const Json expired = dump(out, "02-expired");
    CHECK(expired["stale_notice"] == true);
    CHECK(expired["results_total"] == valid["results_total"]);  // the content stays
}

TEST_CASE("ui: the data's age survives a restart while offline: the notice appears when it should")
{
    const fs::path cache = processScratch() / "restart-cache";
    fs::remove_all(cache);
    // First run: a good sync on 26 November.
    const fs::path first = runScenario("restart-1", kOrientations[0], "", cache.string());
    const Json synced = dump(first, "01-synced");
    CHECK(synced["stale_notice"] == false);
    const std::int64_t lastSuccess = synced["sync"]["last_success"];
    CHECK(lastSuccess > 0);
    // Restarted 73 hours later with the feed unreachable (48 h is the threshold).
    const fs::path second = runScenario("restart-2", kOrientations[0], "", cache.string(), "/nonexistent/feed.json");
    const Json restarted = dump(second, "01-restarted");
    CHECK(restarted["sync"]["result"] == "failed");
    CHECK(restarted["sync"]["last_success"] == lastSuccess);
    CHECK(restarted["stale_notice"] == true);
    CHECK(restarted["catalog"]["offers"] == 60);
    Json status = Json::parse(slurp(cache / "status.json"));
    CHECK(status["last_success"] == lastSuccess);
    const Json admin = dump(second, "02-admin");
    CHECK(admin["screen"] == "admin");
    CHECK(admin["admin_lines"].dump().find("26.11.2026") != std::string::npos);  // the last success, in German form
}

TEST_CASE("ui: the detail page scrolls as one flow in every profile, the map button stays in reach")
{
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("detail", o);
        for (const char* name : {"01-detail", "03-larger", "05-contrast-lowreach"})
        {
            CAPTURE(name);
            const Json d = dump(out, name);
            CHECK(d["screen"] == "detail");
            CHECK(d["detail"] == "demo-0036");
            CHECK(d["detail_scroll"] == 0);  // every offer opens at the top
            CHECK(contains(d["targets"], "detail.show_map"));
            CHECK(contains(d["targets"], "detail.qr"));
        }
        // The QR code on screen, read back from the screenshot, is the offer's registration
        // page from the feed.
        const Json feed = Json::parse(slurp(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json"));
        std::string registration;
        for (const auto& offer : feed["offers"])
            if (offer["id"] == "demo-0036")
                registration = offer["registration"]["url"];
        REQUIRE_FALSE(registration.empty());
        CHECK(dump(out, "01-detail")["detail_qr"] == registration);
        CHECK(readQrCode(out / "01-detail.png") == registration);
        CHECK(readQrCode(out / "05-contrast-lowreach.png") == registration);
        // Larger text: the page is taller than the screen and a swipe scrolls it; "show on the
        // map" stays in the header, in reach whatever the page's length.
        const Json larger = dump(out, "03-larger"), scrolled = dump(out, "04-larger-scrolled");
        CHECK(scrolled["detail_scroll"].get<double>() > 100);
        CHECK(scrolled["target_centers"]["detail.show_map"] == larger["target_centers"]["detail.show_map"]);
        CHECK(larger["target_centers"]["detail.show_map"][1] == larger["target_centers"]["nav.back"][1]);
        // Low reach: the navigation and the map button are at the bottom.
        const Json low = dump(out, "06-contrast-lowreach-scrolled");
        const int h = low["window"][1];
        CHECK(low["target_centers"]["nav.back"][1].get<int>() > h * 3 / 4);
        CHECK(low["target_centers"]["detail.show_map"][1] == low["target_centers"]["nav.back"][1]);
    }
}

TEST_CASE("ui: home's offer count is the number 'all offers' lists")
{
    const fs::path out = runScenario("counts", kOrientations[0]);
    const Json home = dump(out, "01-home"), all = dump(out, "02-all");
    CHECK(home["catalog"]["offers"] == 60);  // one of them lies in the past on 26 November
    CHECK(all["results_total"] == 59);
    CHECK(home["home_total"] == all["results_total"]);
}

TEST_CASE("ui: every offer at one place is reachable on the map: the list scrolls")
{
    // The demo feed with every offer that has a place moved to one place.
    Json feed = Json::parse(slurp(std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json"));
    for (auto& offer : feed["offers"])
        if (offer.contains("place"))
            offer["place"] = "pl-werkstatt";
    fs::create_directories(processScratch() / "one-place");
    const std::string feedPath = writeScratch("one-place/feed.json", feed.dump());
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("map-list", o, "", "cache", feedPath);
        const Json listed = dump(out, "01-listed");
        const Json& ids = listed["map"]["listed"];
        REQUIRE(ids.size() >= 10);
        CHECK(ids.back() == "demo-0043");
        CHECK_FALSE(contains(listed["targets"], "map.list.demo-0043"));  // below the visible rows at first
        const Json scrolled = dump(out, "02-scrolled");
        CHECK(scrolled["map"]["listed"] == ids);  // swiping the list neither closed it nor panned the map
        CHECK(scrolled["map"]["lat"] == listed["map"]["lat"]);
        CHECK(contains(scrolled["targets"], "map.list.demo-0043"));
        const Json detail = dump(out, "03-detail");
        CHECK(detail["screen"] == "detail");
        CHECK(detail["detail"] == "demo-0043");
    }
}

TEST_CASE("ui: the map without tiles: clusters, zoom, inertia, double tap, fly-to, a list at one place")
{
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("map", o);
        const Json map = dump(out, "01-map");
        CHECK(map["screen"] == "map");
        CHECK(map["map"]["zoom"] == 10);
        CHECK(map["map"]["lat"].get<double>() == doctest::Approx(49.2354));  // the kiosk's place
        CHECK(map["map"]["tile_source"] == "none");
        int markers = 0, clusters = 0;
        for (const auto& t : map["targets"])
        {
            markers += t.get<std::string>().rfind("marker.", 0) == 0;
            clusters += t.get<std::string>().rfind("cluster.", 0) == 0;
        }
        CHECK(markers + clusters >= 3);
        CHECK(clusters >= 1);  // 60 offers at a dozen places: some share one
        const Json zoomed = dump(out, "02-zoomed");
        CHECK(zoomed["map"]["zoom"] == 11);
        // Zoom and "back to the start" within reach: in the lower part of a portrait stele.
        if (std::string(o.name) == "portrait")
            CHECK(map["target_centers"]["map.zoom_in"][1].get<int>() > map["window"][1].get<int>() / 2);
        CHECK(contains(map["targets"], "map.you_are_here"));
        const Json back = dump(out, "06b-start-view");
        CHECK(back["map"]["lat"].get<double>() == doctest::Approx(49.2354));
        CHECK(back["map"]["lon"].get<double>() == doctest::Approx(6.9969));
        CHECK(back["map"]["zoom"] == 10);
        const Json panned = dump(out, "03-panned");
        CHECK(panned["map"]["lon"].get<double>() > zoomed["map"]["lon"].get<double>());  // dragged left
        const Json glided = dump(out, "04-glided");
        CHECK(glided["map"]["lon"].get<double>() > panned["map"]["lon"].get<double>());  // the fling carried on
        CHECK(glided["map"]["moving"] == false);                                         // and stopped
        CHECK(dump(out, "05-double-tap")["map"]["zoom"] == 12);
        CHECK(dump(out, "06-zoomed-out")["map"]["zoom"] == 11);
        const Json flying = dump(out, "07-flying");
        CHECK(flying["map"]["moving"] == true);
        CHECK(flying["map"]["zoom"].get<double>() >= 10);
        CHECK(flying["map"]["zoom"].get<double>() < 12);
        const Json focus = dump(out, "08-show-on-map");
        CHECK(focus["map"]["selected"] == "demo-0025");
        // Zoomed until the offer's place stands alone (demo-0025 shares its place with others,
        // so the list at that place is what it flies to): zoom 12 for the demo data.
        CHECK(focus["map"]["zoom"] == 12);
        CHECK(focus["map"]["moving"] == false);
        CHECK(contains(focus["targets"], "map.popup"));
        const Json listed = dump(out, "09-listed");
        CHECK(listed["map"]["listed"].size() >= 2);
        CHECK(contains(listed["map"]["listed"], "demo-0025"));
        CHECK(contains(listed["targets"], "map.list.demo-0025"));
        const Json detail = dump(out, "10-detail");
        CHECK(detail["screen"] == "detail");
        CHECK(detail["detail"] == "demo-0025");
        // A single marker: its card, then its detail.
        const Json marker = dump(out, "11-marker");
        const std::string picked = marker["map"]["selected"];
        CHECK_FALSE(picked.empty());
        CHECK(contains(marker["targets"], "marker." + picked));
        CHECK(contains(marker["targets"], "map.popup"));
        const Json second = dump(out, "12-detail");
        CHECK(second["screen"] == "detail");
        CHECK(second["detail"] == picked);
    }
}

namespace
{

/// A synthetic tile package for the demo region, made once per test run.
std::string tilePackage()
{
    static const std::string path = []
    {
        mint::tools::SyntheticPackage p;
        p.path = (processScratch() / "ui-map.mbtiles").string();
        p.bbox = {5.6, 48.3, 8.4, 50.2};  // wider than the region: every view of the test is covered
        p.minZoom = 8;
        p.maxZoom = 10;
        std::string error;
        REQUIRE_MESSAGE(mint::tools::makeSyntheticPackage(p, error), error);
        return p.path;
    }();
    return path;
}

}  // namespace

TEST_CASE("ui: the map with an MBTiles package: tiles, zoom, pan, over-zoom, a marker's card, detail")
{
    const std::string map = R"(, "map": {"mbtiles": ")" + tilePackage() + R"(", "min_zoom": 8, "max_zoom": 15})";
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("tiles", o, map);
        const Json first = dump(out, "01-map");
        CHECK(first["map"]["tile_source"] == "mbtiles");
        CHECK(first["map"]["attribution"].get<std::string>().find("keine echte Karte") != std::string::npos);  // from the package
        CHECK(first["map"]["problem"] == "");
        CHECK(first["map"]["tiles"]["visible"].get<int>() >= 4);
        CHECK(first["map"]["tiles"]["exact"] == first["map"]["tiles"]["visible"]);  // every tile loaded, none missing
        CHECK(first["map"]["tiles"]["uncovered"] == 0);
        CHECK(first["map"]["tile_textures_mb"].get<double>() < 64);
        const Json zoomed = dump(out, "02-zoomed");
        CHECK(zoomed["map"]["zoom"] == 11);
        CHECK(zoomed["map"]["tiles"]["uncovered"] == 0);
        const Json panned = dump(out, "03-panned");
        CHECK(panned["map"]["lon"].get<double>() > zoomed["map"]["lon"].get<double>());
        CHECK(panned["map"]["tiles"]["uncovered"] == 0);
        // Past the package's zoom 10: its tiles scaled up, still no hole.
        const Json over = dump(out, "04-overzoom");
        CHECK(over["map"]["zoom"] == 12);  // "show on map" zoom; the package ends at 10
        CHECK(over["map"]["tiles"]["uncovered"] == 0);
        CHECK(over["map"]["tiles"]["visible"].get<int>() >= 1);
        const Json card = dump(out, "05-card");
        CHECK(card["map"]["selected"] != "");
        CHECK(contains(card["targets"], "map.popup"));
        const Json detail = dump(out, "06-detail");
        CHECK(detail["screen"] == "detail");
        CHECK(detail["detail"] == card["map"]["selected"]);
    }
}

TEST_CASE("ui: a damaged tile package: the fallback map, the problem on the admin screen")
{
    const std::string broken = writeScratch("broken.mbtiles", std::string(8192, 'x'));
    const std::string map = R"(, "map": {"mbtiles": ")" + broken + R"("})";
    const fs::path out = runScenario("tiles-broken", kOrientations[0], map);
    const Json m = dump(out, "01-map");
    CHECK(m["screen"] == "map");
    CHECK(m["map"]["tile_source"] == "none");
    CHECK(m["map"]["problem"].get<std::string>().find("not an MBTiles package") != std::string::npos);
    int markers = 0;
    for (const auto& t : m["targets"])
        markers += t.get<std::string>().rfind("cluster.", 0) == 0 || t.get<std::string>().rfind("marker.", 0) == 0;
    CHECK(markers >= 3);  // the fallback map with its markers, not a blank rectangle
    CHECK(dump(out, "02-admin")["screen"] == "admin");
}

TEST_CASE("ui: online tiles through the disk cache, then offline: cached tiles stay, missing ones get stand-ins")
{
    // A tile server on 127.0.0.1 with zoom 9-11 tiles that must be revalidated at every use.
    std::atomic<int> served{0};
    auto server = std::make_unique<httplib::Server>();
    server->Get(R"(/t/(\d+)/(\d+)/(\d+)\.png)",
                [&](const httplib::Request& req, httplib::Response& res)
                {
                    const mint::map::TileId t{std::stoi(req.matches[1]), std::stoi(req.matches[2]), std::stoi(req.matches[3])};
                    if (t.z > 11)
                    {
                        res.status = 404;
                        return;
                    }
                    ++served;
                    res.set_header("Cache-Control", "max-age=0");
                    res.set_header("ETag", "\"" + mint::map::tileName(t) + "\"");
                    res.set_content(mint::tools::encodeSyntheticTile(t, "png"), "image/png");
                });
    const int port = server->bind_to_any_port("127.0.0.1");
    std::thread thread([&] { server->listen_after_bind(); });
    const std::string cache = (processScratch() / "online-cache").string();
    fs::remove_all(cache);
    const std::string map = R"(, "map": {"tile_url": "http://127.0.0.1:)" + std::to_string(port) +
                            R"(/t/{z}/{x}/{y}.png", "attribution": "Testkacheln vom Server", "min_zoom": 9, "max_zoom": 13})";
    const fs::path online = runScenario("tiles-online", kOrientations[0], map, cache);
    server->stop();
    thread.join();
    const Json first = dump(online, "01-map");
    CHECK(first["map"]["tile_source"] == "online");
    CHECK(first["map"]["attribution"] == "Testkacheln vom Server");
    CHECK(first["map"]["tiles"]["visible"].get<int>() >= 4);
    CHECK(first["map"]["tiles"]["uncovered"] == 0);
    CHECK(served.load() >= first["map"]["tiles"]["visible"].get<int>());
    CHECK(fs::exists(cache + "/tiles.sqlite"));

    // The server is gone. The same view comes from the cache (expired copies are shown
    // when the server cannot be asked); zoom 12 was never fetched: its cached ancestors,
    // scaled, stand in.
    const fs::path offline = runScenario("tiles-offline", kOrientations[0], map, cache);
    const Json again = dump(offline, "01-map");
    CHECK(again["screen"] == "map");
    CHECK(again["map"]["tiles"]["uncovered"] == 0);
    CHECK(again["map"]["tiles"]["exact"] == again["map"]["tiles"]["visible"]);
    const Json closer = dump(offline, "02-zoomed");
    CHECK(closer["map"]["zoom"] == 12);
    CHECK(closer["map"]["tiles"]["exact"] == 0);  // nothing of its own level
    CHECK(closer["map"]["tiles"]["stand_ins"] == closer["map"]["tiles"]["visible"]);
    CHECK(closer["map"]["tiles"]["uncovered"] == 0);  // never a blank square
}

TEST_CASE("ui: after a fly-to with online tiles every tile position shows its own level")
{
    auto server = std::make_unique<httplib::Server>();
    server->Get(R"(/t/(\d+)/(\d+)/(\d+)\.png)",
                [&](const httplib::Request& req, httplib::Response& res)
                {
                    const mint::map::TileId t{std::stoi(req.matches[1]), std::stoi(req.matches[2]), std::stoi(req.matches[3])};
                    res.set_header("Cache-Control", "max-age=3600");
                    res.set_content(mint::tools::encodeSyntheticTile(t, "png"), "image/png");
                });
    const int port = server->bind_to_any_port("127.0.0.1");
    std::thread thread([&] { server->listen_after_bind(); });
    const std::string map = R"(, "map": {"tile_url": "http://127.0.0.1:)" + std::to_string(port) +
                            R"(/t/{z}/{x}/{y}.png", "attribution": "Testkacheln vom Server", "min_zoom": 9, "max_zoom": 14})";
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        const fs::path out = runScenario("tiles-flyto", o, map);
        const Json arrived = dump(out, "01-arrived");
        CHECK(arrived["map"]["moving"] == false);
        CHECK(arrived["map"]["zoom"].get<double>() >= 12);
        CHECK(arrived["map"]["tiles"]["visible"].get<int>() >= 4);
        CHECK(arrived["map"]["tiles"]["exact"] == arrived["map"]["tiles"]["visible"]);
        CHECK(arrived["map"]["tiles"]["stand_ins"] == 0);
        CHECK(arrived["map"]["tiles"]["uncovered"] == 0);
    }
    server->stop();
    thread.join();
}

TEST_CASE("ui: layout check: every screen, orientation, profile and language: no overlap, nothing cut off, targets >= 12 mm")
{
    for (const auto& o : kOrientations)
    {
        CAPTURE(o.name);
        // With read aloud (into a file), so its button on the offer's page is checked too.
        const fs::path out =
            runScenario("layout", o, R"(, "speech": {"device": "wav:)" + (processScratch() / "layout.wav").string() + R"("})");
        int checked = 0;
        for (const char* lang : {"de", "en"})
            for (const char* profile : {"default", "larger", "contrast", "lowreach"})
                for (const char* screen : {"home", "results", "filters", "detail", "search", "search-results", "map"})
                {
                    const std::string name = std::string(lang) + "-" + profile + "-" + screen;
                    CAPTURE(name);
                    const Json d = dump(out, name);
                    CHECK(d["language"] == lang);
                    CHECK(d["layout"]["texts"].size() > 3);  // the recorder saw the screen
                    for (const auto& problem : layoutProblems(d))
                        FAIL_CHECK(problem);
                    ++checked;
                }
        CHECK(checked == 56);
    }
}

TEST_CASE("ui: layout check finds what it is meant to find")
{
    // A hand-made dump with each kind of problem, so the check itself can be trusted.
    Json d = {
        {"window", {1000, 800}},
        {"layout",
         {{"touch_min_px", 80},
          {"texts", Json::array({Json::array({"Alter", 10, 10, 100, 30, 0, 0, 1000, 800, ""}),
                                 Json::array({"Ort", 50, 20, 120, 40, 0, 0, 1000, 800, ""}),
                                 Json::array({"Weit weg", 950, 100, 1100, 120, 0, 0, 1000, 800, ""}),
                                 Json::array({"Dieses Wochene\xE2\x80\xA6", 210, 410, 380, 430, 0, 0, 1000, 800, ""}),
                                 Json::array({"gescrollt", 10, 790, 100, 820, 0, 100, 1000, 800, ""})})},
          {"targets",
           {{"home.weekend", {200, 400, 400, 480}}, {"filter.age.10", {10, 600, 200, 665}}, {"detail.show_map", {60, 25, 300, 105}}}}}}};
    const auto problems = layoutProblems(d);
    auto has = [&](const std::string& part)
    { return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) { return p.find(part) != std::string::npos; }); };
    CHECK(has("\"Alter\" overlaps \"Ort\""));
    CHECK(has("\"Weit weg\" is cut off"));
    CHECK(has("ends in an ellipsis"));
    CHECK(has("target filter.age.10 is 190x65 px"));
    CHECK(has("\"Ort\" lies partly under detail.show_map"));
    CHECK_FALSE(has("gescrollt"));  // partly scrolled out of a scroll area is fine
    CHECK(problems.size() == 6);    // "Alter" also lies partly under the map button
}
