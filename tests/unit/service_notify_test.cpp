// systemd's notify protocol without a window: messages arrive as single datagrams on a
// socket path, pings follow half of WATCHDOG_USEC, STATUS is sent only when it changes.
#include "app/service_notify.hpp"
#include "support/notify_socket.hpp"
#include "support/run_process.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace mint;

TEST_CASE("service notify: READY, STATUS once per change, WATCHDOG every half interval, bad sockets switch it off")
{
    const std::string path = (test::processScratch() / "notify.sock").string();
    test::NotifySocket sock(path);
    REQUIRE(sock.ok());
    app::ServiceNotifier n(path, 200000, 0);
    CHECK(n.enabled());
    CHECK(n.pingIntervalS() == doctest::Approx(0.1));
    n.ready();
    n.status("catalogue 8");
    n.status("catalogue 8");  // unchanged: not sent again
    n.status("catalogue 9");
    n.tick(10.0);
    n.tick(10.05);  // not due yet
    n.tick(10.1);
    CHECK(n.pingsSent() == 2);
    CHECK(n.nextPingS() == doctest::Approx(10.2));
    std::vector<std::string> texts;
    for (int i = 0; i < 50 && texts.size() < 5; ++i)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        texts.clear();
        for (const auto& m : sock.messages())
            texts.push_back(m.text);
    }
    CHECK(texts == std::vector<std::string>{"READY=1", "STATUS=catalogue 8", "STATUS=catalogue 9", "WATCHDOG=1", "WATCHDOG=1"});

    // Not under systemd, or a NOTIFY_SOCKET that is no unix socket path: nothing is sent, no ping is due.
    for (const std::string& bad : std::vector<std::string>{"", "relative/path", std::string(200, '/')})
    {
        app::ServiceNotifier off(bad, 200000, 0);
        CHECK_FALSE(off.enabled());
        CHECK(off.pingIntervalS() == 0);
        CHECK_FALSE(off.send("READY=1"));
        CHECK(off.nextPingS() > 1e17);
    }
    // A socket nobody listens on: sending fails quietly, the loop never waits for it.
    app::ServiceNotifier gone((test::processScratch() / "nobody.sock").string(), 200000, 0);
    CHECK_FALSE(gone.send("WATCHDOG=1"));
}
