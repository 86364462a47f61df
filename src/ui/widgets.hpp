// Touch widgets drawn with ImDrawList: big buttons, chips, offer cards. Each registers a
// named hit target (for scripted tests) and answers "tapped" only for a real tap (finger
// down and up inside, no swipe); pressing shows visible feedback.
#pragma once

#include "ui_context.hpp"
#include "ui_model/scroller.hpp"

namespace mint::ui
{

enum class Icon
{
    None,
    Child,
    Family,
    School,
    Company,
    Calendar,
    Weekend,
    Search,
    Map,
    All,
    Back,
    Home,
    Language,
    Text,
    Contrast,
    Reach,
    Phone,
    Locate,
    Plus,
    Minus,
    Filter,
    Backspace,
    Speaker,  ///< read aloud
    Stop      ///< stop reading
};

void drawIcon(ImDrawList* dl, Icon icon, ImVec2 center, float size, ImU32 color);

/// A large rounded button with an optional icon; returns true when tapped.
bool bigButton(const UiContext& c, const std::string& id, const Rect& r, std::string_view label, ImU32 fill, ImU32 textColor,
               Icon icon = Icon::None, bool enabled = true);

/// A filter chip; `count` < 0 hides the number; disabled chips are greyed and do nothing.
bool chip(const UiContext& c, const std::string& id, const Rect& r, std::string_view label, bool active, bool enabled, int count = -1);

/// Width a chip needs for its label (and count).
float chipWidth(const UiContext& c, std::string_view label, int count = -1);

/// One offer card (grid card in landscape, list row in portrait); returns true when tapped.
bool offerCard(const UiContext& c, const std::string& id, const Rect& r, const catalog::Offer& offer, const catalog::ResultItem& item,
               bool interactive);

/// "Sa 28.11., 14:00" in the visitor's language.
std::string formatWhen(const UiContext& c, const catalog::ResultItem& item, const catalog::Offer& offer);
std::string formatDay(const UiContext& c, catalog::Timestamp t);
std::string ageLabel(const UiContext& c, const catalog::Offer& offer);

/// Draws a picture filling `r` without distortion (cropped to the rectangle's shape).
/// Returns false (drawing nothing) while the picture is not loaded.
bool drawPicture(const UiContext& c, const std::string& url, const Rect& r, float rounding, ImDrawFlags corners);

/// Feeds the finger to a kinetic scroller when the gesture started inside `area`.
void handleScroll(const UiContext& c, KineticScroller& scroller, const Rect& area);

/// A slim bar at the right edge of `area` that shows where in `contentH` the view is (drawn
/// only when the content is taller than the area).
void drawScrollHint(const UiContext& c, const KineticScroller& scroller, const Rect& area, float contentH);

/// A soft drop shadow under a rounded rectangle.
void drawShadow(ImDrawList* dl, const Rect& r, float rounding, ImU32 color);

}  // namespace mint::ui
