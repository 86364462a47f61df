// Lockdown, tested from outside: the real kiosk full screen on a private Xvfb, acted on
// with xdotool and plain X clients while its event loop runs. Keys, other mouse buttons,
// typing, focus moving away and hide requests leave it where it was; a window destroyed
// from outside or a lost display ends it with exit code 5, so systemd starts a new one.
#include "support/run_process.hpp"
#include "support/x_session.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <thread>

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace mint::test;

namespace
{

struct RunningKiosk
{
    fs::path out;
    std::string log;
    std::unique_ptr<Background> process;
    Json before;  ///< the script's first dump ("dump before")
};

/// Starts the kiosk full screen on `x` with a script; returns once its first dump exists.
RunningKiosk startKiosk(const XServer& x, const std::string& name, const std::string& script)
{
    REQUIRE_FALSE(x.display().empty());
    const fs::path work = processScratch() / name;
    fs::remove_all(work);
    fs::create_directories(work / "out");
    RunningKiosk k;
    k.out = work / "out";
    k.log = (work / "kiosk.log").string();
    const std::string config = writeScratch(name + "/kiosk.json", R"({"feed": {"url": ")" + std::string(MINT_SOURCE_DIR) +
                                                                      R"(/assets/demo/feed.json"}, "cache": {"dir": "cache"}})");
    const std::string scriptPath = writeScratch(name + "/script.txt", script);
    k.process = std::make_unique<Background>(
        std::vector<std::string>{MINT_KIOSK_EXE, "--config", config, "--script", scriptPath, "--script-out", k.out.string()},
        std::vector<std::string>{"DISPLAY=" + x.display()}, k.log);
    for (int i = 0; i < 300 && !fs::exists(k.out / "before.json"); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE_MESSAGE(fs::exists(k.out / "before.json"), slurp(k.log));
    k.before = Json::parse(slurp(k.out / "before.json"));
    return k;
}

std::string kioskWindow(const XServer& x)
{
    std::string id = x.run("xdotool", {"search", "--name", "MINT Kiosk"}).out;
    id = id.substr(0, id.find('\n'));
    REQUIRE_FALSE(id.empty());
    return id;
}

}  // namespace

TEST_CASE("lockdown: keys, other mouse buttons, typing, focus moving away and hide requests leave the kiosk where it was")
{
    XServer x;
    RunningKiosk k = startKiosk(x, "lockdown-input", "sync\ndump before\nrealtime 6\ndump after\n");
    REQUIRE(k.before["screen"] == "attract");
    const std::string win = kioskWindow(x);
    std::string root = x.run("xwininfo", {"-root"}).out;
    root = root.substr(root.find("Window id: ") + 11);
    root = root.substr(0, root.find(' '));

    for (const char* key : {"alt+F4", "Escape", "ctrl+q", "ctrl+w", "F11", "super", "Super_L", "alt+Tab", "ctrl+alt+BackSpace"})
        CHECK_MESSAGE(x.run("xdotool", {"key", key}).exitCode == 0, key);
    CHECK(x.run("xdotool", {"mousemove", "640", "400", "click", "3"}).exitCode == 0);  // right button
    CHECK(x.run("xdotool", {"click", "2"}).exitCode == 0);                             // middle button
    CHECK(x.run("xdotool", {"type", "hallo"}).exitCode == 0);
    CHECK(x.run("xdotool", {"windowfocus", root}).exitCode == 0);  // focus away: never iconified
    CHECK(x.run("xdotool", {"windowminimize", win}).exitCode == 0);
    // A window-close request (WM_DELETE_WINDOW, what a window manager sends for Alt+F4 or a close button).
    const std::string closeRequest = writeScratch("lockdown-input/close.py", R"(import ctypes, sys
x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
d = x.XOpenDisplay(None)
class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong), ("format", ctypes.c_int), ("data", ctypes.c_long * 5),
                ("pad", ctypes.c_long * 12)]
e = ClientMessage()
e.type = 33  # ClientMessage
e.window = int(sys.argv[1])
e.message_type = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
e.format = 32
e.data[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
x.XSendEvent(ctypes.c_void_p(d), ctypes.c_ulong(e.window), 0, 0, ctypes.byref(e))
x.XSync(ctypes.c_void_p(d), 0)
)");
    CHECK(x.run("python3", {closeRequest, win}).exitCode == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(x.run("xdotool", {"windowunmap", win}).exitCode == 0);  // hidden from outside: shown again
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const std::string mapState = x.run("xwininfo", {"-id", win}).out;
    CHECK_MESSAGE(mapState.find("Map State: IsViewable") != std::string::npos, mapState);

    REQUIRE(k.process->wait(20) == 0);
    const Json after = Json::parse(slurp(k.out / "after.json"));
    const std::string log = slurp(k.log);
    INFO(log);
    CHECK(after["screen"] == "attract");  // no key or button started, left or quit it
    CHECK(after["quit"] == false);
    CHECK(after["iconified"] == false);
    CHECK(after["visible"] == true);
    CHECK(after["window"] == Json::array({1280, 800}));  // full screen on the display
    CHECK(log.find("hidden from outside; showing it again") != std::string::npos);
}

TEST_CASE("lockdown: a window destroyed from outside or a lost display ends the kiosk with exit code 5 and a log line")
{
    SUBCASE("the window is destroyed by another client")
    {
        XServer x;
        RunningKiosk k = startKiosk(x, "lockdown-destroy", "sync\ndump before\nrealtime 20\n");
        const std::string win = kioskWindow(x);
        const std::string destroy = writeScratch("lockdown-destroy/destroy.py", R"(import ctypes, sys
x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
d = ctypes.c_void_p(x.XOpenDisplay(None))
x.XDestroyWindow(d, ctypes.c_ulong(int(sys.argv[1])))
x.XSync(d, 0)
)");
        REQUIRE(x.run("python3", {destroy, win}).exitCode == 0);
        CHECK(k.process->wait(10) == 5);
        const std::string log = slurp(k.log);
        CHECK_MESSAGE(log.find("the kiosk's window is lost (") != std::string::npos, log);
    }
    SUBCASE("the client's connection is killed (xkill)")
    {
        XServer x;
        RunningKiosk k = startKiosk(x, "lockdown-xkill", "sync\ndump before\nrealtime 20\n");
        REQUIRE(x.run("xkill", {"-id", kioskWindow(x)}).exitCode == 0);
        CHECK(k.process->wait(10) == 5);
        const std::string log = slurp(k.log);
        CHECK_MESSAGE(log.find("the connection to the display is gone") != std::string::npos, log);
    }
}

TEST_CASE("touch as screens deliver it: a tap in one burst between frames counts once, a long press and a drag never tap")
{
    XServer x;
    RunningKiosk k = startKiosk(x, "touch-burst", "sync\ntap attract\ndump before\nrealtime 8\ndump after\n");
    const Json& before = k.before;
    REQUIRE(before["screen"] == "home");
    auto at = [&](const char* target)
    {
        const Json& p = before["target_centers"][target];
        REQUIRE_MESSAGE(p.is_array(), target);
        return std::vector<std::string>{std::to_string(p[0].get<int>()), std::to_string(p[1].get<int>())};
    };
    const auto larger = at("home.a11y.larger_text"), contrast = at("home.a11y.high_contrast"), reach = at("home.a11y.low_reach");
    // An emulated pointer: move, press and release arrive together, shorter than a frame.
    CHECK(x.run("xdotool", {"mousemove", larger[0], larger[1], "click", "1"}).exitCode == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // A long press (a hand resting on the screen) is no tap.
    CHECK(x.run("xdotool", {"mousemove", contrast[0], contrast[1], "mousedown", "1", "sleep", "1.5", "mouseup", "1"}).exitCode == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // A drag that starts on a button is no tap, even when it ends on it again.
    CHECK(x.run("xdotool", {"mousemove", reach[0],
                            reach[1],    "mousedown",
                            "1",         "sleep",
                            "0.15",      "mousemove_relative",
                            "--",        "120",
                            "0",         "sleep",
                            "0.15",      "mousemove_relative",
                            "--",        "-120",
                            "0",         "sleep",
                            "0.15",      "mouseup",
                            "1"})
              .exitCode == 0);
    REQUIRE(k.process->wait(20) == 0);
    const Json after = Json::parse(slurp(k.out / "after.json"));
    CHECK(after["screen"] == "home");
    CHECK(after["accessibility"]["large_text"] == true);  // toggled exactly once
    CHECK(after["accessibility"]["high_contrast"] == false);
    CHECK(after["accessibility"]["low_reach"] == false);
}
