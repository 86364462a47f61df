// The home and attract screens.
#include "screens.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cmath>

namespace mint::ui
{

float navBarHeight(const UiContext& c)
{
    return c.layout.headerHeight;
}

float drawHeader(const UiContext& c, std::string_view title, std::string_view subtitle, bool backButton, bool homeButton)
{
    const auto& L = c.layout;
    const float h = L.headerHeight;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    c.dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, h), c.th->header);
    // "Low reach": the navigation buttons move to a bar at the bottom of the screen.
    const bool bottomNav = c.lowReach && (backButton || homeButton);
    const float barY = bottomNav ? H - navBarHeight(c) : 0;
    if (bottomNav)
        c.dl->AddRectFilled(ImVec2(0, barY), ImVec2(W, H), c.th->header);
    float x = L.margin;
    const float button = h - L.fontPx * 0.8f;
    const float by = barY + (h - button) * 0.5f;
    if (backButton)
    {
        if (bigButton(c, "nav.back", Rect{ImVec2(x, by), ImVec2(x + button * 2.6f, by + button)}, c.t("detail.back"), c.th->accent,
                      c.th->textOnAccent, Icon::Back))
            c.emit(IntentKind::Back);
        x += button * 2.6f + L.gap;
    }
    if (homeButton)
    {
        if (bigButton(c, "nav.home", Rect{ImVec2(x, by), ImVec2(x + button * 2.4f, by + button)}, c.t("detail.home"), c.th->accent,
                      c.th->textOnAccent, Icon::Home))
            c.emit(IntentKind::GoHome);
        x += button * 2.4f + L.gap;
    }
    if (bottomNav)
        x = L.margin;
    const float titleSize = L.fontPx * (subtitle.empty() ? 1.35f : 1.25f);
    const float maxW = W - x - L.margin;
    const float textH = titleSize * 1.2f + (subtitle.empty() ? 0 : L.fontPx * 0.75f * 1.25f);
    float y = (h - textH) * 0.5f;
    drawText(c.dl, c.fonts->bold, titleSize, ImVec2(x, y), c.th->headerText, ellipsize(c.fonts->bold, titleSize, title, maxW));
    if (!subtitle.empty())
        drawText(c.dl, c.fonts->regular, L.fontPx * 0.75f, ImVec2(x, y + titleSize * 1.2f), c.th->headerText,
                 ellipsize(c.fonts->regular, L.fontPx * 0.75f, subtitle, maxW));
    return h;
}

namespace
{

/// A compact card for home: picture (or subject colour) left, title and when beside it.
void soonCard(const UiContext& c, const Rect& r, const catalog::Offer& o, const catalog::ResultItem& item)
{
    const float f = c.font();
    const std::string id = "home.soon." + std::string(o.id);
    const Rect hit = c.hitTarget(id, r);
    const bool pressed = c.touch->pressing(hit);
    if (!c.highContrast)
        drawShadow(c.dl, r, f * 0.4f, c.th->shadow);
    c.dl->AddRectFilled(r.min, r.max, pressed ? c.th->surfacePressed : c.th->surface, f * 0.4f);
    if (c.highContrast)
        c.dl->AddRect(r.min, r.max, c.th->border, f * 0.4f, 0, 2.0f);
    const Rect pic{r.min, ImVec2(r.min.x + std::min(r.height() * 1.2f, r.width() * 0.4f), r.max.y)};
    const std::string subject = o.subjects.empty() ? "" : std::string(o.subjects.front());
    if (!drawPicture(c, o.images.empty() ? std::string() : std::string(o.images.front().url), pic, f * 0.4f, ImDrawFlags_RoundCornersLeft))
        c.dl->AddRectFilled(pic.min, pic.max, subjectColor(subject, c.highContrast), f * 0.4f, ImDrawFlags_RoundCornersLeft);
    const float x = pic.max.x + f * 0.5f, w = r.max.x - x - f * 0.4f;
    float y = r.min.y + f * 0.4f;
    const int titleLines = r.height() > f * 3.6f ? 2 : 1;
    y += drawWrapped(c.dl, c.fonts->bold, f * 0.8f, ImVec2(x, y), c.th->text, c.text(o.title), w, titleLines) + f * 0.15f;
    if (y + f * 0.75f <= r.max.y - f * 0.2f)
        drawText(c.dl, c.fonts->regular, f * 0.7f, ImVec2(x, y), c.th->textMuted,
                 ellipsize(c.fonts->regular, f * 0.7f, formatWhen(c, item, o), w));
    if (c.touch->tapped(hit))
    {
        c.emit(IntentKind::OpenOffer, 0, std::string(o.id));
        c.touch->consume();
    }
}

}  // namespace

void drawHome(const UiContext& c, const Accessibility& a11y, std::optional<std::size_t> offerCount,
              const std::vector<catalog::ResultItem>& soon)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    // The background is the clear colour (no full-screen fill: a software renderer pays for every pixel).
    const float top = drawHeader(c, c.t("app.title"), c.t("app.subtitle"), false, false);
    // Offer count in the header's right corner.
    if (offerCount)
    {
        const std::string n = c.tr->format("results.count", {{"n", std::to_string(*offerCount)}});
        const ImVec2 ts = textSize(c.fonts->bold, L.fontPx, n);
        drawText(c.dl, c.fonts->bold, L.fontPx, ImVec2(W - L.margin - ts.x, (L.headerHeight - ts.y) * 0.5f), c.th->headerText, n);
    }

    const float gap = L.gap;
    const float contentW = W - 2 * L.margin;
    constexpr int kQuick = 5;  // today, weekend, all, search, map
    // Portrait steles have height to spare: bigger buttons, fewer per row.
    const float big = std::max(L.touchMin * 1.5f, L.fontPx * (L.portrait ? 5.5f : 4.2f));
    const float small = std::max(L.touchMin, L.fontPx * (L.portrait ? 3.4f : 2.8f));
    const int groupCols = L.portrait ? 2 : 4;
    const int quickCols = L.portrait ? 3 : 5;
    const int toggleCols = L.portrait ? 2 : 4;
    const float groupRows = L.portrait ? 2.0f : 1.0f;
    const float quickRows = static_cast<float>((kQuick + quickCols - 1) / quickCols);
    const float toggleRows = static_cast<float>((4 + toggleCols - 1) / toggleCols);
    // Total height of the blocks below, to place them at the bottom with "low reach".
    const float blockH = 2 * L.fontPx * 1.6f + groupRows * (big + gap) + groupRows * (small + gap) + gap * 4 + quickRows * (small + gap) +
                         gap * 2 + toggleRows * (small + gap);
    // Something alive: the next offers of the week as cards, where the screen has room.
    // Portrait steles and low reach: the cards on top, the buttons at the bottom where hands
    // reach; landscape: the buttons first, the cards below them.
    const bool buttonsLow = a11y.lowReach || L.portrait;
    const float headingH = L.fontPx * 1.6f;
    const float leftover = H - top - L.margin - blockH - gap * 2.5f;
    const int cardCols = L.portrait ? 2 : (W > L.fontPx * 50 ? 4 : 3);
    const float cardH = std::max(L.touchMin, std::min(L.fontPx * 4.2f, leftover - headingH - gap));
    const int cardRows = soon.empty() || leftover - headingH < L.touchMin + gap
                             ? 0
                             : std::clamp(static_cast<int>((leftover - headingH + gap) / (cardH + gap)), 1, L.portrait ? 3 : 1);
    const int cards = std::min(static_cast<int>(soon.size()), cardRows * cardCols);
    auto drawSoon = [&](float y0)
    {
        drawText(c.dl, c.fonts->bold, L.fontPx * 1.1f, ImVec2(L.margin, y0), c.th->text, c.t("home.soon"));
        const float cw = (contentW - gap * static_cast<float>(cardCols - 1)) / static_cast<float>(cardCols);
        for (int i = 0; i < cards; ++i)
        {
            const float x = L.margin + static_cast<float>(i % cardCols) * (cw + gap);
            const float cy = y0 + headingH + static_cast<float>(i / cardCols) * (cardH + gap);
            const catalog::ResultItem& item = soon[static_cast<std::size_t>(i)];
            if (item.offer < c.catalog->offers.size())
                soonCard(c, Rect{ImVec2(x, cy), ImVec2(x + cw, cy + cardH)}, c.catalog->offers[item.offer], item);
        }
    };
    const float soonH = cards > 0 ? headingH + static_cast<float>((cards + cardCols - 1) / cardCols) * (cardH + gap) : 0.0f;
    if (cards > 0 && buttonsLow)
        drawSoon(top + gap);
    float y = buttonsLow ? std::max(top + gap + soonH, H - L.margin - blockH) : top + gap * 1.5f;
    if (cards > 0 && !buttonsLow)
        drawSoon(H - L.margin - soonH + gap);

    auto heading = [&](std::string_view text)
    {
        drawText(c.dl, c.fonts->bold, L.fontPx * 1.1f, ImVec2(L.margin, y), c.th->text, text);
        y += L.fontPx * 1.6f;
    };
    // "Who are you?"
    heading(c.t("home.who"));
    struct Group
    {
        const char* key;
        const char* id;
        Icon icon;
        VisitorGroup group;
    };
    const Group groups[] = {{"home.group.children_youth", "home.group.children_youth", Icon::Child, VisitorGroup::ChildrenYouth},
                            {"home.group.parents_families", "home.group.parents_families", Icon::Family, VisitorGroup::ParentsFamilies},
                            {"home.group.schools_teachers", "home.group.schools_teachers", Icon::School, VisitorGroup::SchoolsTeachers},
                            {"home.group.companies", "home.group.companies", Icon::Company, VisitorGroup::Companies}};
    const float gw = (contentW - gap * static_cast<float>(groupCols - 1)) / static_cast<float>(groupCols);
    for (int i = 0; i < 4; ++i)
    {
        const int col = i % groupCols, row = i / groupCols;
        const Rect r{ImVec2(L.margin + static_cast<float>(col) * (gw + gap), y + static_cast<float>(row) * (big + gap)),
                     ImVec2(L.margin + static_cast<float>(col) * (gw + gap) + gw, y + static_cast<float>(row) * (big + gap) + big)};
        if (bigButton(c, groups[i].id, r, c.t(groups[i].key), c.th->surface, c.th->accent, groups[i].icon))
            c.emit(IntentKind::ChooseGroup, static_cast<int>(groups[i].group));
    }
    y += groupRows * big + (groupRows - 1) * gap + gap * 2;

    // Subjects.
    heading(c.t("home.subjects"));
    const char* subjects[] = {"mathematik", "informatik", "naturwissenschaften", "technik"};
    for (int i = 0; i < 4; ++i)
    {
        const int col = i % groupCols, row = i / groupCols;
        const Rect r{ImVec2(L.margin + static_cast<float>(col) * (gw + gap), y + static_cast<float>(row) * (small + gap)),
                     ImVec2(L.margin + static_cast<float>(col) * (gw + gap) + gw, y + static_cast<float>(row) * (small + gap) + small)};
        if (bigButton(c, std::string("home.subject.") + subjects[i], r, c.t(std::string("subject.") + subjects[i]),
                      subjectColor(subjects[i], c.highContrast), subjectInkColor(subjects[i], c.highContrast)))
            c.emit(IntentKind::ChooseSubject, 0, subjects[i]);
    }
    y += groupRows * small + (groupRows - 1) * gap + gap * 2;

    // Today / weekend / all / search.
    struct Quick
    {
        const char* key;
        const char* id;
        Icon icon;
        IntentKind kind;
        int value;
    };
    const Quick quick[] = {{"home.today", "home.today", Icon::Calendar, IntentKind::ChooseWhen, static_cast<int>(WhenChoice::Today)},
                           {"home.weekend", "home.weekend", Icon::Weekend, IntentKind::ChooseWhen, static_cast<int>(WhenChoice::Weekend)},
                           {"home.all", "home.all", Icon::All, IntentKind::ShowResults, 0},
                           {"home.search", "home.search", Icon::Search, IntentKind::OpenSearch, 0},
                           {"home.map", "home.map", Icon::Map, IntentKind::OpenMap, 0}};

    const float qw = (contentW - gap * static_cast<float>(quickCols - 1)) / static_cast<float>(quickCols);
    for (int i = 0; i < kQuick; ++i)
    {
        const float x = L.margin + static_cast<float>(i % quickCols) * (qw + gap);
        const float qy = y + static_cast<float>(i / quickCols) * (small + gap);
        if (bigButton(c, quick[i].id, Rect{ImVec2(x, qy), ImVec2(x + qw, qy + small)}, c.t(quick[i].key), c.th->accent, c.th->textOnAccent,
                      quick[i].icon))
            c.emit(quick[i].kind, quick[i].value);
    }
    y += quickRows * (small + gap) + gap * 2;

    // Accessibility toggles and the language switch.
    struct Toggle
    {
        const char* key;
        const char* id;
        Icon icon;
        IntentKind kind;
        bool on;
    };
    const Toggle toggles[] = {
        {"a11y.larger_text", "home.a11y.larger_text", Icon::Text, IntentKind::ToggleLargeText, a11y.largeText},
        {"a11y.high_contrast", "home.a11y.high_contrast", Icon::Contrast, IntentKind::ToggleContrast, a11y.highContrast},
        {"a11y.low_reach", "home.a11y.low_reach", Icon::Reach, IntentKind::ToggleLowReach, a11y.lowReach},
        {"language.switch", "home.language", Icon::Language, IntentKind::ToggleLanguage, false}};
    const float tw = (contentW - gap * static_cast<float>(toggleCols - 1)) / static_cast<float>(toggleCols);
    for (int i = 0; i < 4; ++i)
    {
        const float x = L.margin + static_cast<float>(i % toggleCols) * (tw + gap);
        const float ty = y + static_cast<float>(i / toggleCols) * (small + gap);
        const Rect r{ImVec2(x, ty), ImVec2(x + tw, ty + small)};
        if (bigButton(c, toggles[i].id, r, c.t(toggles[i].key), toggles[i].on ? c.th->accent : c.th->surface,
                      toggles[i].on ? c.th->textOnAccent : c.th->text, toggles[i].icon))
            c.emit(toggles[i].kind);
        if (toggles[i].on)
        {
            // A switched-on toggle carries a tick, so it never looks like an action button
            // (in high contrast both are yellow).
            const float rr = L.fontPx * 0.45f;
            const ImVec2 at(r.max.x - rr - L.fontPx * 0.3f, r.min.y + rr + L.fontPx * 0.3f);
            c.dl->AddCircleFilled(at, rr, c.th->textOnAccent, 16);
            c.dl->AddLine(ImVec2(at.x - rr * 0.5f, at.y), ImVec2(at.x - rr * 0.1f, at.y + rr * 0.4f), c.th->accent, rr * 0.28f);
            c.dl->AddLine(ImVec2(at.x - rr * 0.1f, at.y + rr * 0.4f), ImVec2(at.x + rr * 0.55f, at.y - rr * 0.45f), c.th->accent,
                          rr * 0.28f);
        }
    }
}

void drawAttract(const UiContext& c, const catalog::Offer* featured, const catalog::Story* story, const std::string& dataDate,
                 const std::vector<const catalog::Offer*>& more)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    c.dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), c.th->header);
    c.hits->add("attract", Rect{ImVec2(0, 0), ImVec2(W, H)});
    const float f = L.fontPx;
    drawText(c.dl, c.fonts->bold, f * 2.0f, ImVec2(L.margin * 1.5f, L.margin * 1.2f), c.th->headerText,
             ellipsize(c.fonts->bold, f * 2.0f, c.t("app.title"), W - L.margin * 3));
    drawText(c.dl, c.fonts->regular, f * 1.0f, ImVec2(L.margin * 1.5f, L.margin * 1.2f + f * 2.5f), c.th->headerText, c.t("app.subtitle"));

    // The featured offer (or story) as a big picture card.
    const float top = L.margin * 1.2f + f * 4.5f;
    const float cardW = L.portrait ? W - 3 * L.margin : W * 0.62f;
    // Portrait steles: a taller card fills the screen instead of leaving half of it empty.
    const float cardH = std::min(H - top - f * 8.0f, cardW * (L.portrait ? 1.0f : 0.75f));
    const Rect card{ImVec2((W - cardW) * 0.5f, top), ImVec2((W + cardW) * 0.5f, top + cardH)};
    c.dl->AddRectFilled(card.min, card.max, c.th->surface, f * 0.6f);
    const catalog::Image* img = nullptr;
    std::string title, caption;
    if (story && !story->images.empty())
    {
        img = &story->images.front();
        title = std::string(c.text(story->title));
        caption = std::string(c.text(story->text));
    }
    else if (featured)
    {
        if (!featured->images.empty())
            img = &featured->images.front();
        title = std::string(c.text(featured->title));
        caption = std::string(c.text(featured->summary));
    }
    const Rect pic{card.min, ImVec2(card.max.x, card.max.y - f * 4.2f)};
    if (!drawPicture(c, img ? std::string(img->url) : std::string(), pic, f * 0.6f, ImDrawFlags_RoundCornersTop))
        c.dl->AddRectFilled(pic.min, pic.max, c.th->accent, f * 0.6f, ImDrawFlags_RoundCornersTop);
    if (story)
    {
        const std::string label = c.t("attract.story");
        const ImVec2 ls = textSize(c.fonts->bold, f * 0.8f, label);
        c.dl->AddRectFilled(ImVec2(pic.min.x + f * 0.6f, pic.min.y + f * 0.6f),
                            ImVec2(pic.min.x + f * 1.4f + ls.x, pic.min.y + f * 1.0f + ls.y), c.th->warning, f * 0.3f);
        drawText(c.dl, c.fonts->bold, f * 0.8f, ImVec2(pic.min.x + f, pic.min.y + f * 0.8f), c.th->textOnWarning, label);
    }
    drawText(c.dl, c.fonts->bold, f * 1.2f, ImVec2(card.min.x + f * 0.8f, pic.max.y + f * 0.6f), c.th->text,
             ellipsize(c.fonts->bold, f * 1.2f, title, cardW - f * 1.6f));
    drawText(c.dl, c.fonts->regular, f * 0.85f, ImVec2(card.min.x + f * 0.8f, pic.max.y + f * 2.2f), c.th->textMuted,
             ellipsize(c.fonts->regular, f * 0.85f, caption, cardW - f * 1.6f));

    // The one clear call, pulsing gently (redrawn once a second at most).
    const std::string call = c.t("attract.touch");
    const float cs = f * 1.5f;
    const ImVec2 ts = textSize(c.fonts->bold, cs, call);
    const Rect pill{ImVec2((W - ts.x) * 0.5f - f * 1.5f, H - f * 5.2f),
                    ImVec2((W + ts.x) * 0.5f + f * 1.5f, H - f * 5.2f + ts.y + f * 1.4f)};

    // Portrait steles have room under the big card: two more offers, smaller.
    const float freeTop = card.max.y + f * 1.2f, freeBottom = pill.min.y - f * 1.2f;
    if (L.portrait && !more.empty() && freeBottom - freeTop >= f * 7.5f)
    {
        drawText(c.dl, c.fonts->bold, f * 1.0f, ImVec2(card.min.x, freeTop), c.th->headerText, c.t("attract.more"));
        const float top2 = freeTop + f * 1.8f;
        const float h2 = std::min(freeBottom - top2, f * 9.0f);
        const std::size_t n = std::min<std::size_t>(2, more.size());
        const float gap = L.gap;
        const float w2 = (cardW - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
        for (std::size_t i = 0; i < n; ++i)
        {
            const catalog::Offer& o = *more[i];
            const float x = card.min.x + static_cast<float>(i) * (w2 + gap);
            const Rect mini{ImVec2(x, top2), ImVec2(x + w2, top2 + h2)};
            const Rect mpic{mini.min, ImVec2(mini.max.x, mini.max.y - f * 3.0f)};
            c.dl->AddRectFilled(ImVec2(mini.min.x, mpic.max.y), mini.max, c.th->surface, f * 0.5f, ImDrawFlags_RoundCornersBottom);
            const std::string subject = o.subjects.empty() ? "" : std::string(o.subjects.front());
            if (!drawPicture(c, o.images.empty() ? std::string() : std::string(o.images.front().url), mpic, f * 0.5f,
                             ImDrawFlags_RoundCornersTop))
                c.dl->AddRectFilled(mpic.min, mpic.max, subjectColor(subject, c.highContrast), f * 0.5f, ImDrawFlags_RoundCornersTop);
            drawWrapped(c.dl, c.fonts->bold, f * 0.85f, ImVec2(mini.min.x + f * 0.6f, mpic.max.y + f * 0.4f), c.th->text, c.text(o.title),
                        w2 - f * 1.2f, 2);
        }
    }

    c.dl->AddRectFilled(pill.min, pill.max, c.th->warning, pill.height() * 0.5f);
    drawText(c.dl, c.fonts->bold, cs, ImVec2(pill.min.x + f * 1.5f, pill.min.y + f * 0.7f), c.th->textOnWarning, call);
    const std::string date = c.tr->format("attract.data_date", {{"date", dataDate}});
    const ImVec2 ds = textSize(c.fonts->regular, f * 0.8f, date);
    drawText(c.dl, c.fonts->regular, f * 0.8f, ImVec2(W - ds.x - L.margin, H - ds.y - L.margin * 0.6f), c.th->headerText, date);
    if (c.touch->tapped(Rect{ImVec2(0, 0), ImVec2(W, H)}))
        c.emit(IntentKind::Start);
}

void drawLoading(const UiContext& c, const std::string& nextTry)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    c.dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), c.th->header);
    const float f = L.fontPx;
    const std::string msg = c.t("status.loading");
    const ImVec2 ms = textSize(c.fonts->bold, f * 1.6f, msg);
    drawText(c.dl, c.fonts->bold, f * 1.6f, ImVec2((W - ms.x) * 0.5f, H * 0.42f), c.th->headerText, msg);
    // A calm spinner of three dots (the loop redraws it a few times a second).
    const int phase = static_cast<int>(c.nowS * 2.0) % 3;
    for (int i = 0; i < 3; ++i)
        c.dl->AddCircleFilled(ImVec2(W * 0.5f + (static_cast<float>(i) - 1) * f * 1.2f, H * 0.42f + f * 3.2f), f * 0.35f,
                              i == phase ? c.th->warning : c.th->chip, 20);
    if (!nextTry.empty())
    {
        const std::string t = c.tr->format("status.next_try", {{"time", nextTry}});
        const ImVec2 ts = textSize(c.fonts->regular, f, t);
        drawText(c.dl, c.fonts->regular, f, ImVec2((W - ts.x) * 0.5f, H * 0.42f + f * 5.0f), c.th->headerText, t);
    }
}

void drawIdleOverlay(const UiContext& c, double secondsLeft)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    const float f = L.fontPx;
    c.dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), c.th->overlay);
    const float bw = std::min(W - 2 * L.margin, f * 22), bh = f * 11;
    const Rect box{ImVec2((W - bw) * 0.5f, (H - bh) * 0.5f), ImVec2((W + bw) * 0.5f, (H + bh) * 0.5f)};
    c.dl->AddRectFilled(box.min, box.max, c.th->surface, f * 0.6f);
    const std::string q = c.t("idle.question");
    const ImVec2 qs = textSize(c.fonts->bold, f * 1.4f, q);
    drawText(c.dl, c.fonts->bold, f * 1.4f, ImVec2(box.center().x - qs.x * 0.5f, box.min.y + f), c.th->text, q);
    const std::string n = c.tr->format("idle.countdown", {{"n", std::to_string(static_cast<int>(std::ceil(secondsLeft)))}});
    const ImVec2 ns = textSize(c.fonts->regular, f, n);
    drawText(c.dl, c.fonts->regular, f, ImVec2(box.center().x - ns.x * 0.5f, box.min.y + f * 3.0f), c.th->textMuted, n);
    const Rect button{ImVec2(box.min.x + f, box.max.y - f - L.touchMin * 1.2f), ImVec2(box.max.x - f, box.max.y - f)};
    if (bigButton(c, "idle.still_here", button, c.t("idle.still_here"), c.th->accent, c.th->textOnAccent))
        c.emit(IntentKind::StillHere);
    c.touch->consume();  // the overlay takes every touch
}

void drawStaleNotice(const UiContext& c, const std::string& dataDate)
{
    const auto& L = c.layout;
    const float f = L.fontPx * 0.7f;
    const std::string t = c.tr->format("status.stale", {{"date", dataDate}});
    const ImVec2 ts = textSize(c.fonts->regular, f, t);
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    c.dl->AddRectFilled(ImVec2(W - ts.x - f * 2, H - ts.y - f), ImVec2(W, H), c.th->warning, f * 0.4f, ImDrawFlags_RoundCornersTopLeft);
    drawText(c.dl, c.fonts->regular, f, ImVec2(W - ts.x - f, H - ts.y - f * 0.5f), c.th->textOnWarning, t);
}

}  // namespace mint::ui
