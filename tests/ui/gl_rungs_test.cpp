// GPUs kiosks really have: the real app under Xvfb with Mesa limited to what a Raspberry
// Pi 4/5 (OpenGL 3.1, 3.0), a Pi 3 (OpenGL 2.1) or an OpenGL ES driver offers. Each rung
// makes its context, logs it, and draws the same screens as the OpenGL 3.3 core one, pixel
// for pixel; a driver with nothing the renderer can use ends the kiosk with exit code 6.
#include "media/image_decode.hpp"
#include "support/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace mint::test;

namespace
{

struct RungRun
{
    Run run;
    fs::path out;
};

/// The same short scenario (home, the results grid with pictures) with `env` and `args`.
RungRun runRung(const std::string& name, const std::vector<std::string>& env, const std::vector<std::string>& args)
{
    const fs::path work = processScratch() / ("gl-" + name);
    fs::remove_all(work);
    fs::create_directories(work);
    const std::string config = writeScratch("gl-" + name + "/kiosk.json", R"({"feed": {"url": ")" + std::string(MINT_SOURCE_DIR) +
                                                                              R"(/assets/demo/feed.json"}, "cache": {"dir": "cache"}})");
    const std::string script =
        writeScratch("gl-" + name + "/script.txt", "clock 2026-11-27T15:00:00+01:00\nsync\ntap attract\nscreenshot home\ntap home.all\n"
                                                   "screenshot results\ndump state\n");
    std::vector<std::string> all = env;
    for (const std::string& a :
         {std::string("xvfb-run"), std::string("-a"), std::string("-s"), std::string("-screen 0 1280x800x24"), std::string(MINT_KIOSK_EXE),
          std::string("--config"), config, std::string("--windowed"), std::string("1280x800"), std::string("--script"), script,
          std::string("--script-out"), (work / "out").string()})
        all.push_back(a);
    all.insert(all.end(), args.begin(), args.end());
    return RungRun{runProgram("env", all), work / "out"};
}

/// Share of pixels that differ by more than 8 in a channel.
double differingShare(const fs::path& a, const fs::path& b)
{
    const auto x = mint::media::decodeImage(slurp(a), 4096), y = mint::media::decodeImage(slurp(b), 4096);
    REQUIRE(x.rgba.size() == y.rgba.size());
    REQUIRE_FALSE(x.rgba.empty());
    std::size_t differ = 0;
    for (std::size_t i = 0; i + 3 < x.rgba.size(); i += 4)
        for (int k = 0; k < 3; ++k)
            if (std::abs(int(x.rgba[i + k]) - int(y.rgba[i + k])) > 8)
            {
                ++differ;
                break;
            }
    return static_cast<double>(differ) / static_cast<double>(x.rgba.size() / 4);
}

}  // namespace

TEST_CASE("gl rungs: OpenGL 3.1, 3.0, 2.1 and ES 3.0 contexts draw what the 3.3 core one draws")
{
    const RungRun ref = runRung("gl33", {}, {});
    INFO(ref.run.err);
    REQUIRE(ref.run.exitCode == 0);
    CHECK(Json::parse(slurp(ref.out / "state.json"))["gl"]["rung"] == "gl33");
    struct Case
    {
        const char* name;
        std::vector<std::string> env;
        std::vector<std::string> args;
        const char* rung;
        const char* version;  ///< the start of GL_VERSION
    };
    const Case cases[] = {
        {"pi4", {"MESA_GL_VERSION_OVERRIDE=3.1"}, {}, "gl31", "3.1"},
        {"gl30", {"MESA_GL_VERSION_OVERRIDE=3.0"}, {}, "gl30", "3.0"},
        {"pi3", {"MESA_GL_VERSION_OVERRIDE=2.1"}, {}, "gl21", "2.1"},
        {"gles3", {"MESA_GLES_VERSION_OVERRIDE=3.0"}, {"--gl", "gles3"}, "gles3", "OpenGL ES 3.0"},
    };
    for (const Case& c : cases)
    {
        CAPTURE(c.name);
        const RungRun r = runRung(c.name, c.env, c.args);
        INFO(r.run.err);
        REQUIRE(r.run.exitCode == 0);
        const Json gl = Json::parse(slurp(r.out / "state.json"))["gl"];
        CHECK(gl["rung"] == c.rung);
        CHECK(gl["version"].get<std::string>().rfind(c.version, 0) == 0);
        CHECK(r.run.err.find(std::string("(") + c.rung + "): ") != std::string::npos);  // the log names the context made
        for (const char* shot : {"home.png", "results.png"})
            CHECK_MESSAGE(differingShare(ref.out / shot, r.out / shot) < 0.001, shot);
    }
}

TEST_CASE("gl rungs: a driver that offers nothing the renderer can use ends the kiosk with exit code 6 and says why")
{
    // A real OpenGL ES 2.0 context: ImGui 1.86's OpenGL3 renderer needs 3.0 or later.
    const RungRun r = runRung("gles2", {"MESA_GLES_VERSION_OVERRIDE=2.0"}, {"--gl", "gles2"});
    CHECK(r.run.exitCode == 6);
    CHECK_MESSAGE(r.run.err.find("no OpenGL context could be made (tried OpenGL ES 2.0)") != std::string::npos, r.run.err);
}
