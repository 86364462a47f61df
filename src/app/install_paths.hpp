// Where an installed kiosk finds its files: read-only data (translations, the demo
// catalogue) in <prefix>/share/mint-kiosk beside the program's <prefix>/bin, the
// configuration in /etc/mint-kiosk (for the /usr prefix). A program run from the build tree
// uses the source tree's assets/ and config/kiosk.json, as always.
#pragma once

#include <string>

namespace mint::app
{

/// The folder of the running program (from /proc/self/exe); "" when unknown.
std::string programDir();
/// True when the program runs from its install prefix (<prefix>/share/mint-kiosk exists).
bool runsInstalled();
/// The read-only data folder: the install prefix's, else the source tree's assets/.
std::string dataDir();
/// The configuration used without --config: /etc/mint-kiosk/kiosk.json when installed,
/// else config/kiosk.json (relative to the working folder).
std::string defaultConfigPath();

}  // namespace mint::app
