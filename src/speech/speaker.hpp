// Read aloud: the kiosk's speech on its own worker thread. The UI thread only asks (say,
// stop, volume) and never waits: synthesis (espeak-ng) and playback (ALSA) happen on the
// worker, the newest request replaces the one playing. At start the worker checks that
// espeak-ng and the audio device work; if not, `available()` stays false (logged once) and
// the kiosk hides its read-aloud buttons.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace mint::speech
{

class Speaker
{
public:
    struct Options
    {
        std::string device = "default";  ///< ALSA device, or "wav:PATH" (tests)
        int volume = 80;                 ///< 0-100
        int wordsPerMinute = 150;        ///< a little slower than espeak-ng's default 175, for children
        std::function<void()> onChange;  ///< (worker thread) availability or speaking changed: wake the UI
    };
    explicit Speaker(Options options);
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    /// The start-up check is done (available or not).
    bool checked() const { return m_checked; }
    bool available() const { return m_available; }
    std::string problem() const;

    /// Speaks `text` in `lang`'s voice, stopping what is being said. Returns at once.
    void say(const std::string& text, const std::string& lang);
    /// Stops at once (idle reset, leaving the page).
    void stop();
    bool speaking() const { return m_speaking; }
    void setVolume(int volume) { m_volume = volume < 0 ? 0 : volume > 100 ? 100 : volume; }
    int volume() const { return m_volume; }
    /// Utterances played to their end (tests).
    std::uint64_t finished() const { return m_finished; }
    /// Blocks until nothing is pending or playing (tests and scripts).
    void waitIdle();

private:
    void run();

    Options m_options;
    std::atomic<bool> m_checked{false}, m_available{false}, m_speaking{false}, m_stopNow{false};
    std::atomic<int> m_volume;
    std::atomic<std::uint64_t> m_finished{0};
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    struct Request
    {
        std::string text, lang;
    };
    std::optional<Request> m_pending;
    bool m_quit = false;
    std::string m_problem;
    std::thread m_thread;
};

}  // namespace mint::speech
