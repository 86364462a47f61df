// Crash-safe file writing: write a temporary file in the same folder, fsync it, rename it
// over the target, fsync the folder. After a power cut the target holds either the old
// or the new content, never a mix.
#pragma once

#include <string>
#include <string_view>

namespace mint::util
{

/// Writes `data` to `path` atomically and durably; false with `error` set on failure.
/// With durable = false the fsyncs are skipped (still atomic: old or new, never a mix);
/// the caller makes many such files durable at once with syncFileSystem.
bool writeFileAtomic(const std::string& path, std::string_view data, std::string& error, bool durable = true);

/// syncfs(2) for the file system holding `dir`: one flush for many writes.
bool syncFileSystem(const std::string& dir, std::string& error);

/// fsync of a folder, so a rename inside it is durable.
bool syncDirectory(const std::string& dir, std::string& error);

/// Reads a whole file; false with `error` when it cannot be read.
bool readWholeFile(const std::string& path, std::string& out, std::string& error);

/// Reads a regular file of at most `maxBytes` without ever blocking or reading without end:
/// a FIFO, a device (/dev/zero), a folder or a larger file is refused with a clear `error`
/// (the reason only, without the path: "not a regular file").
/// For files staff or other programs hand us (the configuration).
bool readRegularFile(const std::string& path, std::string& out, std::string& error, std::size_t maxBytes);

/// Creates the folder and its parents; false with `error`.
bool makeDirectories(const std::string& dir, std::string& error);

}  // namespace mint::util
