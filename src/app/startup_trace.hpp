// Where start-up time goes: phases marked from main() to the first frame with content,
// logged once as "start-up: config 2 ms, catalogue 41 ms, ... (first frame N ms after main)".
// For staff (the journal) and bench/run_startup_bench.sh.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace mint::app
{

class StartupTrace
{
public:
    static StartupTrace& get()
    {
        static StartupTrace t;
        return t;
    }
    /// The phase that ends now (its time counts from the previous mark).
    void mark(const char* phase)
    {
        const double now = msSinceStart();
        m_phases.emplace_back(phase, now - m_last);
        m_last = now;
    }
    double msSinceStart() const { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count(); }
    std::string summary() const
    {
        std::string s;
        for (const auto& [name, ms] : m_phases)
            s += (s.empty() ? "" : ", ") + name + " " + std::to_string(static_cast<int>(ms + 0.5)) + " ms";
        return s + " (" + std::to_string(static_cast<int>(m_last + 0.5)) + " ms after main)";
    }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    double m_last = 0;
    std::vector<std::pair<std::string, double>> m_phases;
};

}  // namespace mint::app
