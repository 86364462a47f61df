// Touch input for one frame, from ImGui's pointer state: where the finger went down, where
// it is, whether it was lifted this frame, and whether it moved far enough to be a swipe
// (a swipe never triggers what is under the finger). Widgets ask tapped(rect) / pressed(rect).
// Also a registry of named hit targets, so scripted tests can tap "home.group.children_youth".
#pragma once

#include <imgui.h>

#include <map>
#include <string>

namespace mint::ui
{

struct Rect
{
    ImVec2 min;
    ImVec2 max;
    bool contains(ImVec2 p) const { return p.x >= min.x && p.y >= min.y && p.x < max.x && p.y < max.y; }
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
};

class TouchInput
{
public:
    /// A press held longer than this is a long press, never a tap (the admin corner's hold,
    /// a child resting a hand on the screen).
    static constexpr double kLongPressS = 1.0;

    /// Reads ImGui's pointer after NewFrame. `slopPx`: movement that makes a swipe; `nowS`:
    /// the frame's time (seconds).
    void update(float slopPx, double nowS);

    bool down() const { return m_down; }
    bool releasedThisFrame() const { return m_released; }
    bool pressedThisFrame() const { return m_pressed; }
    bool swiped() const { return m_swipe; }
    ImVec2 pressPos() const { return m_pressPos; }
    ImVec2 pos() const { return m_pos; }
    /// The finger went down and came up inside `r` without swiping, within kLongPressS: a tap.
    bool tapped(const Rect& r) const;
    /// The finger is down on `r` (for visible feedback).
    bool pressing(const Rect& r) const;
    /// A press consumed by a widget this frame (so the background does not also react).
    void consume() { m_consumed = true; }
    bool consumed() const { return m_consumed; }

private:
    bool m_down = false, m_released = false, m_pressed = false, m_swipe = false, m_consumed = false, m_long = false;
    double m_pressS = 0;
    ImVec2 m_pressPos{}, m_pos{};
};

class HitRegistry
{
public:
    void beginFrame()
    {
        m_targets.clear();
        m_clipped.clear();
    }
    /// `clipped`: only this visible part of a larger target (the rest is scrolled away).
    void add(const std::string& id, const Rect& r, bool clipped = false)
    {
        m_targets[id] = r;
        if (clipped)
            m_clipped[id] = true;
    }
    bool clipped(const std::string& id) const { return m_clipped.count(id) != 0; }
    /// A target by name; a name ending in '*' finds the first target with that prefix.
    const Rect* find(const std::string& id) const;
    const std::map<std::string, Rect>& all() const { return m_targets; }

private:
    std::map<std::string, Rect> m_targets;
    std::map<std::string, bool> m_clipped;
};

}  // namespace mint::ui
