// Map package delivery; see package_update.hpp.
#include "map/package_update.hpp"

#include "map/mbtiles.hpp"
#include "trust/minisign.hpp"
#include "util/fs_util.hpp"
#include "util/log.hpp"
#include "util/sha256.hpp"

#include <cstdio>
#include <filesystem>

namespace mint::map
{

namespace
{

bool fileSha256(const std::string& path, std::string& hex)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false;
    util::Sha256 h;
    std::vector<char> buf(1 << 16);
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0)
        h.update(buf.data(), n);
    std::fclose(f);
    hex = util::toHex(h.finish());
    return true;
}

}  // namespace

PackageResult updateMapPackage(const config::MapSection& map, const std::string& userAgent, net::HttpClient& http,
                               const std::vector<std::string>& publicKeys)
{
    PackageResult r;
    if (map.packageUrl.empty() || map.packageSha256.empty() || map.mbtiles.empty())
        return r;
    std::string installed, ignored;
    std::error_code ec;
    if (std::filesystem::exists(map.mbtiles, ec) && util::readWholeFile(map.mbtiles + ".sha256", installed, ignored) &&
        installed.substr(0, 64) == map.packageSha256)
    {
        r.kind = PackageResult::Current;
        r.message = "current";
        return r;
    }
    const std::string part = map.mbtiles + ".download";
    net::HttpRequest req;
    req.url = map.packageUrl;
    req.userAgent = userAgent;
    req.bodyFile = part;
    req.maxBytes = static_cast<std::size_t>(4) << 30;  // 4 GiB: a region package is far smaller
    req.timeoutS = 3600;
    req.lowSpeedLimitBytesPerS = 1000;
    req.lowSpeedTimeS = 60;
    const net::HttpResponse res = http.get(req);
    auto fail = [&](const std::string& why)
    {
        std::filesystem::remove(part, ec);
        r.kind = PackageResult::Failed;
        r.message = "map package: " + why + " (the installed map stays)";
        util::logWarn("map", r.message);
        return r;
    };
    if (!res.ok())
        return fail(res.errorText);
    if (res.status != 200)
        return fail("HTTP " + std::to_string(res.status) + " from " + map.packageUrl);
    std::string hex;
    if (!fileSha256(part, hex))
        return fail("cannot read the download");
    if (hex != map.packageSha256)
        return fail("sha256 " + hex.substr(0, 12) + "… does not match map.package_sha256 " + map.packageSha256.substr(0, 12) + "…");
    if (!publicKeys.empty())
    {
        // Signed like the feed: the package's prehash against "<url>.minisig".
        std::vector<trust::PublicKey> keys;
        std::string error;
        for (const auto& line : publicKeys)
            if (auto k = trust::parsePublicKey(line, error))
                keys.push_back(*k);
        net::HttpRequest sigReq;
        sigReq.url = map.packageUrl + ".minisig";
        sigReq.userAgent = userAgent;
        sigReq.maxBytes = 64 << 10;
        const net::HttpResponse sigRes = http.get(sigReq);
        if (!sigRes.ok() || sigRes.status != 200)
            return fail("no signature at " + sigReq.url + (sigRes.ok() ? " (HTTP " + std::to_string(sigRes.status) + ")" : ""));
        const auto sig = trust::parseSignature(sigRes.body, error);
        if (!sig)
            return fail(sigReq.url + ": " + error);
        std::array<unsigned char, 64> hash{};
        if (!trust::prehashFile(part, hash))
            return fail("cannot read the download");
        if (const trust::Verdict v = trust::verifyPrehash(hash, *sig, keys); v != trust::Verdict::Good)
            return fail(std::string("signature refused: ") + trust::verdictText(v));
    }
    {
        MbtilesReader check;
        std::string error;
        if (!check.open(part, error))
            return fail(error);
    }
    // Keep the old package; the new one takes its place in one rename.
    if (std::filesystem::exists(map.mbtiles, ec))
        std::filesystem::rename(map.mbtiles, map.mbtiles + ".previous", ec);
    std::filesystem::rename(part, map.mbtiles, ec);
    if (ec)
        return fail("cannot install: " + ec.message());
    std::string error;
    util::writeFileAtomic(map.mbtiles + ".sha256", map.packageSha256 + "\n", error, true);
    r.kind = PackageResult::Installed;
    r.message = "installed";
    util::logInfo("map", "map package installed: " + map.mbtiles + " (" + std::to_string(res.bytesReceived) + " bytes)");
    return r;
}

}  // namespace mint::map
