// Speech synthesis with espeak-ng (libespeak-ng-dev): text in a language's voice to 16-bit
// mono samples in memory. espeak-ng keeps global state, so one Synthesizer exists at a time
// and one thread uses it (the Speaker's worker; the tests).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace mint::speech
{

struct Audio
{
    int sampleRate = 0;
    std::vector<std::int16_t> samples;  ///< mono
    double seconds() const { return sampleRate ? static_cast<double>(samples.size()) / sampleRate : 0.0; }
};

class Synthesizer
{
public:
    /// Starts espeak-ng (its data from espeak-ng-data); `ok()` false with `problem()` when it
    /// cannot (no data installed).
    Synthesizer();
    ~Synthesizer();
    Synthesizer(const Synthesizer&) = delete;
    Synthesizer& operator=(const Synthesizer&) = delete;

    bool ok() const { return m_sampleRate > 0; }
    const std::string& problem() const { return m_problem; }
    int sampleRate() const { return m_sampleRate; }

    /// Whether espeak-ng has a voice for the language ("de", "en", "uk", "tr", ...).
    bool hasVoice(const std::string& lang);

    /// Speaks `text` (UTF-8) in the voice of `lang` at `wordsPerMinute`; samples go to
    /// `out` as they come. `stop` set from another thread ends it early. False with a reason.
    bool synthesize(const std::string& text, const std::string& lang, Audio& out, std::string& error,
                    const std::atomic<bool>* stop = nullptr, int wordsPerMinute = 150);

private:
    int m_sampleRate = 0;
    std::string m_problem;
};

}  // namespace mint::speech
