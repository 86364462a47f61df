// The kiosk as a systemd service: the real app under Xvfb tells a notify socket that it is
// ready, what it shows, and pings the watchdog from its loop — and stops pinging when the
// loop hangs.
#include "support/notify_socket.hpp"
#include "support/run_process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace mint::test;

TEST_CASE("service: READY after the first frame, STATUS with the catalogue, WATCHDOG pings from the loop stop when it hangs")
{
    NotifySocket sock("@mint-kiosk-test-" + std::to_string(::getpid()));
    REQUIRE(sock.ok());
    const fs::path work = processScratch() / "service-watchdog";
    fs::remove_all(work);
    fs::create_directories(work);
    const std::string config = writeScratch("service-watchdog/kiosk.json", R"({"feed": {"url": ")" + std::string(MINT_SOURCE_DIR) +
                                                                               R"(/assets/demo/feed.json"}, "cache": {"dir": "cache"}})");
    const std::string script = writeScratch("service-watchdog/script.txt", "sync\nrealtime 3\nfreeze 4\nrealtime 2\n");
    // WATCHDOG_PID names another process, as under cage (the compositor is the main process):
    // the kiosk must ping anyway. Only the kiosk gets the socket (Xvfb reports READY=1 itself).
    Run r = runProgram("xvfb-run", {"-a", "-s", "-screen 0 1280x800x24", "env", "NOTIFY_SOCKET=" + sock.name(), "WATCHDOG_USEC=1000000",
                                    "WATCHDOG_PID=1", MINT_KIOSK_EXE, "--config", config, "--windowed", "1280x800", "--script", script,
                                    "--script-out", (work / "out").string()});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto messages = sock.messages();
    std::vector<double> pings;
    bool ready = false, statusBeforeReady = false;
    std::string status;
    for (const auto& m : messages)
    {
        if (m.text == "READY=1")
            ready = true;
        else if (m.text.rfind("STATUS=", 0) == 0)
        {
            status = m.text;
            statusBeforeReady = statusBeforeReady || !ready;
        }
        else if (m.text == "WATCHDOG=1")
            pings.push_back(m.atS);
    }
    CHECK(ready);
    std::string all;
    for (const auto& m : messages)
        all += std::to_string(m.atS) + " " + m.text + "\n";
    INFO(all);
    CHECK(statusBeforeReady);
    CHECK_MESSAGE(status.find("catalogue 1, ") != std::string::npos, status);
    CHECK_MESSAGE(status.find("offers; last sync: updated at 20") != std::string::npos, status);
    CHECK(r.err.find("WATCHDOG_PID 1 is another process") != std::string::npos);
    // Every 0.5 s (half of WATCHDOG_USEC) while the loop runs: about 6 in the first 3 s, 4 in
    // the last 2; none while it hangs.
    REQUIRE(pings.size() >= 7);
    double longestGap = 0;
    std::size_t before = 0;
    for (std::size_t i = 1; i < pings.size(); ++i)
    {
        const double gap = pings[i] - pings[i - 1];
        if (gap > longestGap)
        {
            longestGap = gap;
            before = i;
        }
    }
    CHECK(longestGap >= 3.9);           // the freeze: no pings
    CHECK(before >= 4);                 // pings before it ...
    CHECK(pings.size() - before >= 2);  // ... and after it
    // Between the freezes, never much slower than every half interval.
    for (std::size_t i = 1; i < before; ++i)
        CHECK(pings[i] - pings[i - 1] < 0.8);
}
