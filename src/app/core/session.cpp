// The visitor session; see session.hpp.
#include "session.hpp"

namespace mint::app
{

const char* screenName(Screen s)
{
    switch (s)
    {
    case Screen::Attract: return "attract";
    case Screen::Home: return "home";
    case Screen::Results: return "results";
    case Screen::Detail: return "detail";
    case Screen::Search: return "search";
    case Screen::Pin: return "pin";
    case Screen::Admin: return "admin";
    case Screen::Map: return "map";
    }
    return "?";
}

bool VisitorSession::moving() const
{
    return scroller.moving() || scroller.dragging() || detailScroller.moving() || filterScroller.moving() ||
           (screen == Screen::Map && (map.moving() || mapListScroller.moving()));
}

}  // namespace mint::app
