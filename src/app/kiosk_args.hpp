// mint-kiosk's command line, parsed into options; no I/O here.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mint::app
{

struct KioskArgs
{
    std::string configPath;    ///< --config FILE; empty: defaultConfigPath() (install_paths.hpp)
    bool syncOnce = false;     ///< one sync cycle without a window
    bool json = false;         ///< with --sync-once: the status as one JSON object
    bool checkConfig = false;  ///< validate the config and exit
    bool hashPin = false;      ///< read a PIN on stdin, print its pin_hash
    bool exportStats = false;  ///< print the usage counts as CSV
    bool seedTiles = false;    ///< fill map.mbtiles from map.tile_url for the region
    bool help = false;
    bool version = false;
    std::optional<std::pair<int, int>> windowed;  ///< --windowed WxH (development, tests)
    std::string scriptPath;                       ///< --script FILE: a scripted scenario (tests)
    std::string scriptOut;                        ///< --script-out DIR: screenshots and dumps
    std::string glRung;                           ///< --gl RUNG: only this OpenGL context (gl33, gl31, gl30, gl21, gles3, gles2)
};

/// Exit codes, a contract: 0 ok, 1 sync failed (last good catalogue kept) or tiles left to
/// seed, 2 config or usage error (also: seeding refused), 3 a script step failed,
/// 4 an internal error (logged; a service manager restarts the kiosk), 5 the window was
/// lost (destroyed from outside, the display's connection gone: restart to get a new one),
/// 6 no OpenGL context could be made (none of the rungs: see platform.hpp).
enum KioskExit
{
    kKioskOk = 0,
    kKioskSyncFailed = 1,
    kKioskConfigError = 2,
    kKioskScriptFailed = 3,
    kKioskInternalError = 4,
    kKioskWindowLost = 5,
    kKioskNoOpenGl = 6,
};

std::optional<KioskArgs> parseKioskArgs(const std::vector<std::string>& args, std::string& error);

extern const char* const kKioskHelp;

}  // namespace mint::app
