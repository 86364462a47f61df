// Read aloud in the real app under Xvfb: the button on an offer's page, the offer read into a
// WAV file (the test's sound device) in German, stopped when the page is left, the volume
// on the admin screen kept for the next start; and a kiosk without a sound device shows no
// button.
#include "support/run_process.hpp"
#include "support/ui_dumps.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace mint::test;

namespace
{

Run runSpeech(const std::string& name, const std::string& size, const std::string& device, const fs::path& out, const fs::path& work,
              const std::string& script = "speech")
{
    fs::remove_all(out);
    fs::remove_all(work);
    fs::create_directories(work);
    const std::string pinHash = demoPinHash();
    const Json config = {{"feed", {{"url", std::string(MINT_SOURCE_DIR) + "/assets/demo/feed.json"}}},
                         {"cache", {{"dir", (work / "cache").string()}}},
                         {"admin", {{"pin_hash", pinHash}}},
                         {"speech", {{"device", device}, {"volume", 80}}}};
    const std::string path = writeScratch(name + "/kiosk.json", config.dump());
    return runProgram("xvfb-run", {"-a", "-s", "-screen 0 1920x1920x24", MINT_KIOSK_EXE, "--config", path, "--windowed", size, "--script",
                                   std::string(MINT_SOURCE_DIR) + "/tests/ui/scenarios/" + script + ".txt", "--script-out", out.string()});
}

}  // namespace

TEST_CASE("ui: read aloud: the offer's page reads it in German, home stops it, staff set the volume, and without a sound device no button")
{
    for (const auto& [orientation, size] : {std::pair<const char*, const char*>{"landscape", "1920x1080"}, {"portrait", "1080x1920"}})
    {
        CAPTURE(orientation);
        const std::string name = std::string("speech-") + orientation;
        const fs::path out = fs::path(MINT_UI_OUT_DIR) / name, work = processScratch() / name;
        const fs::path wav = work / "said.wav";
        const Run r = runSpeech(name, size, "wav:" + wav.string(), out, work);
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        const Json detail = dump(out, "01-detail");
        CHECK(detail["screen"] == "detail");
        CHECK(contains(detail["targets"], "detail.read_aloud"));
        // The WAV the kiosk "played": espeak-ng's 22,050 Hz, several seconds of speech.
        const std::string bytes = slurp(wav);
        REQUIRE(bytes.size() > 44);
        CHECK(bytes.substr(0, 4) == "RIFF");
        std::vector<std::int16_t> s((bytes.size() - 44) / 2);
        std::memcpy(s.data(), bytes.data() + 44, s.size() * 2);
        const double seconds = static_cast<double>(s.size()) / 22050.0;
        CHECK(seconds > 3.0);
        CHECK(seconds < 60.0);
        double sum = 0;
        for (auto v : s)
            sum += static_cast<double>(v) * v;
        CHECK(std::sqrt(sum / static_cast<double>(s.size())) > 300);
        CHECK(r.err.find("read aloud on \"wav:") != std::string::npos);
        // Home: no read-aloud button there.
        CHECK_FALSE(contains(dump(out, "03-home")["targets"], "detail.read_aloud"));
        // Staff: softer by 10, said on the admin screen and kept in the cache.
        const Json admin = dump(out, "04-admin");
        std::string lines;
        for (const auto& l : admin["admin_lines"])
            lines += l.get<std::string>() + "\n";
        CHECK(lines.find("Lautstärke Vorlesen: 70 %") != std::string::npos);
        CHECK(contains(admin["targets"], "admin.volume_up"));
        CHECK(Json::parse(slurp(work / "cache" / "speech.json"))["volume"] == 70);
    }
    // No sound device: the kiosk says so once and shows no button.
    const fs::path out = fs::path(MINT_UI_OUT_DIR) / "speech-none", work = processScratch() / "speech-none";
    const Run r = runSpeech("speech-none", "1920x1080", "hw:97", out, work, "speech-none");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_FALSE(contains(dump(out, "01-detail")["targets"], "detail.read_aloud"));
    CHECK_FALSE(contains(dump(out, "04-admin")["targets"], "admin.volume_up"));
    CHECK(r.err.find("ALSA device \"hw:97\"") != std::string::npos);
}
