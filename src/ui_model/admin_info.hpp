// What the admin screen shows, prepared by the app as plain lines (the texts are
// translated before they reach the screen).
#pragma once

#include <string>
#include <vector>

namespace mint::ui
{

struct AdminInfo
{
    std::string kioskName;
    std::vector<std::string> syncLines;
    std::string syncError;
    std::vector<std::string> catalogLines;
    std::vector<std::string> usageLines;
    std::vector<std::string> systemLines;
    std::string syncNotice;  ///< after "sync now": running, then its result
    bool syncRunning = false;
    bool quitArmed = false;  ///< "Beenden" asks once
};

}  // namespace mint::ui
