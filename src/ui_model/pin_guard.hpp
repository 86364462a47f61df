// Rate limiting for the admin PIN: after 3 wrong PINs in a row the keypad locks for
// 30 s, doubling with every further wrong PIN (at most 1 h). A right PIN resets it.
#pragma once

#include <algorithm>
#include <cmath>

namespace mint::ui
{

class PinGuard
{
public:
    bool locked(double nowS) const { return nowS < m_lockedUntilS; }
    double secondsLeft(double nowS) const { return std::max(0.0, m_lockedUntilS - nowS); }
    /// Whole seconds to show: 30 right after a 30 s lock starts (rounding noise of the
    /// frame clock never makes it 31), 1 in its last second.
    int secondsShown(double nowS) const { return static_cast<int>(std::ceil(secondsLeft(nowS) - 1e-3)); }
    void failed(double nowS)
    {
        ++m_failures;
        if (m_failures >= 3)
            m_lockedUntilS = nowS + std::min(3600.0, 30.0 * static_cast<double>(1 << std::min(m_failures - 3, 7)));
    }
    void succeeded()
    {
        m_failures = 0;
        m_lockedUntilS = 0;
    }
    int failures() const { return m_failures; }

private:
    int m_failures = 0;
    double m_lockedUntilS = 0;
};

}  // namespace mint::ui
