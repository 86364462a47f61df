// Send times with jitter and backoff; see monitor_schedule.hpp.
#include "monitor_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace mint::app
{

double SendSchedule::after(double nowS, bool ok)
{
    std::uniform_real_distribution<double> jitter(1.0 - kJitter, 1.0 + kJitter);
    if (ok)
    {
        m_failures = 0;
        return nowS + m_intervalS * jitter(m_rng);
    }
    ++m_failures;
    const double backoff = std::min(m_intervalS, kFirstRetryS * std::pow(2.0, std::min(m_failures - 1, 20)));
    // Never sooner than the first retry's lower bound: a failing server is not hammered.
    return nowS + std::max(kFirstRetryS * (1.0 - kJitter), backoff * jitter(m_rng));
}

}  // namespace mint::app
