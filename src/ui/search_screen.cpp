// The search screen: a big on-screen QWERTZ keyboard with ä ö ü ß drawn by the app (no
// system keyboard) and results as you type.
#include "screens.hpp"
#include "widgets.hpp"

#include <algorithm>

namespace mint::ui
{

namespace
{

/// Splits a UTF-8 string into characters.
std::vector<std::string> characters(const char* row)
{
    std::vector<std::string> out;
    for (const char* p = row; *p;)
    {
        std::size_t len = 1;
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        out.emplace_back(p, len);
        p += len;
    }
    return out;
}

}  // namespace

void drawSearch(const UiContext& c, const std::string& text, const catalog::QueryResult& result)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    const float f = L.fontPx;
    // The background is the clear colour (no full-screen fill: a software renderer pays for every pixel).
    drawHeader(c, c.t("search.title"), "", true, true);

    // The text field.
    float y = L.headerHeight + L.gap;
    const Rect field{ImVec2(L.margin, y), ImVec2(W - L.margin, y + f * 2.6f)};
    c.dl->AddRectFilled(field.min, field.max, c.th->surface, f * 0.4f);
    c.dl->AddRect(field.min, field.max, c.th->accent, f * 0.4f, 0, 3.0f);
    const float ts = f * 1.3f;
    if (text.empty())
        drawText(c.dl, c.fonts->regular, ts, ImVec2(field.min.x + f * 0.6f, field.center().y - ts * 0.6f), c.th->textMuted,
                 c.t("search.hint"));
    else
    {
        const std::string shown = text + "|";
        drawText(c.dl, c.fonts->bold, ts, ImVec2(field.min.x + f * 0.6f, field.center().y - ts * 0.6f), c.th->text,
                 ellipsize(c.fonts->bold, ts, shown, field.width() - f * 1.2f));
    }
    y = field.max.y + L.gap;

    // The keyboard at the bottom (reachable for children and wheelchair users).
    static const char* const rows[] = {"1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm"};
    // Eleven keys across a portrait stele with larger text still reach the minimum touch
    // size: narrow gaps and side margins for the keyboard.
    const float keyGap = std::max(4.0f, f * 0.15f);
    const float keyW = std::min((W - 2 * f * 0.3f - keyGap * 10) / 11, f * 3.2f);
    const float keyH = std::max(L.touchMin, keyW * 0.85f);
    const float kbH = 5 * keyH + 4 * keyGap;
    const float navH = c.lowReach ? navBarHeight(c) : 0.0f;  // low reach: the navigation is below
    float ky = H - L.margin - navH - kbH;
    for (int r = 0; r < 4; ++r)
    {
        const auto keys = characters(rows[r]);
        const float rowW =
            static_cast<float>(keys.size()) * keyW + static_cast<float>(keys.size() - 1) * keyGap + (r == 3 ? keyW * 2 + keyGap : 0);
        float kx = (W - rowW) * 0.5f;
        for (const auto& k : keys)
        {
            const Rect key{ImVec2(kx, ky), ImVec2(kx + keyW, ky + keyH)};
            if (bigButton(c, "key." + k, key, k, c.th->surface, c.th->text))
                c.emit(IntentKind::TypeText, 0, k);
            kx += keyW + keyGap;
        }
        if (r == 3)
        {
            const Rect back{ImVec2(kx, ky), ImVec2(kx + keyW * 2 + keyGap, ky + keyH)};
            if (bigButton(c, "key.backspace", back, "", c.th->chip, c.th->text, Icon::Backspace))
                c.emit(IntentKind::Backspace);
        }
        ky += keyH + keyGap;
    }
    {
        const float bw = std::min(W - 2 * L.margin, keyW * 11 + keyGap * 10);
        const float x0 = (W - bw) * 0.5f;
        const float spaceW = bw * 0.5f, clearW = bw * 0.2f, okW = bw - spaceW - clearW - 2 * keyGap;
        if (bigButton(c, "key.space", Rect{ImVec2(x0, ky), ImVec2(x0 + spaceW, ky + keyH)}, c.t("search.space"), c.th->surface, c.th->text))
            c.emit(IntentKind::TypeText, 0, " ");
        if (bigButton(c, "key.clear", Rect{ImVec2(x0 + spaceW + keyGap, ky), ImVec2(x0 + spaceW + keyGap + clearW, ky + keyH)},
                      c.t("search.clear"), c.th->chip, c.th->text))
            c.emit(IntentKind::ClearText);
        const std::string ok = c.tr->format("results.count", {{"n", std::to_string(result.total)}});
        if (bigButton(c, "key.ok", Rect{ImVec2(x0 + bw - okW, ky), ImVec2(x0 + bw, ky + keyH)}, ok, c.th->accent, c.th->textOnAccent,
                      Icon::Search, result.total > 0 && !text.empty()))
            c.emit(IntentKind::ShowResults);
    }

    // Results as you type, between the field and the keyboard.
    const float listBottom = H - L.margin - navH - kbH - L.gap;
    if (text.empty())
        return;
    if (result.items.empty())
    {
        drawText(c.dl, c.fonts->bold, f, ImVec2(L.margin, y), c.th->text, c.t("results.nothing"));
        return;
    }
    const float rowH = std::max(L.touchMin, f * 2.6f);
    for (std::size_t i = 0; i < result.items.size() && y + rowH <= listBottom; ++i)
    {
        const catalog::Offer& o = c.catalog->offers[result.items[i].offer];
        const Rect row{ImVec2(L.margin, y), ImVec2(W - L.margin, y + rowH)};
        c.hits->add("result." + std::string(o.id), row);
        const bool pressed = c.touch->pressing(row);
        c.dl->AddRectFilled(row.min, row.max, pressed ? c.th->surfacePressed : c.th->surface, f * 0.3f);
        const std::string subject = o.subjects.empty() ? "" : std::string(o.subjects.front());
        c.dl->AddRectFilled(row.min, ImVec2(row.min.x + f * 0.35f, row.max.y), subjectColor(subject, c.highContrast), f * 0.3f,
                            ImDrawFlags_RoundCornersLeft);
        drawText(c.dl, c.fonts->bold, f * 0.9f, ImVec2(row.min.x + f * 0.9f, row.min.y + f * 0.25f), c.th->text,
                 ellipsize(c.fonts->bold, f * 0.9f, c.text(o.title), row.width() - f * 1.8f));
        const std::string when = formatWhen(c, result.items[i], o);
        drawText(c.dl, c.fonts->regular, f * 0.7f, ImVec2(row.min.x + f * 0.9f, row.min.y + f * 1.45f), c.th->textMuted, when);
        if (c.touch->tapped(row))
            c.emit(IntentKind::OpenOffer, 0, std::string(o.id));
        y += rowH + f * 0.3f;
    }
}

}  // namespace mint::ui
