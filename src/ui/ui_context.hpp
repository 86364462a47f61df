// What a screen needs to draw one frame, and where it puts the intents it emits
// (ui_model/intent.hpp).
#pragma once

#include "catalog/model.hpp"
#include "catalog/query.hpp"
#include "fonts.hpp"
#include "textures.hpp"
#include "theme.hpp"
#include "touch.hpp"
#include "ui_model/browse_state.hpp"
#include "ui_model/i18n.hpp"
#include "ui_model/intent.hpp"
#include "ui_model/layout.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace mint::ui
{

struct UiContext
{
    ImDrawList* dl = nullptr;
    const Fonts* fonts = nullptr;
    const Theme* th = nullptr;
    ScreenLayout layout;
    const Translations* tr = nullptr;
    TouchInput* touch = nullptr;
    HitRegistry* hits = nullptr;
    TextureCache* textures = nullptr;
    const catalog::Catalog* catalog = nullptr;
    std::string lang;
    bool highContrast = false;
    bool lowReach = false;
    bool speech = false;                                           ///< read aloud works (espeak-ng and a sound device): its buttons show
    bool speaking = false;                                         ///< something is being read: the button stops it
    double nowS = 0;                                               ///< monotonic seconds (virtual in scripts)
    catalog::Timestamp wallNow = 0;                                ///< wall clock for dates
    std::function<std::string(const std::string& url)> imagePath;  ///< cached file of a picture URL
    std::vector<Intent>* intents = nullptr;

    void emit(IntentKind kind, int value = 0, std::string text = {}) const { intents->push_back(Intent{kind, value, std::move(text)}); }
    /// Registers a touch target: only its part inside the clip rectangle in force (a card
    /// half scrolled under the filter bar must not take a tap meant for the bar). Returns
    /// that part, empty when nothing of it is visible; widgets test taps against it.
    Rect hitTarget(const std::string& id, const Rect& r) const
    {
        const ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
        const Rect v{ImVec2(std::max(r.min.x, cmin.x), std::max(r.min.y, cmin.y)),
                     ImVec2(std::min(r.max.x, cmax.x), std::min(r.max.y, cmax.y))};
        if (v.width() <= 0 || v.height() <= 0)
            return Rect{r.min, r.min};
        const bool clipped = v.min.x > r.min.x || v.min.y > r.min.y || v.max.x < r.max.x || v.max.y < r.max.y;
        hits->add(id, v, clipped);
        return v;
    }
    const std::string& t(std::string_view key) const { return tr->tr(key); }
    /// Feed text in the visitor's language, falling back to the feed's default.
    std::string_view text(const catalog::LocalizedText& lt) const
    {
        return lt.get(lang, catalog ? catalog->defaultLanguage() : std::string_view("de"));
    }
    float font() const { return layout.fontPx; }
};

}  // namespace mint::ui
