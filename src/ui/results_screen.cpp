// The results screen: one bar with "Filter" and the active choices (each removable, the
// search word too), and a grid (landscape) or list (portrait) of offer cards that scrolls
// with inertia. "Filter" opens a panel with every choice in labelled rows and counts.
#include "screens.hpp"
#include "widgets.hpp"

#include <algorithm>

namespace mint::ui
{

namespace
{

/// Lays chips out left to right, wrapping to new rows.
struct ChipFlow
{
    float x0, x, y, right, height, gap;
    bool place(float w, Rect& out)
    {
        if (x + w > right && x > x0)
        {
            x = x0;
            y += height + gap;
        }
        out = Rect{ImVec2(x, y), ImVec2(x + w, y + height)};
        x += w + gap;
        return true;
    }
    void newRow()
    {
        if (x > x0)
        {
            x = x0;
            y += height + gap;
        }
    }
};

/// A subject's label: its translation, else the feed's key with a capital letter.
std::string subjectLabel(const UiContext& c, std::string_view key)
{
    const std::string k = "subject." + std::string(key);
    if (c.tr->has(c.lang, k) || c.tr->has("de", k))
        return c.t(k);
    std::string label(key);
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z')
        label[0] = static_cast<char>(label[0] - 'a' + 'A');
    return label;
}

/// The filter panel: every choice in labelled rows, chips of a fixed size per label (a count
/// that changes never moves a chip), scrolling when it is taller than the screen.
void drawFilterPanel(const UiContext& c, const ResultsView& v, const Rect& area)
{
    const auto& L = c.layout;
    const float f = L.fontPx;
    const float W = static_cast<float>(L.width);
    const catalog::QueryResult& r = *v.result;
    const BrowseState& b = *v.browse;
    KineticScroller& s = *v.filterScroller;
    c.dl->AddRectFilled(area.min, area.max, c.th->background);
    c.hits->add("results.filter_panel", area);

    // The "show N offers" bar stays at the panel's foot (low reach: its top is at the foot too).
    const float barH = L.touchMin + L.gap * 2;
    const Rect body{area.min, ImVec2(area.max.x, area.max.y - barH)};
    handleScroll(c, s, body);
    auto countOf = [&](const std::string& id)
    {
        if (!v.chipCounts)
            return -1;
        auto it = v.chipCounts->find(id);
        return it == v.chipCounts->end() ? -1 : it->second;
    };
    const float chipH = L.touchMin;
    auto layout = [&](float y0, bool dry)
    {
        ChipFlow flow{L.margin, L.margin, y0, W - L.margin, chipH, L.gap * 0.6f};
        Rect cr;
        auto section = [&](const char* key)
        {
            flow.newRow();
            if (!dry)
                drawText(c.dl, c.fonts->bold, f * 0.9f, ImVec2(L.margin, flow.y + L.gap * 0.5f), c.th->text, c.t(key));
            flow.y += f * 1.5f + L.gap * 0.5f;
        };
        section("filter.who");
        struct Group
        {
            const char* key;
            VisitorGroup group;
        };
        const Group groups[] = {{"home.group.children_youth", VisitorGroup::ChildrenYouth},
                                {"home.group.parents_families", VisitorGroup::ParentsFamilies},
                                {"home.group.schools_teachers", VisitorGroup::SchoolsTeachers},
                                {"home.group.companies", VisitorGroup::Companies}};
        for (const auto& g : groups)
        {
            std::uint32_t n = 0;
            const std::uint32_t mask = audienceMaskFor(g.group);
            for (std::size_t a = 0; a < catalog::kAudienceCount; ++a)
                if (mask & (1u << a))
                    n += r.audienceCounts[a];
            const bool active = b.group == g.group;
            const std::string label = c.t(g.key);
            flow.place(chipWidth(c, label), cr);
            if (!dry && chip(c, std::string("filter.group.") + (g.key + 11), cr, label, active, active || n > 0))
                c.emit(IntentKind::ChooseGroup, active ? -1 : static_cast<int>(g.group));
        }
        section("filter.subject");
        // The broad subjects first, then the narrower ones the feed uses ("Robotik", "Physik").
        std::vector<std::string_view> keys = {"mathematik", "informatik", "naturwissenschaften", "technik"};
        for (std::string_view name : c.catalog->subjectNames)
            if (!catalog::broaderSubject(name).empty() && std::find(keys.begin(), keys.end(), name) == keys.end())
                keys.push_back(name);
        for (std::string_view key : keys)
        {
            const auto id = c.catalog->subjectId(key);
            const int n = id && *id < r.subjectCounts.size() ? static_cast<int>(r.subjectCounts[*id]) : 0;
            const bool active = b.subject == key;
            const std::string label = subjectLabel(c, key);
            flow.place(chipWidth(c, label, n), cr);
            if (!dry && chip(c, "filter.subject." + std::string(key), cr, label, active, active || n > 0, n))
                c.emit(IntentKind::ChooseSubject, 0, active ? "" : std::string(key));
        }
        section("filter.when");
        struct When
        {
            const char* key;
            WhenChoice when;
        };
        for (const When w :
             {When{"filter.today", WhenChoice::Today}, When{"filter.weekend", WhenChoice::Weekend}, When{"filter.week", WhenChoice::Week}})
        {
            const bool active = b.when == w.when;
            const std::string id = std::string("filter.when.") + (w.key + 7);
            const int n = countOf(id);
            flow.place(chipWidth(c, c.t(w.key), n), cr);
            if (!dry && chip(c, id, cr, c.t(w.key), active, active || n != 0, n))
                c.emit(IntentKind::ChooseWhen, static_cast<int>(active ? WhenChoice::Any : w.when));
        }
        {
            const int n = static_cast<int>(r.freeCount);
            flow.place(chipWidth(c, c.t("filter.free"), n), cr);
            if (!dry && chip(c, "filter.free", cr, c.t("filter.free"), b.freeOnly, b.freeOnly || n > 0, n))
                c.emit(IntentKind::ToggleFree);
        }
        section("filter.age");
        for (int age : {6, 8, 10, 12, 14, 16})
        {
            const bool active = b.age == age;
            const std::string label = c.tr->format("filter.age_value", {{"n", std::to_string(age)}});
            const std::string id = "filter.age." + std::to_string(age);
            const int n = countOf(id);
            flow.place(chipWidth(c, label, n), cr);
            if (!dry && chip(c, id, cr, label, active, active || n != 0, n))
                c.emit(IntentKind::ChooseAge, active ? -1 : age);
        }
        if (v.kioskHasLocation)
        {
            section("filter.distance");
            struct Dist
            {
                int km;
                DistanceChoice d;
            };
            for (const Dist d : {Dist{5, DistanceChoice::Km5}, Dist{15, DistanceChoice::Km15}, Dist{30, DistanceChoice::Km30}})
            {
                const bool active = b.distance == d.d;
                const std::string label = c.tr->format("filter.km", {{"n", std::to_string(d.km)}});
                const std::string id = "filter.distance." + std::to_string(d.km);
                const int n = countOf(id);
                flow.place(chipWidth(c, label, n), cr);
                if (!dry && chip(c, id, cr, label, active, active || n != 0, n))
                    c.emit(IntentKind::ChooseDistance, static_cast<int>(active ? DistanceChoice::Any : d.d));
            }
        }
        return flow.y + flow.height;
    };
    const float contentH = layout(0, true) + L.gap;
    s.setRange(std::max(0.0f, contentH - body.height()));
    // Low reach: a panel shorter than the screen sits at its foot.
    const float y0 = (c.lowReach && contentH < body.height() ? body.max.y - contentH : body.min.y) + L.gap * 0.5f - s.offset();
    c.dl->PushClipRect(body.min, body.max, true);
    layout(y0, false);
    c.dl->PopClipRect();
    drawScrollHint(c, s, body, contentH);

    // The foot: show the offers (closes the panel), clear every filter.
    const float by = area.max.y - barH + L.gap;
    const std::string show = r.total == 1 ? c.t("results.show_one") : c.tr->format("results.show_n", {{"n", std::to_string(r.total)}});
    const float showW = std::min(W - 2 * L.margin, textSize(c.fonts->bold, f * 1.05f, show).x + f * 3);
    if (bigButton(c, "results.filters_done", Rect{ImVec2(W - L.margin - showW, by), ImVec2(W - L.margin, by + L.touchMin)}, show,
                  c.th->accent, c.th->textOnAccent))
        c.emit(IntentKind::CloseFilters);
    if (b.anyFilter())
    {
        const std::string clear = c.t("results.clear_filters");
        const float clearW = std::min(W - 3 * L.margin - showW, textSize(c.fonts->bold, f * 1.05f, clear).x + f * 2);
        if (clearW > L.touchMin &&
            bigButton(c, "results.filters_clear", Rect{ImVec2(L.margin, by), ImVec2(L.margin + clearW, by + L.touchMin)}, clear,
                      c.th->surface, c.th->text))
            c.emit(IntentKind::ClearFilters);
    }
}

}  // namespace

void drawResults(const UiContext& c, const ResultsView& v)
{
    const auto& L = c.layout;
    const float W = static_cast<float>(L.width), H = static_cast<float>(L.height);
    const float f = L.fontPx;
    // The background is the clear colour (no full-screen fill: a software renderer pays for every pixel).
    const catalog::QueryResult& r = *v.result;
    const BrowseState& b = *v.browse;
    const std::string title = r.total == 1 ? c.t("results.count_one") : c.tr->format("results.count", {{"n", std::to_string(r.total)}});

    // One filter bar: "Filter" (opens the panel), each active choice as a chip that removes
    // it (the search word too), the sort order. Low reach: above the bottom navigation.
    const float navH = c.lowReach ? navBarHeight(c) : 0.0f;
    if (v.filtersOpen)
    {
        // The panel covers bar and cards: they are not drawn (nor tapped through it).
        drawFilterPanel(c, v, Rect{ImVec2(0, L.headerHeight), ImVec2(W, H - navH)});
        drawHeader(c, title, "", true, true);
        return;
    }
    auto filterBar = [&](float y0, bool dry)
    {
        ChipFlow flow{L.margin, L.margin, y0, W - L.margin, L.touchMin, L.gap * 0.6f};
        Rect cr;
        int active = 0;
        std::vector<std::pair<std::string, std::pair<std::string, IntentKind>>> chips;  // id, (label, intent)
        if (b.group)
        {
            static const char* keys[] = {"home.group.children_youth", "home.group.parents_families", "home.group.schools_teachers",
                                         "home.group.companies"};
            chips.push_back({"active.group", {c.t(keys[static_cast<int>(*b.group)]), IntentKind::ChooseGroup}});
        }
        if (!b.subject.empty())
            chips.push_back({"active.subject", {subjectLabel(c, b.subject), IntentKind::ChooseSubject}});
        if (b.when != WhenChoice::Any)
            chips.push_back({"active.when",
                             {c.t(b.when == WhenChoice::Today     ? "filter.today"
                                  : b.when == WhenChoice::Weekend ? "filter.weekend"
                                                                  : "filter.week"),
                              IntentKind::ChooseWhen}});
        if (b.freeOnly)
            chips.push_back({"active.free", {c.t("filter.free"), IntentKind::ToggleFree}});
        if (b.age)
            chips.push_back({"active.age", {c.tr->format("filter.age_value", {{"n", std::to_string(*b.age)}}), IntentKind::ChooseAge}});
        if (b.distance != DistanceChoice::Any)
        {
            const int km = b.distance == DistanceChoice::Km5 ? 5 : b.distance == DistanceChoice::Km15 ? 15 : 30;
            chips.push_back({"active.distance", {c.tr->format("filter.km", {{"n", std::to_string(km)}}), IntentKind::ChooseDistance}});
        }
        if (!b.text.empty())
            chips.push_back({"active.text", {"\xE2\x80\x9E" + b.text + "\xE2\x80\x9C", IntentKind::ClearText}});
        active = static_cast<int>(chips.size()) - (b.text.empty() ? 0 : 1);
        const std::string filterLabel =
            active ? c.tr->format("results.filters_n", {{"n", std::to_string(active)}}) : c.t("results.filters");
        const float fw = textSize(c.fonts->bold, f * 1.05f, filterLabel).x + f * 4.2f;
        flow.place(fw, cr);
        if (!dry && bigButton(c, "results.filters", cr, filterLabel, c.th->accent, c.th->textOnAccent, Icon::Filter))
            c.emit(IntentKind::OpenFilters);
        for (const auto& [id, what] : chips)
        {
            const std::string label = what.first + "  \xC3\x97";  // ×: tap to remove
            flow.place(chipWidth(c, label), cr);
            if (!dry && chip(c, id, cr, label, true, true))
            {
                const IntentKind k = what.second;
                if (k == IntentKind::ChooseGroup || k == IntentKind::ChooseAge)
                    c.emit(k, -1);
                else if (k == IntentKind::ChooseWhen)
                    c.emit(k, static_cast<int>(WhenChoice::Any));
                else if (k == IntentKind::ChooseDistance)
                    c.emit(k, static_cast<int>(DistanceChoice::Any));
                else
                    c.emit(k, 0, "");
            }
        }
        if (v.kioskHasLocation)
        {
            const std::string sortLabel = c.t(b.sort == catalog::SortOrder::Distance ? "results.sort_distance" : "results.sort_next");
            flow.place(chipWidth(c, sortLabel), cr);
            if (!dry && chip(c, "results.sort", cr, sortLabel, false, true))
                c.emit(IntentKind::ToggleSort);
        }
        return flow.y + flow.height;
    };
    float chipsTop = L.headerHeight + L.gap;
    if (c.lowReach)
        chipsTop = H - navH - L.gap - (filterBar(0, true) - 0);
    const float chipsBottom = filterBar(chipsTop, false);
    const float gridTop = c.lowReach ? L.headerHeight + L.gap * 0.5f : chipsBottom + L.gap;
    const float gridBottom = c.lowReach ? chipsTop - L.gap * 0.5f : H;

    // The grid, clipped, scrolled by the kinetic scroller; only visible rows are drawn.
    const Rect grid{ImVec2(0, gridTop), ImVec2(W, gridBottom)};
    KineticScroller& s = *v.scroller;
    s.setRange(gridContentHeight(L, static_cast<int>(r.items.size())) + L.margin - (gridBottom - gridTop));
    handleScroll(c, s, grid);
    const TouchInput& t = *c.touch;

    c.dl->PushClipRect(grid.min, grid.max, true);
    if (r.items.empty())
    {
        const std::string msg = c.t("results.nothing");
        const ImVec2 ms = textSize(c.fonts->bold, f * 1.3f, msg);
        drawText(c.dl, c.fonts->bold, f * 1.3f, ImVec2((W - ms.x) * 0.5f, gridTop + f * 2), c.th->text, msg);
        if (auto last = b.lastFilter())
        {
            static const char* names[] = {"filter.who",  "filter.subject",  "filter.age", "filter.when",
                                          "filter.free", "filter.distance", "filter.text"};
            const std::string label = c.tr->format("results.loosen", {{"filter", c.t(names[static_cast<int>(*last)])}});
            const float bw = std::min(W - 2 * L.margin, textSize(c.fonts->bold, f, label).x + f * 3);
            const Rect button{ImVec2((W - bw) * 0.5f, gridTop + f * 5), ImVec2((W + bw) * 0.5f, gridTop + f * 5 + L.touchMin)};
            if (bigButton(c, "results.loosen", button, label, c.th->accent, c.th->textOnAccent))
                c.emit(IntentKind::LoosenLast);
        }
    }
    const float rowH = L.cardHeight + L.gap;
    const int firstRow = std::max(0, static_cast<int>(s.offset() / rowH));
    const int lastRow = static_cast<int>((s.offset() + (gridBottom - gridTop)) / rowH) + 1;
    for (int row = firstRow; row <= lastRow; ++row)
        for (int col = 0; col < L.columns; ++col)
        {
            const std::size_t i = static_cast<std::size_t>(row * L.columns + col);
            if (i >= r.items.size())
                break;
            const catalog::ResultItem& item = r.items[i];
            const catalog::Offer& offer = c.catalog->offers[item.offer];
            const float x = L.margin + static_cast<float>(col) * (L.cardWidth + L.gap);
            const float y = gridTop + static_cast<float>(row) * rowH - s.offset();
            const Rect card{ImVec2(x, y), ImVec2(x + L.cardWidth, y + L.cardHeight)};
            if (offerCard(c, "card." + std::string(offer.id), card, offer, item, !s.moving()) && grid.contains(t.pos()))
                c.emit(IntentKind::OpenOffer, 0, std::string(offer.id));
        }
    c.dl->PopClipRect();
    drawScrollHint(c, s, grid, gridContentHeight(L, static_cast<int>(r.items.size())) + L.margin);
    drawHeader(c, title, "", true, true);
}

}  // namespace mint::ui
