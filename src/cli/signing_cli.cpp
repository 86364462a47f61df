// mint-catalog keygen, sign and verify; see signing_cli.hpp.
#include "signing_cli.hpp"

#include "cli_args.hpp"
#include "trust/minisign.hpp"
#include "util/fs_util.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>
#include <sys/stat.h>

namespace mint::cli
{

const char* const kSigningHelp = R"(  mint-catalog keygen --out BASE [--force]
  mint-catalog sign FILE --key BASE.key [--comment TEXT]
  mint-catalog verify FILE --pubkey PUB [--sig FILE.minisig]

keygen    A minisign key pair: BASE.pub for the kiosks' feed.public_keys (its key line
          "RW..."), BASE.key to sign with (not encrypted: keep it off the kiosks, on the
          machine that publishes). Refuses to overwrite unless --force.
sign      Writes FILE.minisig (prehashed, like minisign's default); the trusted comment
          (default "timestamp:N<TAB>file:NAME<TAB>hashed") is signed too.
verify    Checks FILE against FILE.minisig with PUB (a .pub file or a key line RW...).
          Exit 0 good, 1 refused (unknown key, legacy signature, mismatch).
)";

namespace
{

struct Options
{
    std::string file, out, key, pubkey, sig, comment;
    bool force = false, commentGiven = false;
};

bool parse(const std::vector<std::string>& args, Options& o, std::string& error)
{
    for (std::size_t i = 1; i < args.size(); ++i)
    {
        const std::string& a = args[i];
        auto value = [&](std::string& v) { return optionValue(args, i, v, error); };
        if (a == "--out" || a == "--key" || a == "--pubkey" || a == "--sig")
        {
            if (!value(a == "--out" ? o.out : a == "--key" ? o.key : a == "--pubkey" ? o.pubkey : o.sig))
                return false;
        }
        else if (a == "--comment")
        {
            if (!value(o.comment))
                return false;
            o.commentGiven = true;
        }
        else if (a == "--force")
            o.force = true;
        else if (!a.empty() && a[0] == '-')
        {
            error = "unknown option " + a;
            return false;
        }
        else if (o.file.empty())
            o.file = a;
        else
        {
            error = "one FILE only (" + a + ")";
            return false;
        }
    }
    return true;
}

int keygen(const Options& o, std::ostream& out, std::ostream& err)
{
    if (o.out.empty())
    {
        err << "mint-catalog: keygen needs --out BASE\n";
        return 2;
    }
    const std::string pubPath = o.out + ".pub", keyPath = o.out + ".key";
    std::error_code ec;
    if (!o.force && (std::filesystem::exists(pubPath, ec) || std::filesystem::exists(keyPath, ec)))
    {
        err << "mint-catalog: " << pubPath << " or " << keyPath << " exists (--force replaces them)\n";
        return 2;
    }
    const trust::KeyPair kp = trust::generateKeyPair();
    std::string error;
    const mode_t old = ::umask(077);  // the secret key is for its owner only
    const bool ok = util::writeFileAtomic(keyPath, kp.secretText, error);
    ::umask(old);
    if (!ok || !util::writeFileAtomic(pubPath, kp.publicText, error))
    {
        err << "mint-catalog: " << error << "\n";
        return 2;
    }
    out << "key " << kp.publicKey.idHex() << ": public " << pubPath << ", secret " << keyPath << "\n";
    return 0;
}

int signFile(const Options& o, std::ostream& out, std::ostream& err)
{
    if (o.file.empty() || o.key.empty())
    {
        err << "mint-catalog: sign needs FILE and --key BASE.key\n";
        return 2;
    }
    std::string message, keyText, error;
    if (!util::readWholeFile(o.file, message, error) || !util::readWholeFile(o.key, keyText, error))
    {
        err << "mint-catalog: " << error << "\n";
        return 2;
    }
    const auto key = trust::parseSecretKey(keyText, error);
    if (!key)
    {
        err << "mint-catalog: " << o.key << ": " << error << "\n";
        return 2;
    }
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const std::string comment =
        o.commentGiven ? o.comment
                       : "timestamp:" + std::to_string(now) + "\tfile:" + std::filesystem::path(o.file).filename().string() + "\thashed";
    if (comment.find('\n') != std::string::npos || comment.find('\r') != std::string::npos)
    {
        err << "mint-catalog: the comment must be one line\n";
        return 2;
    }
    const std::string sigPath = o.sig.empty() ? o.file + ".minisig" : o.sig;
    if (!util::writeFileAtomic(sigPath, trust::sign(message, *key, comment), error))
    {
        err << "mint-catalog: " << error << "\n";
        return 2;
    }
    out << "signed " << o.file << " with key " << trust::PublicKey{key->keyId, {}}.idHex() << ": " << sigPath << "\n";
    return 0;
}

int verifyFile(const Options& o, std::ostream& out, std::ostream& err)
{
    if (o.file.empty() || o.pubkey.empty())
    {
        err << "mint-catalog: verify needs FILE and --pubkey PUB\n";
        return 2;
    }
    std::string message, sigText, pubText, error;
    const std::string sigPath = o.sig.empty() ? o.file + ".minisig" : o.sig;
    if (!util::readWholeFile(o.file, message, error) || !util::readWholeFile(sigPath, sigText, error))
    {
        err << "mint-catalog: " << error << "\n";
        return 2;
    }
    // A .pub file, else the key line itself.
    std::error_code ec;
    if (std::filesystem::is_regular_file(o.pubkey, ec))
    {
        if (!util::readWholeFile(o.pubkey, pubText, error))
        {
            err << "mint-catalog: " << error << "\n";
            return 2;
        }
    }
    else
        pubText = o.pubkey;
    const auto key = trust::parsePublicKey(pubText, error);
    if (!key)
    {
        err << "mint-catalog: " << o.pubkey << ": " << error << "\n";
        return 2;
    }
    const auto sig = trust::parseSignature(sigText, error);
    if (!sig)
    {
        err << "mint-catalog: " << sigPath << ": " << error << "\n";
        return 1;
    }
    const trust::Verdict v = trust::verify(message, *sig, {*key});
    if (v != trust::Verdict::Good)
    {
        err << "mint-catalog: " << o.file << ": " << trust::verdictText(v) << " (signature key " << trust::PublicKey{sig->keyId, {}}.idHex()
            << ", trusted key " << key->idHex() << ")\n";
        return 1;
    }
    out << "good signature by key " << key->idHex() << "\ntrusted comment: " << sig->trustedComment << "\n";
    return 0;
}

}  // namespace

std::optional<int> runSigningCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    if (args.empty() || (args[0] != "keygen" && args[0] != "sign" && args[0] != "verify"))
        return std::nullopt;
    if (!trust::initCrypto())
    {
        err << "mint-catalog: libsodium cannot start\n";
        return 2;
    }
    Options o;
    std::string error;
    if (!parse(args, o, error))
    {
        err << "mint-catalog: " << error << "\n";
        return 2;
    }
    if (args[0] == "keygen")
        return keygen(o, out, err);
    if (args[0] == "sign")
        return signFile(o, out, err);
    return verifyFile(o, out, err);
}

}  // namespace mint::cli
