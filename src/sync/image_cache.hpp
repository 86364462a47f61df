// The content-addressed picture cache: files named by the sha256 of their bytes, and an
// index from image URL to file, validators and check time.
//
//   <images>/ab/ab12...ef.png     picture bytes (PNG or JPEG, checked and decodable)
//   <images>/index.json           url -> entry, rewritten atomically after a run
//   <images>/journal.log          one JSON line per picture finished since then (append
//                                 only), so an interrupted run resumes without fetching
//                                 finished pictures again
//
// Picture files are written atomically but not fsynced one by one (2,000 fsyncs would
// dominate a sync); compact() flushes the file system once (syncfs) before it writes the
// index. So index.json only names durable files, and entries known only from the journal
// are checked against their sha256 when loaded.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace mint::sync
{

struct ImageEntry
{
    std::string url;
    std::string file;  ///< relative to the images folder, e.g. "ab/ab12...ef.png"
    std::string sha256;
    std::string etag;
    std::string lastModified;
    std::int64_t checkedAt = 0;  ///< Unix seconds of the last fetch or revalidation
    int width = 0;
    int height = 0;
};

class ImageCache
{
public:
    explicit ImageCache(std::string dir);

    /// Reads index.json and replays journal.log (a torn last line is ignored).
    void load();
    /// Entry for a URL whose file still exists, or false.
    bool find(const std::string& url, ImageEntry& out) const;
    /// Stores picture bytes under their hash plus `extension` (".png"), crash-safe, and
    /// records the entry (its file and sha256 are filled in here).
    bool store(ImageEntry entry, const std::string& bytes, const std::string& extension, std::string& error);
    /// An entry for the same path and query under another origin (staff pointed feed.url at
    /// another host serving the same pictures), whose file still exists; `out.url` is set
    /// to `url`.
    bool findMoved(const std::string& url, ImageEntry& out) const;
    /// Records an entry whose file is already in the cache (a moved picture), journaled.
    void adopt(const ImageEntry& entry);
    /// Records a revalidation (304) without new bytes.
    void touch(const std::string& url, std::int64_t checkedAt);
    /// Keeps only entries for `referenced` URLs and deletes files no entry names.
    /// Returns the number of files removed.
    std::size_t prune(const std::set<std::string>& referenced);
    /// Writes index.json atomically and empties the journal.
    bool compact(std::string& error);

    std::string pathOf(const ImageEntry& e) const { return m_dir + "/" + e.file; }
    std::size_t size() const;
    const std::string& dir() const { return m_dir; }

private:
    void appendJournal(const ImageEntry& e);
    std::string m_dir;
    mutable std::mutex m_mutex;
    std::map<std::string, ImageEntry> m_entries;
};

}  // namespace mint::sync
