// The read-aloud worker; see speaker.hpp.
#include "speaker.hpp"

#include "audio_out.hpp"
#include "synthesizer.hpp"
#include "util/log.hpp"

#include <algorithm>
#include <vector>

namespace mint::speech
{

Speaker::Speaker(Options options) : m_options(std::move(options)), m_volume(options.volume)
{
    setVolume(m_options.volume);
    m_thread = std::thread([this] { run(); });
}

Speaker::~Speaker()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_quit = true;
        m_pending.reset();
    }
    m_stopNow = true;
    m_cv.notify_all();
    m_thread.join();
}

std::string Speaker::problem() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_problem;
}

void Speaker::say(const std::string& text, const std::string& lang)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pending = Request{text, lang};
    }
    m_stopNow = true;  // what is playing ends; the worker takes the new one
    m_cv.notify_all();
}

void Speaker::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_pending.reset();
    }
    m_stopNow = true;
    m_cv.notify_all();
}

void Speaker::waitIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cv.wait(lock, [this] { return m_quit || (m_checked && !m_pending && !m_speaking); });
}

void Speaker::run()
{
    // espeak-ng belongs to this thread for the kiosk's life.
    Synthesizer synth;
    std::string error;
    bool ok = synth.ok();
    if (!ok)
        error = synth.problem();
    else if (!AudioOut::open(m_options.device, synth.sampleRate(), error))
        ok = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_problem = error;
        m_available = ok;
        m_checked = true;
    }
    if (ok)
        util::logInfo("speech", "read aloud on \"" + m_options.device + "\" (espeak-ng, " + std::to_string(synth.sampleRate()) + " Hz)");
    else
        util::logWarn("speech", error + " (read aloud is hidden)");
    m_cv.notify_all();
    if (m_options.onChange)
        m_options.onChange();

    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;)
    {
        m_cv.wait(lock, [this] { return m_quit || m_pending; });
        if (m_quit)
            return;
        const Request req = std::move(*m_pending);
        m_pending.reset();
        m_stopNow = false;
        m_speaking = true;
        lock.unlock();
        if (m_options.onChange)
            m_options.onChange();
        if (ok)
        {
            Audio audio;
            bool played = synth.synthesize(req.text, req.lang, audio, error, &m_stopNow, m_options.wordsPerMinute);
            if (!played)
                util::logWarn("speech", error);
            std::unique_ptr<AudioOut> out = played && !m_stopNow ? AudioOut::open(m_options.device, audio.sampleRate, error) : nullptr;
            if (played && !m_stopNow && !out)
            {
                util::logWarn("speech", error);
                played = false;
            }
            // Played in pieces of 0.1 s so a stop (or a newer request) ends it at once.
            const std::size_t chunk = static_cast<std::size_t>(std::max(1, audio.sampleRate / 10));
            std::vector<std::int16_t> scaled;
            for (std::size_t i = 0; out && i < audio.samples.size() && !m_stopNow; i += chunk)
            {
                const std::size_t n = std::min(chunk, audio.samples.size() - i);
                const int vol = m_volume;
                scaled.assign(audio.samples.begin() + static_cast<std::ptrdiff_t>(i),
                              audio.samples.begin() + static_cast<std::ptrdiff_t>(i + n));
                for (auto& s : scaled)
                    s = static_cast<std::int16_t>(s * vol / 100);
                if (!out->write(scaled.data(), n, error))
                {
                    util::logWarn("speech", error);
                    break;
                }
            }
            if (out)
            {
                if (m_stopNow)
                    out->drop();
                else
                {
                    out->drain();
                    ++m_finished;
                }
            }
        }
        lock.lock();
        m_speaking = false;
        m_cv.notify_all();
        if (m_options.onChange)
        {
            lock.unlock();
            m_options.onChange();
            lock.lock();
        }
    }
}

}  // namespace mint::speech
