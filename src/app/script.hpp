// Scripted scenarios for UI tests (`mint-kiosk --script FILE`): one command per line,
// '#' starts a comment. Time is virtual while a script runs, so idle timeouts pass at once.
//
//   clock 2026-11-26T15:00:00+01:00   wall clock for dates and queries
//   sync                              one sync cycle now (blocking)
//   tap TARGET                        a named target (e.g. home.group.children_youth,
//                                     card.demo-0002) or "X Y" in pixels
//   hold X Y SECONDS                  a finger held still (the admin corner)
//   swipe X1 Y1 X2 Y2 [SECONDS]       a finger drag (default 0.3 s)
//   swipe TARGET DX DY [SECONDS]      a drag from a named target's centre by DX DY pixels
//   wait SECONDS                      virtual time passes; frames are drawn as the app needs
//   type TEXT                         taps the on-screen keyboard
//   screenshot NAME                   NAME.png in the output folder
//   dump NAME                         NAME.json: screen, visible offer ids, filters, ...
//   measure start | measure stop NAME frame times p50/p95/p99 and CPU use in between (benchmarks)
//   realtime SECONDS                  the real event loop for that long (idle CPU benchmarks)
//   freeze SECONDS                    the UI thread hangs that long (no frames, no watchdog pings)
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mint::app
{

struct ScriptCommand
{
    enum class Kind
    {
        Clock,
        Sync,
        Tap,
        TapAt,
        Hold,
        Swipe,
        Wait,
        Type,
        Screenshot,
        Dump,
        Measure,
        Realtime,
        Freeze
    };
    Kind kind;
    std::string text;  ///< target, name, clock or text
    std::vector<float> numbers;
    int line = 0;
};

/// Parses a script; on error returns nullopt with "line N: problem" in `error`.
std::optional<std::vector<ScriptCommand>> parseScript(const std::string& text, std::string& error);

}  // namespace mint::app
