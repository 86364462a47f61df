// ALSA and WAV output; see audio_out.hpp.
#include "audio_out.hpp"

#include <alsa/asoundlib.h>

#include <cstdio>
#include <vector>

namespace mint::speech
{

namespace
{

class AlsaOut final : public AudioOut
{
public:
    explicit AlsaOut(snd_pcm_t* pcm) : m_pcm(pcm) {}
    ~AlsaOut() override { snd_pcm_close(m_pcm); }

    bool write(const std::int16_t* samples, std::size_t count, std::string& error) override
    {
        while (count > 0)
        {
            snd_pcm_sframes_t n = snd_pcm_writei(m_pcm, samples, count);
            if (n < 0)
                n = snd_pcm_recover(m_pcm, static_cast<int>(n), 1);  // an underrun: go on
            if (n < 0)
            {
                error = std::string("ALSA: ") + snd_strerror(static_cast<int>(n));
                return false;
            }
            samples += n;
            count -= static_cast<std::size_t>(n);
        }
        return true;
    }
    void drain() override { snd_pcm_drain(m_pcm); }
    void drop() override { snd_pcm_drop(m_pcm); }

private:
    snd_pcm_t* m_pcm;
};

/// A WAV file, its header finished when closed (for the tests).
class WavOut final : public AudioOut
{
public:
    WavOut(std::FILE* f, int rate) : m_file(f), m_rate(rate) { header(0); }
    ~WavOut() override
    {
        std::fseek(m_file, 0, SEEK_SET);
        header(m_bytes);
        std::fclose(m_file);
    }
    bool write(const std::int16_t* samples, std::size_t count, std::string& error) override
    {
        if (std::fwrite(samples, sizeof(std::int16_t), count, m_file) != count)
        {
            error = "cannot write the WAV file";
            return false;
        }
        m_bytes += static_cast<std::uint32_t>(count * sizeof(std::int16_t));
        return true;
    }
    void drain() override { std::fflush(m_file); }
    void drop() override {}

private:
    void put32(std::uint32_t v)
    {
        const unsigned char b[4] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v >> 16),
                                    static_cast<unsigned char>(v >> 24)};
        std::fwrite(b, 1, 4, m_file);
    }
    void put16(std::uint16_t v)
    {
        const unsigned char b[2] = {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8)};
        std::fwrite(b, 1, 2, m_file);
    }
    void header(std::uint32_t dataBytes)
    {
        std::fwrite("RIFF", 1, 4, m_file);
        put32(36 + dataBytes);
        std::fwrite("WAVEfmt ", 1, 8, m_file);
        put32(16);
        put16(1);  // PCM
        put16(1);  // mono
        put32(static_cast<std::uint32_t>(m_rate));
        put32(static_cast<std::uint32_t>(m_rate) * 2);
        put16(2);
        put16(16);
        std::fwrite("data", 1, 4, m_file);
        put32(dataBytes);
    }

    std::FILE* m_file;
    int m_rate;
    std::uint32_t m_bytes = 0;
};

void quietAlsa(const char*, int, const char*, int, const char*, ...)
{
}

}  // namespace

std::unique_ptr<AudioOut> AudioOut::open(const std::string& device, int sampleRate, std::string& error)
{
    if (device.rfind("wav:", 0) == 0)
    {
        std::FILE* f = std::fopen(device.c_str() + 4, "wb");
        if (!f)
        {
            error = "cannot write " + device.substr(4);
            return nullptr;
        }
        return std::make_unique<WavOut>(f, sampleRate);
    }
    // ALSA's own messages go to stderr; ours say what matters, once.
    static const bool quiet = []
    {
        snd_lib_error_set_handler(quietAlsa);
        return true;
    }();
    (void)quiet;
    snd_pcm_t* pcm = nullptr;
    int e = snd_pcm_open(&pcm, device.c_str(), SND_PCM_STREAM_PLAYBACK, 0);
    if (e < 0)
    {
        error = "ALSA device \"" + device + "\": " + snd_strerror(e);
        return nullptr;
    }
    // Mono 16-bit, resampled by ALSA's plug layer where the card wants otherwise; 0.2 s latency.
    e = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, static_cast<unsigned>(sampleRate), 1, 200000);
    if (e < 0)
    {
        error = "ALSA device \"" + device + "\": " + snd_strerror(e);
        snd_pcm_close(pcm);
        return nullptr;
    }
    return std::make_unique<AlsaOut>(pcm);
}

}  // namespace mint::speech
