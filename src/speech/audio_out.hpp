// Where speech is played: an ALSA device (libasound2: "default" is the headphone jack or
// HDMI audio a stele has; "null" plays into nothing), or "wav:PATH", a WAV file the tests
// read back. Blocking writes: the Speaker's worker calls them, never the UI thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace mint::speech
{

class AudioOut
{
public:
    virtual ~AudioOut() = default;
    /// Writes mono 16-bit samples; false with a reason.
    virtual bool write(const std::int16_t* samples, std::size_t count, std::string& error) = 0;
    /// Plays what is queued to the end / drops it at once.
    virtual void drain() = 0;
    virtual void drop() = 0;

    /// Opens `device` ("default", "plughw:1", "null", "wav:/tmp/out.wav") for mono 16-bit at
    /// `sampleRate`; null with the reason (no sound card, device busy, ...).
    static std::unique_ptr<AudioOut> open(const std::string& device, int sampleRate, std::string& error);
};

}  // namespace mint::speech
