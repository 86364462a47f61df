// The visitor session: everything one visitor (or a member of staff at the PIN pad) can
// change, in one plain struct. Idle reset replaces it whole (`session = VisitorSession{}`),
// so nothing of the previous visitor can survive in a field someone forgot to clear.
// No window, no GL: unit-tested (tests/unit/app_core_test.cpp).
#pragma once

#include "catalog/model.hpp"
#include "map/map_interaction.hpp"
#include "ui_model/accessibility.hpp"
#include "ui_model/browse_state.hpp"
#include "ui_model/scroller.hpp"

#include <string>
#include <vector>

namespace mint::app
{

enum class Screen
{
    Attract,
    Home,
    Results,
    Detail,
    Search,
    Pin,
    Admin,
    Map
};
const char* screenName(Screen s);

/// Staff at the kiosk: the PIN pad and the admin screen (reset on idle like a visitor's).
struct StaffSession
{
    std::string pinDigits;                   ///< typed so far
    std::string pinMessage;                  ///< the last answer ("wrong PIN")
    bool quitArmed = false;                  ///< "Beenden" was tapped once; the next tap quits
    catalog::Timestamp syncRequestedAt = 0;  ///< "sync now" (wall seconds), for its notice
};

struct VisitorSession
{
    Screen screen = Screen::Attract;
    std::vector<Screen> backStack;
    ui::BrowseState browse;
    ui::Accessibility a11y;
    std::string language;                 ///< "" = the kiosk's first language
    std::string detailId;                 ///< the offer on the detail page
    bool filtersOpen = false;             ///< the filter panel covers the results
    ui::KineticScroller scroller;         ///< the results list (kept when a detail page opens)
    ui::KineticScroller detailScroller;   ///< the detail page, from the top for every offer
    ui::KineticScroller filterScroller;   ///< the filter panel
    ui::KineticScroller mapListScroller;  ///< the map's list of offers at one place
    map::MapInteraction map;
    StaffSession staff;
    std::string lastNothingFound;  ///< the last filter combination counted as "found nothing"

    /// Something moves by itself (a fling, a map animation): frames go on.
    bool moving() const;
};

}  // namespace mint::app
