// Read aloud: spoken forms of an offer in German and English, espeak-ng speaking the right
// language into memory (non-silent samples of a plausible length), the worker playing into
// a WAV file without the asking thread ever waiting, stop, volume, and a device that is not
// there (no sound card: not available, said once).
#include "catalog/time_util.hpp"
#include "feed_builder.hpp"
#include "speech/speaker.hpp"
#include "speech/synthesizer.hpp"
#include "support/run_process.hpp"
#include "ui_model/i18n.hpp"
#include "ui_model/spoken_text.hpp"

#include "support/translations.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <thread>

using namespace mint;
using namespace mint::test;
namespace fs = std::filesystem;

namespace
{

double rms(const std::int16_t* s, std::size_t n)
{
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i)
        sum += static_cast<double>(s[i]) * s[i];
    return n ? std::sqrt(sum / static_cast<double>(n)) : 0;
}

/// A WAV file's samples (the 44-byte header the kiosk writes).
std::vector<std::int16_t> wavSamples(const fs::path& p, int& rate)
{
    const std::string bytes = slurp(p);
    REQUIRE(bytes.size() >= 44);
    REQUIRE(bytes.substr(0, 4) == "RIFF");
    rate = static_cast<unsigned char>(bytes[24]) | static_cast<unsigned char>(bytes[25]) << 8 | static_cast<unsigned char>(bytes[26]) << 16;
    std::vector<std::int16_t> s((bytes.size() - 44) / 2);
    std::memcpy(s.data(), bytes.data() + 44, s.size() * 2);
    return s;
}

}  // namespace

TEST_CASE("spoken text: dates, prices and ages as a person reads them aloud, in German and English")
{
    const auto* berlin = catalog::timeutil::findZone("Europe/Berlin");
    const auto de = translations("de");
    const auto en = translations("en");
    const auto wed = catalog::timeutil::parseDateTime("2026-12-02T15:00:00+01:00", false)->seconds;
    CHECK(ui::spokenDateTime(de, berlin, wed) == "Mittwoch, 2. Dezember, 15 Uhr");
    CHECK(ui::spokenDateTime(en, berlin, wed) == "Wednesday, 2 December, 3 p m");
    CHECK(ui::spokenDateTime(de, berlin, wed + 30 * 60) == "Mittwoch, 2. Dezember, 15 Uhr 30");
    CHECK(ui::spokenDateTime(en, berlin, wed - 6 * 3600 + 5 * 60) == "Wednesday, 2 December, 9 05 a m");
    CHECK(ui::spokenPrice(de, "9.50", "EUR", "de") == "9 Euro 50");
    CHECK(ui::spokenPrice(de, "12.00", "EUR", "de") == "12 Euro");
    CHECK(ui::spokenPrice(de, "12", "EUR", "de") == "12 Euro");
    CHECK(ui::spokenPrice(en, "3.5", "EUR", "en") == "3 euros 50");
    CHECK(ui::spokenPrice(de, "12.50", "CHF", "de") == "12,50 CHF");

    // A whole offer from a feed: title, when, where, price, age, summary.
    Json offer = sampleOffer("robo");
    offer["title"] = {{"de", "Roboter-AG"}, {"en", "Robot club"}};
    offer["summary"] = {{"de", "Wir bauen Roboter."}};
    offer["age_range"] = {{"min", 8}, {"max", 12}};
    offer["is_free"] = true;
    offer["schedule"] = {{"kind", "single"}, {"start", "2026-12-02T15:00:00+01:00"}, {"end", "2026-12-02T17:00:00+01:00"}};
    const auto loaded = catalog::loadCatalog(sampleFeed(Json::array({offer})).dump());
    REQUIRE(loaded.accepted());
    const catalog::Offer& o = loaded.catalog->offers.front();
    const auto before = catalog::timeutil::parseDateTime("2026-11-30T10:00:00+01:00", false)->seconds;
    const std::string said = ui::spokenOffer(de, *loaded.catalog, o, "de", before);
    CHECK(said.rfind("Roboter-AG. Mittwoch, 2. Dezember, 15 Uhr.", 0) == 0);
    CHECK(said.find("Kostenlos.") != std::string::npos);
    CHECK(said.find("Für 8 bis 12 Jahre.") != std::string::npos);
    CHECK(said.find("Wir bauen Roboter.") != std::string::npos);
    const std::string english = ui::spokenOffer(en, *loaded.catalog, o, "en", before);
    CHECK(english.rfind("Robot club. Wednesday, 2 December, 3 p m.", 0) == 0);
    CHECK(english.find("For ages 8 to 12.") != std::string::npos);
    CHECK(english.find("Wir bauen Roboter.") != std::string::npos);  // no English summary: the German one
    // Opening hours (a lab open on some days): the days and times, said aloud.
    Json lab = sampleOffer("lab");
    lab["schedule"] = {{"kind", "opening_hours"},
                       {"hours", Json::array({{{"days", {"TU", "WE", "TH"}}, {"opens", "14:00"}, {"closes", "18:30"}}})}};
    const auto labFeed = catalog::loadCatalog(sampleFeed(Json::array({lab})).dump());
    REQUIRE(labFeed.accepted());
    CHECK(ui::spokenOffer(de, *labFeed.catalog, labFeed.catalog->offers.front(), "de", before)
              .find("Geöffnet Dienstag, Mittwoch, Donnerstag, 14 Uhr bis 18 Uhr 30.") != std::string::npos);
    // After its last date: no date is read.
    const auto after = catalog::timeutil::parseDateTime("2026-12-03T10:00:00+01:00", false)->seconds;
    CHECK(ui::spokenOffer(de, *loaded.catalog, o, "de", after).find("Dezember") == std::string::npos);
}

TEST_CASE("espeak-ng: German and English speech into memory, non-silent and as long as the text needs")
{
    speech::Synthesizer s;
    REQUIRE_MESSAGE(s.ok(), s.problem());
    CHECK(s.hasVoice("de"));
    CHECK(s.hasVoice("en"));
    CHECK(s.hasVoice("uk"));
    CHECK(s.hasVoice("tr"));
    CHECK_FALSE(s.hasVoice("xx-nonexistent"));
    speech::Audio shortOne, longOne, english;
    std::string error;
    REQUIRE_MESSAGE(s.synthesize("Roboter-AG.", "de", shortOne, error), error);
    REQUIRE_MESSAGE(s.synthesize("Roboter-AG. Mittwoch, 2. Dezember, 15 Uhr. Werkstatt, Saarbrücken. Kostenlos. Für 8 bis 12 Jahre.", "de",
                                 longOne, error),
                    error);
    REQUIRE_MESSAGE(s.synthesize("Robot club. Wednesday, 2 December, 3 p m.", "en", english, error), error);
    CHECK(shortOne.sampleRate == 22050);
    CHECK(shortOne.seconds() > 0.5);
    CHECK(longOne.seconds() > 4.0);
    CHECK(longOne.seconds() < 20.0);
    CHECK(longOne.seconds() > 3 * shortOne.seconds());
    CHECK(rms(longOne.samples.data(), longOne.samples.size()) > 500);  // speech, not silence
    CHECK(english.seconds() > 1.5);
    CHECK_FALSE(s.synthesize("Hallo", "xx-nonexistent", shortOne, error));
    CHECK(error.find("no voice") != std::string::npos);
    // A stop flag set before (or while) it speaks ends it early.
    std::atomic<bool> stop{true};
    speech::Audio stopped;
    s.synthesize("Ein sehr langer Text, der nie zu Ende gesprochen wird, weil jemand weggeht.", "de", stopped, error, &stop);
    CHECK(stopped.seconds() < 1.0);
}

TEST_CASE("speaker: the asking thread never waits, speech plays into a WAV file, stop ends it, volume scales it, no device hides it")
{
    const fs::path dir = processScratch() / "speaker";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path wav = dir / "said.wav";
    {
        speech::Speaker::Options o;
        o.device = "wav:" + wav.string();
        speech::Speaker sp(o);
        sp.waitIdle();
        REQUIRE(sp.available());
        const auto t0 = std::chrono::steady_clock::now();
        sp.say("Roboter-AG. Mittwoch, 2. Dezember, 15 Uhr. Werkstatt, Saarbrücken. Kostenlos.", "de");
        const auto asked = std::chrono::steady_clock::now() - t0;
        CHECK(asked < std::chrono::milliseconds(50));  // synthesis runs on the worker
        sp.waitIdle();
        CHECK(sp.finished() == 1);
    }
    int rate = 0;
    const auto full = wavSamples(wav, rate);
    CHECK(rate == 22050);
    CHECK(full.size() > static_cast<std::size_t>(rate) * 3);
    CHECK(rms(full.data(), full.size()) > 400);

    // Volume 0: the same length, silent; stop: cut short.
    {
        speech::Speaker::Options o;
        o.device = "wav:" + wav.string();
        o.volume = 0;
        speech::Speaker sp(o);
        sp.say("Roboter-AG.", "de");
        sp.waitIdle();
    }
    const auto silent = wavSamples(wav, rate);
    CHECK(silent.size() > static_cast<std::size_t>(rate) / 2);
    CHECK(rms(silent.data(), silent.size()) == 0);
    {
        speech::Speaker::Options o;
        o.device = "wav:" + wav.string();
        speech::Speaker sp(o);
        sp.waitIdle();
        sp.say(std::string(40, 'a') + " Ein sehr langer Text über Roboter, Sterne, Pflanzen und Maschinen, der lange dauert.", "de");
        sp.stop();
        sp.waitIdle();
        CHECK(sp.finished() == 0);
    }
    // No sound card (an ALSA device that is not there): not available, with the reason.
    speech::Speaker::Options none;
    none.device = "hw:97";
    speech::Speaker missing(none);
    missing.waitIdle();
    CHECK(missing.checked());
    CHECK_FALSE(missing.available());
    CHECK(missing.problem().find("ALSA device \"hw:97\"") != std::string::npos);
    missing.say("Hallo", "de");  // harmless
    missing.waitIdle();
    CHECK(missing.finished() == 0);
}
