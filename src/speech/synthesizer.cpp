// espeak-ng to memory; see synthesizer.hpp.
#include "synthesizer.hpp"

#include <espeak-ng/speak_lib.h>

#include <mutex>

namespace mint::speech
{

namespace
{

struct Collect
{
    Audio* out = nullptr;
    const std::atomic<bool>* stop = nullptr;
};

int onSamples(short* wav, int count, espeak_EVENT* events)
{
    // espeak-ng hands over the samples in chunks; the user data of the first event is ours.
    Collect* c = events ? static_cast<Collect*>(events->user_data) : nullptr;
    if (!c)
        return 0;
    if (c->stop && c->stop->load())
        return 1;  // abort
    if (wav && count > 0)
        c->out->samples.insert(c->out->samples.end(), wav, wav + count);
    return 0;
}

std::mutex& instanceMutex()
{
    static std::mutex m;
    return m;
}

}  // namespace

Synthesizer::Synthesizer()
{
    instanceMutex().lock();  // espeak-ng is one global engine: one Synthesizer at a time
    // Started once per process and never terminated: espeak-ng 1.51's espeak_Terminate can
    // hang waiting for its own internal thread after a second start (found by the tests).
    static const int rate = [] { return espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, 0); }();
    m_sampleRate = rate;
    if (m_sampleRate <= 0)
    {
        m_sampleRate = 0;
        m_problem = "espeak-ng could not start (is espeak-ng-data installed?)";
        return;
    }
    espeak_SetSynthCallback(onSamples);
}

Synthesizer::~Synthesizer()
{
    instanceMutex().unlock();
}

bool Synthesizer::hasVoice(const std::string& lang)
{
    return ok() && espeak_SetVoiceByName(lang.c_str()) == EE_OK;
}

bool Synthesizer::synthesize(const std::string& text, const std::string& lang, Audio& out, std::string& error,
                             const std::atomic<bool>* stop, int wordsPerMinute)
{
    if (!ok())
    {
        error = m_problem;
        return false;
    }
    if (espeak_SetVoiceByName(lang.c_str()) != EE_OK)
    {
        error = "espeak-ng has no voice for \"" + lang + "\"";
        return false;
    }
    espeak_SetParameter(espeakRATE, wordsPerMinute, 0);
    out.sampleRate = m_sampleRate;
    out.samples.clear();
    Collect c{&out, stop};
    const espeak_ERROR e = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, &c);
    if (e != EE_OK)
    {
        error = "espeak-ng could not speak the text (error " + std::to_string(static_cast<int>(e)) + ")";
        return false;
    }
    return true;
}

}  // namespace mint::speech
