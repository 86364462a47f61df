// mint-kiosk command-line parsing; see kiosk_args.hpp.
#include "kiosk_args.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace mint::app
{

const char* const kKioskHelp = R"(mint-kiosk - MINT offers on a touch terminal

Usage:
  mint-kiosk [--config FILE] [--windowed WxH]
  mint-kiosk --config FILE --sync-once [--json]
  mint-kiosk --config FILE --check-config
  mint-kiosk --config FILE --export-stats
  mint-kiosk --config FILE --seed-tiles
  mint-kiosk --hash-pin              (reads the PIN on standard input)

  --config FILE    the kiosk configuration (default /etc/mint-kiosk/kiosk.json when
                   installed, config/kiosk.json in a build tree; see docs/configuration.md);
                   relative paths in it resolve against its folder
  --sync-once      one sync cycle (feed and pictures) without a window; prints the status
  --json           with --sync-once: the status as one JSON object on stdout
  --check-config   check the configuration and exit
  --hash-pin       print the admin.pin_hash for a PIN read from standard input
  --export-stats   print the usage counts (per day, no personal data) as CSV
  --seed-tiles     fill the map.mbtiles package for the region (the feed's region.bbox)
                   and map.min_zoom..map.max_zoom from map.tile_url; prints an estimate
                   first, then progress; resumable. Refuses the public openstreetmap.org
                   servers (their policy forbids bulk downloads and offline use)
  --windowed WxH   a window instead of full screen (development and tests)
  --gl RUNG        only this OpenGL context, no fallback: gl33 (3.3 core), gl31, gl30,
                   gl21, gles3 (OpenGL ES 3.0), gles2; default: the first that works
  --script FILE    run a scripted scenario with virtual time (tests; see src/app/script.hpp)
  --script-out DIR where the script's screenshots and state dumps go

Exit codes: 0 ok (updated or not modified; every tile seeded), 1 sync failed (the last
good catalogue is kept) or tiles failed to seed (run again to resume), 2 configuration or
usage error (also: seeding refused or impossible), 3 a script step failed, 4 an internal
error (logged), 5 the window was lost (destroyed from outside, or the display is gone),
6 no OpenGL context could be made (3.3 core, 3.1, 3.0, 2.1, ES 3.0 and ES 2.0 were tried).
)";

std::optional<KioskArgs> parseKioskArgs(const std::vector<std::string>& args, std::string& error)
{
    KioskArgs out;
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        const std::string& a = args[i];
        if (a == "--config")
        {
            if (i + 1 >= args.size())
            {
                error = "--config needs a FILE";
                return std::nullopt;
            }
            out.configPath = args[++i];
        }
        else if (a == "--script" || a == "--script-out")
        {
            if (i + 1 >= args.size())
            {
                error = a + " needs a value";
                return std::nullopt;
            }
            (a == "--script" ? out.scriptPath : out.scriptOut) = args[++i];
        }
        else if (a == "--gl")
        {
            static const char* const rungs[] = {"gl33", "gl31", "gl30", "gl21", "gles3", "gles2"};
            if (i + 1 >= args.size() || std::find(std::begin(rungs), std::end(rungs), args[i + 1]) == std::end(rungs))
            {
                error = "--gl expects one of gl33, gl31, gl30, gl21, gles3, gles2";
                return std::nullopt;
            }
            out.glRung = args[++i];
        }
        else if (a == "--sync-once")
            out.syncOnce = true;
        else if (a == "--json")
            out.json = true;
        else if (a == "--check-config")
            out.checkConfig = true;
        else if (a == "--hash-pin")
            out.hashPin = true;
        else if (a == "--export-stats")
            out.exportStats = true;
        else if (a == "--seed-tiles")
            out.seedTiles = true;
        else if (a == "--help" || a == "-h")
            out.help = true;
        else if (a == "--version")
            out.version = true;
        else if (a == "--windowed")
        {
            int w = 0, h = 0;
            char tail = 0;
            if (i + 1 >= args.size() || std::sscanf(args[i + 1].c_str(), "%dx%d%c", &w, &h, &tail) != 2 || w < 320 || h < 240 ||
                w > 16384 || h > 16384)
            {
                error = "--windowed expects WIDTHxHEIGHT, e.g. 1920x1080";
                return std::nullopt;
            }
            ++i;
            out.windowed = std::make_pair(w, h);
        }
        else
        {
            error = "unknown argument " + a + " (see --help)";
            return std::nullopt;
        }
    }
    if (out.json && !out.syncOnce)
    {
        error = "--json goes with --sync-once";
        return std::nullopt;
    }
    return out;
}

}  // namespace mint::app
