// The offline cache on disk: the last good feed ("generation") with its metadata, the
// one before it, and the sync status.
//
//   <dir>/catalog/current.gen    metadata line (JSON) + "\n" + the feed bytes
//   <dir>/catalog/previous.gen   the generation before
//   <dir>/catalog/next.gen       only while a commit runs (or after one was cut off): the newest
//   <dir>/status.json            the last sync status (for the admin screen after a restart)
//
// Metadata and feed live in one file, so one rename commits both. A commit (1) writes the
// new generation completely as next.gen (temp file, fsync, rename), (2) renames current over
// previous, (3) renames next over current, (4) fsyncs the folder. Whatever instant a kill or
// power cut hits, two good generations are on disk (once there were two): before (2) the
// old current and previous plus maybe a complete next; after it next and the new previous.
// Loading takes next, else current, else previous, each checked against its sha256.
#pragma once

#include <cstdint>
#include <future>
#include <optional>
#include <string>

namespace mint::sync
{

struct GenerationMeta
{
    std::int64_t sequence = 0;
    std::string sha256;  ///< of the feed bytes
    std::string etag;
    std::string lastModified;
    std::string sourceUrl;
    std::int64_t fetchedAt = 0;  ///< Unix seconds
    std::size_t bytes = 0;
    std::size_t offers = 0;
};

struct Generation
{
    GenerationMeta meta;
    std::string feed;
    std::string file;  ///< which file it came from (current.gen or previous.gen)
};

class CacheStore
{
public:
    explicit CacheStore(std::string dir);

    const std::string& dir() const { return m_dir; }
    std::string catalogDir() const { return m_dir + "/catalog"; }
    std::string imagesDir() const { return m_dir + "/images"; }

    /// Creates the folders and removes temporary files a killed process left; false with
    /// `error`.
    bool prepare(std::string& error);

    /// Holds an exclusive lock on the cache while alive (flock on <dir>/lock), so a
    /// `--sync-once` and a running kiosk never write at the same time. The kernel releases
    /// it when a process dies.
    class Lock
    {
    public:
        Lock() = default;
        explicit Lock(int fd) : m_fd(fd) {}
        Lock(Lock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
        Lock& operator=(Lock&& other) noexcept;
        ~Lock();
        bool held() const { return m_fd >= 0; }

    private:
        int m_fd = -1;
    };
    /// Tries to take the lock without waiting; an unheld Lock and `error` when busy.
    Lock tryLock(std::string& error) const;

    /// The newest intact generation (current, else previous), or nullopt. `problem` tells
    /// why current was not usable when it was skipped.
    std::optional<Generation> loadLatest(std::string* problem = nullptr) const;
    /// Start-up's faster way: the current generation as it is, its checksum checked on a
    /// worker while the caller parses it (`intact` answers). When it answers false, call
    /// loadLatest() for the previous one. Falls back to loadLatest() when current is missing.
    std::optional<Generation> loadLatestChecking(std::future<bool>& intact, std::string* problem = nullptr) const;
    /// Only the metadata of the newest intact generation (reads the whole file to verify).
    std::optional<GenerationMeta> latestMeta() const;

    /// Crash-safe commit of a new generation; false with `error` (the old ones stay).
    bool commit(const GenerationMeta& meta, const std::string& feed, std::string& error);
    /// Test seam: called with 1, 2, 3 after each step of a commit (kills aimed at a commit).
    static void (*commitStepHook)(int step);

    /// Status JSON, written atomically (no fsync needed: it is advisory).
    bool writeStatus(const std::string& json, std::string& error) const;
    std::optional<std::string> readStatus() const;

private:
    /// `intact`: check the checksum there, on a worker (else here, refusing a mismatch).
    std::optional<Generation> loadFile(const std::string& path, std::string& problem, std::future<bool>* intact = nullptr) const;
    std::string m_dir;
};

std::string encodeMeta(const GenerationMeta& meta);
std::optional<GenerationMeta> decodeMeta(const std::string& line);

}  // namespace mint::sync
