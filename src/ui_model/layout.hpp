// Layout maths for the kiosk screens: sizes follow the font size (which follows the
// screen), so landscape 1920x1080, portrait 1080x1920 and 1280x800 all work.
#pragma once

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

}  // namespace mint::ui
