// Where an installed kiosk finds its files; see install_paths.hpp.
#include "install_paths.hpp"

#include <filesystem>
#include <system_error>

namespace mint::app
{

namespace fs = std::filesystem;

std::string programDir()
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

namespace
{

/// <prefix>/share/mint-kiosk for the program in <prefix>/bin.
std::string installedDataDir()
{
    const std::string dir = programDir();
    if (dir.empty())
        return {};
    const fs::path data = fs::path(dir).parent_path() / MINT_INSTALL_DATADIR / "mint-kiosk";
    std::error_code ec;
    return fs::is_regular_file(data / "i18n" / "de.json", ec) ? data.lexically_normal().string() : std::string();
}

}  // namespace

bool runsInstalled()
{
    return !installedDataDir().empty();
}

std::string dataDir()
{
    const std::string installed = installedDataDir();
    return installed.empty() ? std::string(MINT_ASSETS_DIR) : installed;
}

std::string defaultConfigPath()
{
    return runsInstalled() ? std::string(MINT_INSTALL_SYSCONFDIR) + "/mint-kiosk/kiosk.json" : std::string("config/kiosk.json");
}

}  // namespace mint::app
