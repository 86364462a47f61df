// Layout maths for the kiosk screens: sizes follow the font size (which follows the
// screen), so landscape 1920x1080, portrait 1080x1920 and 1280x800 all work.
#pragma once

#include <cstddef>

namespace mint::ui
{

struct ScreenLayout
{
    int width = 0;
    int height = 0;
    bool portrait = false;
    float fontPx = 0;    ///< body text height in pixels
    float margin = 0;    ///< outer margin
    float gap = 0;       ///< between cards and buttons
    float touchMin = 0;  ///< smallest touch target (about 12 mm on a 24" 1080p screen)
    int columns = 1;     ///< result cards per row (portrait: a list)
    float cardWidth = 0;
    float cardHeight = 0;
    float headerHeight = 0;
};

/// `textScale` is 1 normally, larger with the "larger text" toggle.
ScreenLayout computeLayout(int width, int height, float textScale = 1.0f);

/// Scroll range of a grid of `count` cards inside a view `viewHeight` high.
float gridContentHeight(const ScreenLayout& l, int count);

/// The map screen's parts: the map between header and bottom (the navigation bar with "low
/// reach"), and the panel listing the offers at one place (`listed` of them).
struct MapScreenLayout
{
    float top = 0, bottom = 0;  ///< the map area, full width
    float cardWidth = 0;        ///< the selected offer's card and the list panel
    float listHeadH = 0, listRowH = 0;
    std::size_t listRows = 0;  ///< rows in view (the rest scroll)
    float panelX0 = 0, panelY0 = 0, panelX1 = 0, panelY1 = 0;
    float rowsY1 = 0;  ///< bottom of the rows' area (from panelY0 + listHeadH)
};
MapScreenLayout mapScreenLayout(const ScreenLayout& l, bool lowReach, std::size_t listed);

}  // namespace mint::ui
