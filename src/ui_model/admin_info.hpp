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
    // The display's opening hours (only when `display` has a schedule).
    bool displayScheduled = false;
    bool displayForced = false;  ///< staff switched it on: the button offers the schedule again
    std::vector<std::string> displayLines;
    std::vector<std::string> monitorLines;
    bool speech = false;  ///< read aloud works: the volume buttons show
    int volume = 0;       ///< heartbeat, metrics file, usage report (when configured)
};

}  // namespace mint::ui
