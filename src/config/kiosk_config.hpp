// Kiosk configuration (docs/configuration.md): one JSON file, typed and validated on
// load. Unknown keys, wrong types and out-of-range values are errors naming the key.
// Relative paths resolve against the config file's folder.
#pragma once

#include "catalog/feed_parser.hpp"
#include "display_hours.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mint::config
{

struct KioskSection
{
    std::string name = "MINT Kiosk";
    std::optional<double> lat;  ///< location of the kiosk ("you are here", distances)
    std::optional<double> lon;
    std::vector<std::string> languages{"de", "en"};  ///< first one is the default
    int idleTimeoutS = 90;
    bool hideCursor = true;
    std::string font;      ///< TrueType file for body text (default: Noto Sans from fonts-noto-core)
    std::string fontBold;  ///< TrueType file for titles and buttons
};

struct FeedSection
{
    std::string url;  ///< https://, http:// or file:// (a plain path becomes file://)
    int syncIntervalMin = 15;
    std::size_t maxBytes = 50u << 20;  ///< body cap while receiving (after decompression)
    int timeoutS = 60;                 ///< whole transfer
    int connectTimeoutS = 15;
    int lowSpeedLimitBytesPerS = 100;  ///< stall detection: below this ...
    int lowSpeedTimeS = 30;            ///< ... for this long aborts
    double maxDropShare = 0.5;         ///< a feed removing more than this share of offers is held back
    int staleAfterH = 48;              ///< no successful sync for longer: the UI shows a notice
    std::string userAgentContact;      ///< e-mail or URL in the User-Agent
    int maxOffers = 200000;
    std::size_t maxStringBytes = 64u << 10;
    /// minisign public key lines ("RW…"), one or two (a rotation); empty: feeds are not
    /// signed. Set: a feed is installed only with a good `<url>.minisig` by one of them.
    std::vector<std::string> publicKeys;
    /// PEM file of the certificate authorities to trust for https (a network with its own
    /// CA); empty: the system's (ca-certificates).
    std::string caFile;
};

struct ImagesSection
{
    int parallel = 4;                        ///< transfers at once
    std::size_t maxBytes = 5u << 20;         ///< per image
    int maxDimension = 4096;                 ///< width and height, checked before decoding
    std::int64_t maxPixels = 4096LL * 4096;  ///< width x height, checked before decoding
    int revalidateH = 24;                    ///< conditional re-check of cached images at most this often
};

struct CacheSection
{
    std::string dir;  ///< default: $XDG_CACHE_HOME/mint-kiosk or ~/.cache/mint-kiosk
};

struct AdminSection
{
    std::string pinHash;              ///< Argon2id "$argon2id$…" (or the old "pbkdf2-sha256$…"); empty: admin screen locked
    std::string corner = "top_left";  ///< held to open the PIN pad: top_left, top_right, bottom_left, bottom_right
    int holdS = 5;                    ///< seconds to hold it
};

struct MapSection
{
    std::string mbtiles;  ///< path of an offline tile package
    std::string tileUrl;  ///< online XYZ template
    std::string attribution;
    int cacheMaxMb = 256;
    int minZoom = 8;
    int maxZoom = 17;
    std::string packageUrl;     ///< where the network publishes the region's package (delivered like the feed)
    std::string packageSha256;  ///< the package's sha256 (64 hex); a new value makes kiosks fetch it
};

struct MonitoringSection
{
    std::string heartbeatUrl;  ///< a small JSON POST every interval (healthchecks.io and the like); empty: none
    int intervalMin = 5;       ///< between heartbeats (jittered by up to a fifth)
    std::string textfileDir;   ///< node-exporter textfile collector folder: mint_kiosk.prom there; empty: none
    std::string statsUrl;      ///< once a day, the usage counts of the days not yet sent (JSON POST); empty: none
};

struct SpeechSection
{
    bool enabled = true;             ///< read aloud (espeak-ng); hidden anyway without a sound device
    std::string device = "default";  ///< ALSA device ("default", "plughw:1,0", ...)
    int volume = 80;                 ///< 0-100; staff change it on the admin screen
};

struct KioskConfig
{
    std::string path;  ///< the file it came from (absolute)
    KioskSection kiosk;
    FeedSection feed;
    ImagesSection images;
    CacheSection cache;
    AdminSection admin;
    MapSection map;
    DisplaySection display;  ///< opening hours (display_hours.hpp)
    MonitoringSection monitoring;
    SpeechSection speech;

    catalog::FeedLimits feedLimits() const;
};

/// Loads and validates; on failure returns nullopt and one line in `error`:
/// "config/kiosk.json: feed.sync_interval_min: expected a whole number from 1 to 1440, got \"15\"".
std::optional<KioskConfig> loadConfig(const std::string& path, std::string& error);
/// The same from text (path only names the source and the folder for relative paths).
std::optional<KioskConfig> parseConfig(const std::string& text, const std::string& path, std::string& error);

/// An Argon2id hash of a PIN (libsodium's crypto_pwhash_str: "$argon2id$v=19$m=65536,t=2,p=1$…").
std::string hashPin(const std::string& pin);
/// The old format, "pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX" (still read; tests make them).
std::string legacyPinHash(const std::string& pin, int iterations = 100000);
/// True when `pin` matches `pinHash` (either format; constant time).
bool verifyPin(const std::string& pin, const std::string& pinHash);
/// True when `pinHash` is a pin_hash: Argon2id with at most 256 MiB and 10 passes, or the
/// old PBKDF2 format with at most 1,000,000 iterations (more would stall every start).
bool isPinHash(const std::string& pinHash);
/// True for the old PBKDF2 format (the kiosk logs it and the admin screen asks for a new one).
bool isLegacyPinHash(const std::string& pinHash);

}  // namespace mint::config
