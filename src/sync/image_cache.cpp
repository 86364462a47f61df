// The content-addressed picture cache; see image_cache.hpp.
#include "image_cache.hpp"

#include "util/fs_util.hpp"
#include "util/json_text.hpp"
#include "util/sha256.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace mint::sync
{

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace
{

Json toJson(const ImageEntry& e)
{
    return Json{{"url", e.url},
                {"file", e.file},
                {"sha256", e.sha256},
                {"etag", e.etag},
                {"last_modified", e.lastModified},
                {"checked_at", e.checkedAt},
                {"width", e.width},
                {"height", e.height}};
}

bool fromJson(const Json& j, ImageEntry& e)
{
    try
    {
        e.url = j.at("url");
        e.file = j.at("file");
        e.sha256 = j.at("sha256");
        e.etag = j.value("etag", "");
        e.lastModified = j.value("last_modified", "");
        e.checkedAt = j.value("checked_at", std::int64_t{0});
        e.width = j.value("width", 0);
        e.height = j.value("height", 0);
        // A file name from disk must stay inside the cache.
        return !e.url.empty() && e.file.find("..") == std::string::npos && !e.file.empty() && e.file[0] != '/';
    }
    catch (const std::exception&)
    {
        return false;
    }
}

}  // namespace

ImageCache::ImageCache(std::string dir) : m_dir(std::move(dir))
{
}

void ImageCache::load()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_entries.clear();
    std::string text, error;
    if (util::readWholeFile(m_dir + "/index.json", text, error))
    {
        try
        {
            const Json index = Json::parse(text);  // named: a temporary would die before the loop
            for (const auto& j : index.at("images"))
            {
                ImageEntry e;
                if (fromJson(j, e))
                    m_entries[e.url] = e;
            }
        }
        catch (const std::exception&)
        {
            // A damaged index only costs downloads; the pictures are fetched again.
        }
    }
    std::ifstream journal(m_dir + "/journal.log");
    std::string line;
    while (std::getline(journal, line))
    {
        try
        {
            // Not yet flushed when written: trust the file only if its bytes still match.
            ImageEntry e;
            std::string bytes;
            if (fromJson(Json::parse(line), e) && util::readWholeFile(m_dir + "/" + e.file, bytes, error) &&
                util::Sha256::hex(bytes) == e.sha256)
                m_entries[e.url] = e;
        }
        catch (const std::exception&)
        {
            // torn last line after a crash
        }
    }
}

bool ImageCache::find(const std::string& url, ImageEntry& out) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_entries.find(url);
    if (it == m_entries.end())
        return false;
    std::error_code ec;
    if (!fs::is_regular_file(m_dir + "/" + it->second.file, ec))
        return false;
    out = it->second;
    return true;
}

namespace
{

/// "/img/a.png?x=1" of "https://host:8080/img/a.png?x=1"; empty without a path.
std::string_view urlPath(std::string_view url)
{
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos)
        return {};
    const auto slash = url.find('/', scheme + 3);
    return slash == std::string_view::npos ? std::string_view() : url.substr(slash);
}

}  // namespace

bool ImageCache::findMoved(const std::string& url, ImageEntry& out) const
{
    const std::string_view path = urlPath(url);
    if (path.size() < 2)
        return false;
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& [known, entry] : m_entries)
    {
        std::error_code ec;
        if (known != url && urlPath(known) == path && fs::is_regular_file(m_dir + "/" + entry.file, ec))
        {
            out = entry;
            out.url = url;
            return true;
        }
    }
    return false;
}

void ImageCache::adopt(const ImageEntry& entry)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_entries[entry.url] = entry;
    appendJournal(entry);
}

bool ImageCache::store(ImageEntry entry, const std::string& bytes, const std::string& extension, std::string& error)
{
    entry.sha256 = util::Sha256::hex(bytes);
    const std::string sub = entry.sha256.substr(0, 2);
    entry.file = sub + "/" + entry.sha256 + extension;
    if (!util::makeDirectories(m_dir + "/" + sub, error))
        return false;
    const std::string path = m_dir + "/" + entry.file;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) && !util::writeFileAtomic(path, bytes, error, /*durable=*/false))
        return false;
    std::lock_guard<std::mutex> lock(m_mutex);
    m_entries[entry.url] = entry;
    appendJournal(entry);
    return true;
}

void ImageCache::touch(const std::string& url, std::int64_t checkedAt)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_entries.find(url);
    if (it == m_entries.end())
        return;
    it->second.checkedAt = checkedAt;
    appendJournal(it->second);
}

void ImageCache::appendJournal(const ImageEntry& e)
{
    std::ofstream journal(m_dir + "/journal.log", std::ios::app);
    journal << util::dumpJson(toJson(e)) << '\n';
}

std::size_t ImageCache::prune(const std::set<std::string>& referenced)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = referenced.count(it->first) ? std::next(it) : m_entries.erase(it);
    std::set<std::string> keep;
    for (const auto& [url, e] : m_entries)
        keep.insert(e.file);
    std::size_t removed = 0;
    std::error_code ec;
    for (const auto& sub : fs::directory_iterator(m_dir, ec))
    {
        if (!sub.is_directory())
            continue;
        for (const auto& file : fs::directory_iterator(sub.path(), ec))
        {
            const std::string rel = sub.path().filename().string() + "/" + file.path().filename().string();
            if (!keep.count(rel))
            {
                fs::remove(file.path(), ec);
                ++removed;
            }
        }
    }
    return removed;
}

bool ImageCache::compact(std::string& error)
{
    Json images = Json::array();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const auto& [url, e] : m_entries)
            images.push_back(toJson(e));
    }
    // The pictures written since the last index must be on disk before the index names them.
    if (!util::syncFileSystem(m_dir, error) ||
        !util::writeFileAtomic(m_dir + "/index.json", util::dumpJson(Json{{"images", images}}), error))
        return false;
    std::ofstream(m_dir + "/journal.log", std::ios::trunc);
    return true;
}

std::size_t ImageCache::size() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_entries.size();
}

}  // namespace mint::sync
