// Touch input and hit registry; see touch.hpp.
#include "touch.hpp"

#include <cmath>

namespace mint::ui
{

void TouchInput::update(float slopPx, double nowS)
{
    const ImGuiIO& io = ImGui::GetIO();
    const bool down = io.MouseDown[0];
    m_pos = io.MousePos;
    m_pressed = down && !m_down;
    m_released = !down && m_down;
    m_consumed = false;
    if (m_pressed)
    {
        m_pressPos = m_pos;
        m_pressS = nowS;
        m_swipe = false;
    }
    m_long = (down || m_released) && nowS - m_pressS > kLongPressS;
    if (down && !m_swipe)
    {
        const float dx = m_pos.x - m_pressPos.x, dy = m_pos.y - m_pressPos.y;
        if (std::sqrt(dx * dx + dy * dy) > slopPx)
            m_swipe = true;
    }
    m_down = down;
}

bool TouchInput::tapped(const Rect& r) const
{
    return m_released && !m_swipe && !m_long && r.contains(m_pressPos) && r.contains(m_pos);
}

bool TouchInput::pressing(const Rect& r) const
{
    return m_down && !m_swipe && !m_long && r.contains(m_pressPos);
}

const Rect* HitRegistry::find(const std::string& id) const
{
    // "marker.*": the first target (in name order) starting with "marker." (scripts).
    if (!id.empty() && id.back() == '*')
    {
        const std::string prefix = id.substr(0, id.size() - 1);
        auto it = m_targets.lower_bound(prefix);
        return it != m_targets.end() && it->first.compare(0, prefix.size(), prefix) == 0 ? &it->second : nullptr;
    }
    auto it = m_targets.find(id);
    return it == m_targets.end() ? nullptr : &it->second;
}

}  // namespace mint::ui
