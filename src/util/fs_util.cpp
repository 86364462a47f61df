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

namespace mint::util
{

namespace
{

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
    const std::string temp =
        dir + "/." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(g_tempCounter++);
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

bool readRegularFile(const std::string& path, std::string& out, std::string& error, std::size_t maxBytes)
{
    // O_NONBLOCK: opening a FIFO with no writer must not hang; the file type is checked on
    // the open descriptor (no race with a rename between a stat and the open).
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
    {
        error = std::strerror(errno);
        return false;
    }
    struct stat st
    {
    };
    bool ok = false;
    if (::fstat(fd, &st) != 0)
        error = std::strerror(errno);
    else if (!S_ISREG(st.st_mode))
        error = "not a regular file";
    else if (static_cast<std::uint64_t>(st.st_size) > maxBytes)
        error = std::to_string(st.st_size) + " bytes, more than the limit of " + std::to_string(maxBytes);
    else
    {
        out.assign(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t got = 0;
        ok = true;
        while (got < out.size())
        {
            const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
            {
                // Shrunk while reading (or an I/O error): take what is there only if it ended.
                if (n < 0)
                {
                    error = std::strerror(errno);
                    ok = false;
                }
                break;
            }
            got += static_cast<std::size_t>(n);
        }
        out.resize(got);
    }
    ::close(fd);
    return ok;
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
