// Crash-safe file writing; see fs_util.hpp.
#include "fs_util.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mint::util {

namespace {

std::string errnoText(const std::string& what)
{
    return what + ": " + std::strerror(errno);
}

std::atomic<unsigned> g_tempCounter{0};

}  // namespace

bool syncDirectory(const std::string& dir, std::string& error)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
    {
        error = errnoText("cannot open folder " + dir);
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    if (!ok)
        error = errnoText("cannot sync folder " + dir);
    ::close(fd);
    return ok;
}

bool syncFileSystem(const std::string& dir, std::string& error)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
    {
        error = errnoText("cannot open folder " + dir);
        return false;
    }
    const bool ok = ::syncfs(fd) == 0;
    if (!ok)
        error = errnoText("cannot sync " + dir);
    ::close(fd);
    return ok;
}

bool writeFileAtomic(const std::string& path, std::string_view data, std::string& error, bool durable)
{
    const std::filesystem::path target(path);
    const std::string dir = target.parent_path().empty() ? "." : target.parent_path().string();
    const std::string temp = dir + "/." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                             std::to_string(g_tempCounter++);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
    {
        error = errnoText("cannot create " + temp);
        return false;
    }
    std::size_t written = 0;
    while (written < data.size())
    {
        const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            error = errnoText("cannot write " + temp);
            ::close(fd);
            ::unlink(temp.c_str());
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    if (durable && ::fsync(fd) != 0)
    {
        error = errnoText("cannot sync " + temp);
        ::close(fd);
        ::unlink(temp.c_str());
        return false;
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0)
    {
        error = errnoText("cannot rename " + temp + " to " + path);
        ::unlink(temp.c_str());
        return false;
    }
    return !durable || syncDirectory(dir, error);
}

bool readWholeFile(const std::string& path, std::string& out, std::string& error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        error = "cannot open " + path;
        return false;
    }
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad())
    {
        error = "cannot read " + path;
        return false;
    }
    out = std::move(s).str();
    return true;
}

bool makeDirectories(const std::string& dir, std::string& error)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
    {
        error = "cannot create folder " + dir + ": " + ec.message();
        return false;
    }
    return true;
}

}  // namespace mint::util
