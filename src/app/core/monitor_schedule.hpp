// When the monitor sends (heartbeats, the daily usage report): the first right after
// start-up, then every interval with jitter (a fleet that booted together does not knock on
// the server in step), and after a failure a backoff that starts at a minute and doubles up
// to the interval — never a tight loop. Pure logic, unit-tested under a virtual clock.
#pragma once

#include <cstdint>
#include <random>

namespace mint::app
{

class SendSchedule
{
public:
    /// Jitter: the interval varies by up to this share either way.
    static constexpr double kJitter = 0.2;
    /// The first retry after a failure; doubles per failure up to the interval.
    static constexpr double kFirstRetryS = 60.0;

    SendSchedule(double intervalS, std::uint64_t seed) : m_intervalS(intervalS), m_rng(seed) {}

    /// When to send next after an attempt at `nowS` that succeeded or failed.
    double after(double nowS, bool ok);
    int failures() const { return m_failures; }
    double intervalS() const { return m_intervalS; }

private:
    double m_intervalS;
    int m_failures = 0;
    std::mt19937_64 m_rng;
};

}  // namespace mint::app
