// The results screen: filter chips with counts (empty choices greyed), sort, and a grid
// (landscape) or list (portrait) of offer cards that scrolls with inertia.
#include "screens.hpp"
#include "widgets.hpp"

#include <algorithm>

namespace mint::ui {

namespace {

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

    // The chips: placed twice with "low reach" (measure, then draw above the bottom bar).
    auto chipsBlock = [&](float y0, bool dry) {
        ChipFlow flow{L.margin, L.margin, y0, W - L.margin, std::max(L.touchMin * 0.8f, f * 2.0f), L.gap * 0.6f};
        Rect cr;
        // Who: counts are the sum over the group's audiences (greyed when nothing is left).
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
        flow.newRow();
        for (const char* s : {"mathematik", "informatik", "naturwissenschaften", "technik"})
        {
            const auto id = c.catalog->subjectId(s);
            const int n = id && *id < r.subjectCounts.size() ? static_cast<int>(r.subjectCounts[*id]) : 0;
            const bool active = b.subject == s;
            const std::string label = c.t(std::string("subject.") + s);
            flow.place(chipWidth(c, label, n), cr);
            if (!dry && chip(c, std::string("filter.subject.") + s, cr, label, active, active || n > 0, n))
                c.emit(IntentKind::ChooseSubject, 0, active ? "" : s);
        }
        flow.newRow();
        auto countOf = [&](const std::string& id) {
            if (!v.chipCounts)
                return -1;
            auto it = v.chipCounts->find(id);
            return it == v.chipCounts->end() ? -1 : it->second;
        };
        struct When
        {
            const char* key;
            WhenChoice when;
        };
        for (const When w : {When{"filter.today", WhenChoice::Today}, When{"filter.weekend", WhenChoice::Weekend}, When{"filter.week", WhenChoice::Week}})
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
            const std::string sortLabel = c.t(b.sort == catalog::SortOrder::Distance ? "results.sort_distance" : "results.sort_next");
            flow.place(chipWidth(c, sortLabel), cr);
            if (!dry && chip(c, "results.sort", cr, sortLabel, true, true))
                c.emit(IntentKind::ToggleSort);
        }
        return flow.y + flow.height;
    };
    const float navH = c.lowReach ? navBarHeight(c) : 0.0f;
    float chipsTop = L.headerHeight + L.gap;
    if (c.lowReach)
    {
        const float blockH = chipsBlock(0, true);
        chipsTop = H - navH - L.gap - blockH;
    }
    const float chipsBottom = chipsBlock(chipsTop, false);
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
            static const char* names[] = {"filter.who", "filter.subject", "filter.age", "filter.when", "filter.free", "filter.distance", "filter.text"};
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
