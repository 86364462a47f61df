// The offline cache on disk; see cache_store.hpp.
#include "cache_store.hpp"

#include "util/fs_util.hpp"
#include "util/json_text.hpp"
#include "util/sha256.hpp"

#include <future>
#include <memory>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace mint::sync
{

using Json = nlohmann::json;

std::string encodeMeta(const GenerationMeta& m)
{
    Json j{{"sequence", m.sequence},    {"sha256", m.sha256},        {"etag", m.etag},   {"last_modified", m.lastModified},
           {"source_url", m.sourceUrl}, {"fetched_at", m.fetchedAt}, {"bytes", m.bytes}, {"offers", m.offers}};
    return util::dumpJson(j);
}

std::optional<GenerationMeta> decodeMeta(const std::string& line)
{
    try
    {
        const Json j = Json::parse(line);
        GenerationMeta m;
        m.sequence = j.at("sequence").get<std::int64_t>();
        m.sha256 = j.at("sha256").get<std::string>();
        m.etag = j.value("etag", "");
        m.lastModified = j.value("last_modified", "");
        m.sourceUrl = j.value("source_url", "");
        m.fetchedAt = j.value("fetched_at", std::int64_t{0});
        m.bytes = j.value("bytes", std::size_t{0});
        m.offers = j.value("offers", std::size_t{0});
        return m;
    }
    catch (const std::exception&)
    {
        return std::nullopt;
    }
}

CacheStore::CacheStore(std::string dir) : m_dir(std::move(dir))
{
}

bool CacheStore::prepare(std::string& error)
{
    if (!util::makeDirectories(catalogDir(), error) || !util::makeDirectories(imagesDir(), error))
        return false;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(catalogDir(), ec))
    {
        const std::string name = entry.path().filename().string();
        if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos)
            std::filesystem::remove(entry.path(), ec);
    }
    return true;
}

CacheStore::Lock& CacheStore::Lock::operator=(Lock&& other) noexcept
{
    if (this != &other)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

CacheStore::Lock::~Lock()
{
    if (m_fd >= 0)
        ::close(m_fd);  // releases the flock
}

CacheStore::Lock CacheStore::tryLock(std::string& error) const
{
    if (!util::makeDirectories(m_dir, error))
        return Lock();
    const std::string path = m_dir + "/lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
    {
        error = "cannot open " + path + ": " + std::strerror(errno);
        return Lock();
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
    {
        error = "another sync is using the cache " + m_dir;
        ::close(fd);
        return Lock();
    }
    return Lock(fd);
}

std::optional<Generation> CacheStore::loadFile(const std::string& path, std::string& problem, std::future<bool>* intact) const
{
    std::string content, error;
    if (::access(path.c_str(), F_OK) != 0)
    {
        problem = "missing";
        return std::nullopt;
    }
    if (!util::readWholeFile(path, content, error))
    {
        problem = error;
        return std::nullopt;
    }
    const auto newline = content.find('\n');
    if (newline == std::string::npos)
    {
        problem = path + " has no metadata line";
        return std::nullopt;
    }
    auto meta = decodeMeta(content.substr(0, newline));
    if (!meta)
    {
        problem = path + " has damaged metadata";
        return std::nullopt;
    }
    Generation g;
    g.feed = content.substr(newline + 1);
    if (intact)
    {
        // The worker hashes its own copy of the text (the caller moves g.feed into the parser).
        auto text = std::make_shared<const std::string>(std::move(content));
        *intact = std::async(std::launch::async, [text, newline, sha = meta->sha256]
                             { return util::Sha256::hex(std::string_view(*text).substr(newline + 1)) == sha; });
    }
    else if (util::Sha256::hex(g.feed) != meta->sha256)
    {
        problem = path + " is damaged (checksum mismatch)";
        return std::nullopt;
    }
    g.meta = *meta;
    g.file = path;
    return g;
}

std::optional<Generation> CacheStore::loadLatest(std::string* problem) const
{
    std::string currentProblem, previousProblem, nextProblem;
    if (auto g = loadFile(catalogDir() + "/next.gen", nextProblem))  // a commit cut off after its first step
        return g;
    if (auto g = loadFile(catalogDir() + "/current.gen", currentProblem))
        return g;
    auto previous = loadFile(catalogDir() + "/previous.gen", previousProblem);
    if (problem && currentProblem != "missing")
        *problem = currentProblem;
    return previous;
}

std::optional<Generation> CacheStore::loadLatestChecking(std::future<bool>& intact, std::string* problem) const
{
    std::string currentProblem;
    if (::access((catalogDir() + "/next.gen").c_str(), F_OK) == 0)
        return loadLatest(problem);  // after a cut-off commit: the careful way
    if (auto g = loadFile(catalogDir() + "/current.gen", currentProblem, &intact))
        return g;
    intact = std::future<bool>();
    return loadLatest(problem);
}

std::optional<GenerationMeta> CacheStore::latestMeta() const
{
    auto g = loadLatest();
    if (!g)
        return std::nullopt;
    return g->meta;
}

void (*CacheStore::commitStepHook)(int step) = nullptr;

bool CacheStore::commit(const GenerationMeta& meta, const std::string& feed, std::string& error)
{
    if (!prepare(error))
        return false;
    const std::string current = catalogDir() + "/current.gen";
    const std::string previous = catalogDir() + "/previous.gen";
    const std::string next = catalogDir() + "/next.gen";
    auto step = [](int n)
    {
        if (commitStepHook)
            commitStepHook(n);
    };
    // 1. The new generation, complete and durable, before anything old is touched.
    std::string content = encodeMeta(meta);
    content += '\n';
    content += feed;
    if (!util::writeFileAtomic(next, content, error))
        return false;
    step(1);
    // 2. The old current becomes previous (the one before it goes now, not earlier).
    if (::access(current.c_str(), F_OK) == 0 && ::rename(current.c_str(), previous.c_str()) != 0)
    {
        error = std::string("cannot keep the previous catalogue: ") + std::strerror(errno);
        ::unlink(next.c_str());
        return false;
    }
    step(2);
    // 3. The new one becomes current; 4. the folder's entries are made durable.
    if (::rename(next.c_str(), current.c_str()) != 0)
    {
        error = std::string("cannot install the new catalogue: ") + std::strerror(errno);
        return false;  // next.gen stays: loadLatest takes it
    }
    step(3);
    return util::syncDirectory(catalogDir(), error);
}

bool CacheStore::writeStatus(const std::string& json, std::string& error) const
{
    return util::makeDirectories(m_dir, error) && util::writeFileAtomic(m_dir + "/status.json", json, error);
}

std::optional<std::string> CacheStore::readStatus() const
{
    std::string content, error;
    if (!util::readWholeFile(m_dir + "/status.json", content, error))
        return std::nullopt;
    return content;
}

}  // namespace mint::sync
