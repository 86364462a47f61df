// Kiosk configuration loading and validation; see kiosk_config.hpp.
#include "kiosk_config.hpp"

#include "trust/minisign.hpp"
#include "util/fs_util.hpp"
#include "util/json_text.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <sstream>

namespace mint::config
{

namespace
{

using Json = nlohmann::json;

constexpr std::size_t kMaxConfigBytes = 1u << 20;  ///< a real config is a few KB
constexpr int kMaxConfigDepth = 16;                ///< ours needs 4
constexpr long kMaxPinIterations = 1000000;        ///< 10x the default; more would stall every start
namespace fs = std::filesystem;

/// Thrown inside this file only; loadConfig turns it into one error line.
struct ConfigError
{
    std::string key;
    std::string message;
};

/// The JSON reader's guards for a config: nesting depth bounded (a deep document would
/// exhaust the stack when it is printed or walked) and a key given twice in one object
/// refused (with nlohmann the last one would win silently).
Json::parser_callback_t strictParser()
{
    auto keys = std::make_shared<std::vector<std::set<std::string>>>();  // one set per open object
    return [keys](int depth, Json::parse_event_t event, Json& parsed)
    {
        using E = Json::parse_event_t;
        if ((event == E::object_start || event == E::array_start) && depth >= kMaxConfigDepth)
            throw ConfigError{"(document)", "nested deeper than " + std::to_string(kMaxConfigDepth) + " levels"};
        if (event == E::object_start)
            keys->emplace_back();
        else if (event == E::object_end && !keys->empty())
            keys->pop_back();
        else if (event == E::key && !keys->empty())
        {
            const std::string key = parsed.get<std::string>();
            if (!keys->back().insert(key).second)
                throw ConfigError{util::validUtf8(key, 60), "given twice in the same object (remove one)"};
        }
        return true;
    };
}

std::string describe(const Json& v)
{
    std::string s = util::dumpJson(v);
    return s.size() > 40 ? s.substr(0, 40) + "..." : s;
}

/// Walks one object, checking every member is known and typed right.
class Section
{
public:
    Section(const Json& obj, std::string prefix) : m_obj(obj), m_prefix(std::move(prefix))
    {
        if (!m_obj.is_object())
            throw ConfigError{m_prefix.empty() ? "(top level)" : m_prefix, "expected an object, got " + describe(m_obj)};
    }

    /// Call after reading: every member not read is an unknown key. Keys that begin with
    /// "//" are comments (JSON has none; the installed example explains itself with them).
    void rejectUnknown() const
    {
        for (auto it = m_obj.begin(); it != m_obj.end(); ++it)
            if (!m_known.count(it.key()) && it.key().rfind("//", 0) != 0)
                throw ConfigError{key(it.key()), "unknown key (see docs/configuration.md)"};
    }

    std::string key(const std::string& name) const { return m_prefix.empty() ? name : m_prefix + "." + name; }

    const Json* find(const std::string& name)
    {
        m_known.insert(name);
        auto it = m_obj.find(name);
        return it == m_obj.end() ? nullptr : &*it;
    }

    void string(const std::string& name, std::string& out, bool required = false)
    {
        const Json* v = find(name);
        if (!v)
        {
            if (required)
                throw ConfigError{key(name), "is required"};
            return;
        }
        if (!v->is_string())
            throw ConfigError{key(name), "expected a string, got " + describe(*v)};
        out = v->get<std::string>();
        if (required && out.empty())
            throw ConfigError{key(name), "must not be empty"};
    }

    template <typename Int>
    void integer(const std::string& name, Int& out, long long min, long long max)
    {
        const Json* v = find(name);
        if (!v)
            return;
        if (!v->is_number_integer() || v->get<long long>() < min || v->get<long long>() > max)
            throw ConfigError{key(name), "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got " +
                                             describe(*v)};
        out = static_cast<Int>(v->get<long long>());
    }

    void number(const std::string& name, double& out, double min, double max)
    {
        const Json* v = find(name);
        if (!v)
            return;
        if (!v->is_number() || !(v->get<double>() >= min && v->get<double>() <= max))
        {
            std::ostringstream msg;
            msg << "expected a number from " << min << " to " << max << ", got " << describe(*v);
            throw ConfigError{key(name), msg.str()};
        }
        out = v->get<double>();
    }

    void boolean(const std::string& name, bool& out)
    {
        const Json* v = find(name);
        if (!v)
            return;
        if (!v->is_boolean())
            throw ConfigError{key(name), "expected true or false, got " + describe(*v)};
        out = v->get<bool>();
    }

    /// A nested object, or nullptr when absent.
    const Json* object(const std::string& name)
    {
        const Json* v = find(name);
        if (v && !v->is_object())
            throw ConfigError{key(name), "expected an object, got " + describe(*v)};
        return v;
    }

private:
    const Json& m_obj;
    std::string m_prefix;
    std::set<std::string> m_known;
};

std::string resolvePath(const std::string& p, const fs::path& base)
{
    if (p.empty())
        return p;
    fs::path path(p);
    if (path.is_relative())
        path = base / path;
    return path.lexically_normal().string();
}

std::string defaultCacheDir()
{
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
        return std::string(xdg) + "/mint-kiosk";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.cache/mint-kiosk";
    return "/var/cache/mint-kiosk";
}

bool isHex(const std::string& s)
{
    return !s.empty() && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void parseInto(KioskConfig& c, const Json& root, const fs::path& base)
{
    Section top(root, "");
    if (const Json* k = top.object("kiosk"))
    {
        Section s(*k, "kiosk");
        s.string("name", c.kiosk.name);
        if (const Json* loc = s.object("location"))
        {
            Section l(*loc, "kiosk.location");
            double lat = 0, lon = 0;
            if (!l.find("lat") || !l.find("lon"))
                throw ConfigError{"kiosk.location", "needs both lat and lon"};
            l.number("lat", lat, -90, 90);
            l.number("lon", lon, -180, 180);
            c.kiosk.lat = lat;
            c.kiosk.lon = lon;
            l.rejectUnknown();
        }
        if (const Json* langs = s.find("languages"))
        {
            static const std::set<std::string> supported{"de", "en"};
            if (!langs->is_array() || langs->empty())
                throw ConfigError{"kiosk.languages", "expected a list like [\"de\", \"en\"], got " + describe(*langs)};
            c.kiosk.languages.clear();
            for (const auto& l : *langs)
            {
                if (!l.is_string() || !supported.count(l.get<std::string>()))
                    throw ConfigError{"kiosk.languages", "supported languages are \"de\" and \"en\", got " + describe(l)};
                c.kiosk.languages.push_back(l.get<std::string>());
            }
        }
        s.integer("idle_timeout_s", c.kiosk.idleTimeoutS, 10, 3600);
        s.boolean("hide_cursor", c.kiosk.hideCursor);
        s.string("font", c.kiosk.font);
        s.string("font_bold", c.kiosk.fontBold);
        s.rejectUnknown();
        c.kiosk.font = resolvePath(c.kiosk.font, base);
        c.kiosk.fontBold = resolvePath(c.kiosk.fontBold, base);
    }
    if (const Json* f = top.object("feed"))
    {
        Section s(*f, "feed");
        s.string("url", c.feed.url, true);
        s.integer("sync_interval_min", c.feed.syncIntervalMin, 1, 1440);
        s.integer("max_bytes", c.feed.maxBytes, 1024, 1LL << 31);
        s.integer("timeout_s", c.feed.timeoutS, 5, 3600);
        s.integer("connect_timeout_s", c.feed.connectTimeoutS, 1, 300);
        s.integer("low_speed_limit_bytes_per_s", c.feed.lowSpeedLimitBytesPerS, 1, 1 << 30);
        s.integer("low_speed_time_s", c.feed.lowSpeedTimeS, 1, 3600);
        s.number("max_drop_share", c.feed.maxDropShare, 0.0, 1.0);
        s.integer("stale_after_h", c.feed.staleAfterH, 1, 24 * 365);
        s.string("user_agent_contact", c.feed.userAgentContact);
        s.integer("max_offers", c.feed.maxOffers, 1, 1000000);
        s.integer("max_string_bytes", c.feed.maxStringBytes, 256, 16 << 20);
        s.string("ca_file", c.feed.caFile);
        if (!c.feed.caFile.empty())
            c.feed.caFile = resolvePath(c.feed.caFile, base);
        if (const Json* keys = s.find("public_keys"))
        {
            if (!keys->is_array() || keys->empty() || keys->size() > 2)
                throw ConfigError{"feed.public_keys", "expected one or two minisign public keys [\"RW...\"], got " + describe(*keys)};
            for (std::size_t i = 0; i < keys->size(); ++i)
            {
                const Json& k = (*keys)[i];
                std::string error;
                if (!k.is_string() || !trust::parsePublicKey(k.get<std::string>(), error))
                    throw ConfigError{"feed.public_keys[" + std::to_string(i) + "]",
                                      "not a minisign public key line (the second line of the .pub file, RW...)"};
                c.feed.publicKeys.push_back(k.get<std::string>());
            }
        }
        s.rejectUnknown();
        const std::string& u = c.feed.url;
        if (util::startsWithNoCase(u, "https://") || util::startsWithNoCase(u, "http://"))
        {
            if (u.find_first_of(" \t\r\n\"<>\\") != std::string::npos)
                throw ConfigError{"feed.url", "contains characters not allowed in a URL"};
        }
        else if (util::startsWithNoCase(u, "file://"))
        {
            if (u.size() <= 7 || u[7] != '/')
                throw ConfigError{"feed.url", "a file:// URL needs an absolute path (file:///...); or give a plain path"};
        }
        else if (u.find("://") != std::string::npos)
            throw ConfigError{"feed.url", "only https://, http:// and file:// are supported, got \"" + u + "\""};
        else
            c.feed.url = "file://" + resolvePath(u, base);  // a plain path, relative to the config file
    }
    else
        throw ConfigError{"feed", "is required (at least feed.url)"};
    if (const Json* i = top.object("images"))
    {
        Section s(*i, "images");
        s.integer("parallel", c.images.parallel, 1, 16);
        s.integer("max_bytes", c.images.maxBytes, 1024, 256 << 20);
        s.integer("max_dimension", c.images.maxDimension, 16, 16384);
        s.integer("max_pixels", c.images.maxPixels, 65536, 64LL << 20);
        s.integer("revalidate_h", c.images.revalidateH, 0, 24 * 365);
        s.rejectUnknown();
    }
    if (const Json* ca = top.object("cache"))
    {
        Section s(*ca, "cache");
        s.string("dir", c.cache.dir);
        s.rejectUnknown();
    }
    c.cache.dir = c.cache.dir.empty() ? defaultCacheDir() : resolvePath(c.cache.dir, base);
    if (const Json* a = top.object("admin"))
    {
        Section s(*a, "admin");
        s.string("pin_hash", c.admin.pinHash);
        s.string("corner", c.admin.corner);
        s.integer("hold_s", c.admin.holdS, 2, 30);
        s.rejectUnknown();
        if (c.admin.corner != "top_left" && c.admin.corner != "top_right" && c.admin.corner != "bottom_left" &&
            c.admin.corner != "bottom_right")
            throw ConfigError{"admin.corner", "expected top_left, top_right, bottom_left or bottom_right, got \"" + c.admin.corner + "\""};
        if (!c.admin.pinHash.empty() && !isPinHash(c.admin.pinHash))
            throw ConfigError{"admin.pin_hash", "expected an Argon2id hash \"$argon2id$...\" (make one with "
                                                "echo PIN | mint-kiosk --hash-pin); a plain PIN is never stored"};
    }
    if (const Json* d = top.object("display"))
    {
        std::string key, message;
        if (!parseDisplaySection(*d, c.display, key, message))
            throw ConfigError{key, message};
    }
    if (const Json* sp = top.object("speech"))
    {
        Section s(*sp, "speech");
        s.boolean("enabled", c.speech.enabled);
        s.string("device", c.speech.device);
        s.integer("volume", c.speech.volume, 0, 100);
        s.rejectUnknown();
        if (c.speech.device.empty())
            throw ConfigError{"speech.device", "must not be empty (\"default\" is the system's sound output)"};
    }
    if (const Json* m = top.object("monitoring"))
    {
        Section s(*m, "monitoring");
        s.string("heartbeat_url", c.monitoring.heartbeatUrl);
        s.integer("interval_min", c.monitoring.intervalMin, 1, 1440);
        s.string("textfile_dir", c.monitoring.textfileDir);
        s.string("stats_url", c.monitoring.statsUrl);
        s.rejectUnknown();
        for (const auto& [key, url] : {std::pair<const char*, std::string*>{"monitoring.heartbeat_url", &c.monitoring.heartbeatUrl},
                                       {"monitoring.stats_url", &c.monitoring.statsUrl}})
            if (!url->empty() && !(util::startsWithNoCase(*url, "https://") || util::startsWithNoCase(*url, "http://")))
                throw ConfigError{key, "expected an https:// or http:// URL, got \"" + *url + "\""};
        if (!c.monitoring.textfileDir.empty())
            c.monitoring.textfileDir = resolvePath(c.monitoring.textfileDir, base);
    }
    if (const Json* m = top.object("map"))
    {
        Section s(*m, "map");
        s.string("mbtiles", c.map.mbtiles);
        s.string("tile_url", c.map.tileUrl);
        s.string("attribution", c.map.attribution);
        s.integer("cache_max_mb", c.map.cacheMaxMb, 1, 1 << 20);
        s.integer("min_zoom", c.map.minZoom, 0, 22);
        s.integer("max_zoom", c.map.maxZoom, 0, 22);
        s.string("package_url", c.map.packageUrl);
        s.string("package_sha256", c.map.packageSha256);
        s.rejectUnknown();
        c.map.mbtiles = resolvePath(c.map.mbtiles, base);
        if (c.map.minZoom > c.map.maxZoom)
            throw ConfigError{"map.min_zoom", "is above map.max_zoom"};
        if (!c.map.tileUrl.empty() &&
            (!(util::startsWithNoCase(c.map.tileUrl, "https://") || util::startsWithNoCase(c.map.tileUrl, "http://")) ||
             c.map.tileUrl.find("{z}") == std::string::npos || c.map.tileUrl.find("{x}") == std::string::npos ||
             c.map.tileUrl.find("{y}") == std::string::npos))
            throw ConfigError{"map.tile_url", "expected an http(s) template with {z}, {x} and {y}"};
        if (!c.map.tileUrl.empty() && c.map.attribution.empty())
            throw ConfigError{"map.attribution", "is required with map.tile_url (tile servers' licences ask for it on screen)"};
        if (!c.map.packageUrl.empty() || !c.map.packageSha256.empty())
        {
            if (c.map.packageUrl.empty() || c.map.packageSha256.empty())
                throw ConfigError{c.map.packageUrl.empty() ? "map.package_url" : "map.package_sha256", "goes together with the other one"};
            if (!(util::startsWithNoCase(c.map.packageUrl, "https://") || util::startsWithNoCase(c.map.packageUrl, "http://")))
                throw ConfigError{"map.package_url", "expected an http(s) URL"};
            if (c.map.packageSha256.size() != 64 || c.map.packageSha256.find_first_not_of("0123456789abcdef") != std::string::npos)
                throw ConfigError{"map.package_sha256", "expected 64 lower-case hex digits"};
            if (c.map.mbtiles.empty())
                throw ConfigError{"map.mbtiles", "is required with map.package_url (where the package goes)"};
        }
    }
    top.rejectUnknown();
}

}  // namespace

catalog::FeedLimits KioskConfig::feedLimits() const
{
    catalog::FeedLimits limits;
    limits.maxDocumentBytes = feed.maxBytes;
    limits.maxOffers = static_cast<std::size_t>(feed.maxOffers);
    limits.maxStringBytes = feed.maxStringBytes;
    return limits;
}

std::optional<KioskConfig> parseConfig(const std::string& text, const std::string& path, std::string& error)
{
    KioskConfig config;
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    config.path = absolute.string();
    if (text.size() > kMaxConfigBytes)
    {
        error =
            path + ": the config is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(kMaxConfigBytes);
        return std::nullopt;
    }
    Json root;
    try
    {
        root = Json::parse(text, strictParser());
    }
    catch (const ConfigError& e)
    {
        error = path + ": " + e.key + ": " + e.message;
        return std::nullopt;
    }
    catch (const Json::exception& e)
    {
        // parse_error, and out_of_range.406 for numbers like 1e400.
        std::string what = e.what();
        const auto pos = what.find("] ");
        error = path + ": not valid JSON: " + util::validUtf8(pos != std::string::npos ? what.substr(pos + 2) : what, 200);
        return std::nullopt;
    }
    try
    {
        parseInto(config, root, absolute.parent_path());
    }
    catch (const ConfigError& e)
    {
        error = path + ": " + e.key + ": " + util::validUtf8(e.message);
        return std::nullopt;
    }
    catch (const std::exception& e)
    {
        error = path + ": " + util::validUtf8(e.what(), 200);
        return std::nullopt;
    }
    return config;
}

std::optional<KioskConfig> loadConfig(const std::string& path, std::string& error)
{
    std::string text, readError;
    if (!util::readRegularFile(path, text, readError, kMaxConfigBytes))
    {
        error = path + ": cannot read the config file (" + readError + ")";
        return std::nullopt;
    }
    return parseConfig(text, path, error);
}

namespace
{

/// "$argon2id$v=19$m=65536,t=2,p=1$SALT$HASH" with bounded memory and passes.
bool isArgon2idHash(const std::string& h)
{
    unsigned long m = 0, t = 0, p = 0;
    int consumed = 0;
    if (h.size() >= crypto_pwhash_STRBYTES || std::sscanf(h.c_str(), "$argon2id$v=19$m=%lu,t=%lu,p=%lu$%n", &m, &t, &p, &consumed) != 3 ||
        consumed == 0)
        return false;
    const std::string rest = h.substr(static_cast<std::size_t>(consumed));
    const auto dollar = rest.find('$');
    return m >= 8 && m <= (256u << 10) && t >= 1 && t <= 10 && p == 1 && dollar != std::string::npos && dollar >= 8 &&
           rest.size() - dollar - 1 >= 16;
}

}  // namespace

bool isLegacyPinHash(const std::string& h)
{
    // pbkdf2-sha256$ITER$SALT$HASH
    const std::string prefix = "pbkdf2-sha256$";
    if (h.rfind(prefix, 0) != 0)
        return false;
    const auto a = h.find('$', prefix.size());
    const auto b = a == std::string::npos ? a : h.find('$', a + 1);
    if (b == std::string::npos)
        return false;
    const std::string iter = h.substr(prefix.size(), a - prefix.size());
    const std::string salt = h.substr(a + 1, b - a - 1);
    const std::string hash = h.substr(b + 1);
    return !iter.empty() && iter.size() < 9 && iter.find_first_not_of("0123456789") == std::string::npos && std::stol(iter) >= 1000 &&
           std::stol(iter) <= kMaxPinIterations && salt.size() >= 16 && isHex(salt) && hash.size() == 64 && isHex(hash);
}

bool isPinHash(const std::string& h)
{
    return isArgon2idHash(h) || isLegacyPinHash(h);
}

std::string hashPin(const std::string& pin)
{
    char out[crypto_pwhash_STRBYTES];
    if (sodium_init() < 0 ||
        crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {};  // out of memory: the caller says so
    return out;
}

std::string legacyPinHash(const std::string& pin, int iterations)
{
    std::array<std::uint8_t, 16> salt{};
    randombytes_buf(salt.data(), salt.size());
    const std::string saltHex = util::toHex(salt);
    const auto dk = util::pbkdf2Sha256(pin, saltHex, static_cast<std::uint32_t>(iterations));
    return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + saltHex + "$" + util::toHex(dk);
}

bool verifyPin(const std::string& pin, const std::string& pinHash)
{
    if (isArgon2idHash(pinHash))
        return sodium_init() >= 0 && crypto_pwhash_str_verify(pinHash.c_str(), pin.data(), pin.size()) == 0;
    if (!isLegacyPinHash(pinHash))
        return false;
    const std::string prefix = "pbkdf2-sha256$";
    const auto a = pinHash.find('$', prefix.size());
    const auto b = pinHash.find('$', a + 1);
    const auto iterations = static_cast<std::uint32_t>(std::stoul(pinHash.substr(prefix.size(), a - prefix.size())));
    const std::string salt = pinHash.substr(a + 1, b - a - 1);
    const std::string expected = pinHash.substr(b + 1);
    return util::equalConstantTime(util::toHex(util::pbkdf2Sha256(pin, salt, iterations)), expected);
}

}  // namespace mint::config
