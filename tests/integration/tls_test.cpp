// https as the kiosk meets it: a real TLS server on 127.0.0.1 (cpp-httplib with OpenSSL)
// with certificates from a test CA this test makes (openssl). A feed from a server the
// configured CA vouches for syncs; the system's CAs do not know it; a self-signed or
// wrong-host certificate is refused; an https -> http redirect is refused.
// (Debian's cpp-httplib comes with its OpenSSL support switched on: mint::httplib.)
#include "support/run_process.hpp"
#include "support/sync_fixture.hpp"
#include "unit/feed_builder.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

using namespace mint;
using namespace mint::test;

namespace
{

/// Runs a shell command in `dir`; REQUIREs success.
void sh(const std::string& dir, const std::string& cmd)
{
    const Run r = runProgram("sh", {"-c", cmd}, "", dir);
    INFO(cmd << "\n" << r.err);
    REQUIRE(r.exitCode == 0);
}

/// A test CA and three server certificates: right (127.0.0.1), wrong host, self-signed.
struct Certificates
{
    std::string dir = makeTempDir("tls");
    Certificates()
    {
        const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        sh(dir, "openssl req -x509 " + ec + " -keyout ca.key -out ca.pem -days 2 -subj '/CN=MINT Test CA' 2>/dev/null");
        for (const auto& [name, san] :
             {std::pair<std::string, std::string>{"good", "IP:127.0.0.1,DNS:localhost"}, {"wronghost", "DNS:other.example"}})
        {
            sh(dir, "openssl req " + ec + " -keyout " + name + ".key -out " + name + ".csr -subj '/CN=" + name + "' 2>/dev/null");
            sh(dir, "printf 'subjectAltName=" + san + "' > " + name + ".ext && openssl x509 -req -in " + name +
                        ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -out " + name + ".pem -days 2 -extfile " + name +
                        ".ext 2>/dev/null");
        }
        sh(dir, "openssl req -x509 " + ec +
                    " -keyout self.key -out self.pem -days 2 -subj '/CN=127.0.0.1' -addext subjectAltName=IP:127.0.0.1 2>/dev/null");
    }
    std::string path(const std::string& file) const { return dir + "/" + file; }
};

template <class Server>
struct Running
{
    Server& server;
    int port = 0;
    std::thread thread;
    explicit Running(Server& s) : server(s)
    {
        port = server.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { server.listen_after_bind(); });
        while (!server.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~Running()
    {
        server.stop();
        thread.join();
    }
};

std::string feedText()
{
    Json f = sampleFeed();
    f["offers"][0].erase("images");
    return f.dump();
}

sync::SyncStatus syncFrom(const std::string& url, const std::string& caFile)
{
    const std::string cache = makeTempDir("tls-cache");
    config::KioskConfig cfg = testConfig(url, cache);
    cfg.feed.caFile = caFile;
    sync::CacheStore store(cache);
    sync::SyncEngine engine(cfg, store);
    return engine.runOnce();
}

}  // namespace

TEST_CASE("tls: a feed from a server the configured CA vouches for syncs, other certificates and an https -> http redirect are refused")
{
    net::initHttpGlobal();
    const Certificates certs;
    const std::string body = feedText();
    auto serve = [&](httplib::Server& s)
    { s.Get("/feed.json", [&](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); }); };

    httplib::SSLServer good(certs.path("good.pem").c_str(), certs.path("good.key").c_str());
    REQUIRE(good.is_valid());
    serve(good);
    httplib::Server plain;
    serve(plain);
    Running<httplib::Server> plainRun(plain);
    good.Get("/to-http", [&](const httplib::Request&, httplib::Response& res)
             { res.set_redirect("http://127.0.0.1:" + std::to_string(plainRun.port) + "/feed.json"); });
    Running<httplib::SSLServer> goodRun(good);
    const std::string base = "https://127.0.0.1:" + std::to_string(goodRun.port);

    auto s = syncFrom(base + "/feed.json", certs.path("ca.pem"));
    CHECK_MESSAGE(s.result == sync::SyncResult::Updated, s.detail);
    // The system's CAs do not know the test CA.
    s = syncFrom(base + "/feed.json", "");
    CHECK(s.failure == sync::FailureKind::Network);
    CHECK_MESSAGE(s.detail.rfind("tls", 0) == 0, s.detail);
    // https never turns into http.
    s = syncFrom(base + "/to-http", certs.path("ca.pem"));
    CHECK(s.result == sync::SyncResult::Failed);
    CHECK_MESSAGE(s.detail.find("Protocol \"http\" not supported") != std::string::npos, s.detail);

    for (const char* name : {"wronghost", "self"})
    {
        CAPTURE(name);
        httplib::SSLServer bad(certs.path(std::string(name) + ".pem").c_str(), certs.path(std::string(name) + ".key").c_str());
        REQUIRE(bad.is_valid());
        serve(bad);
        Running<httplib::SSLServer> badRun(bad);
        s = syncFrom("https://127.0.0.1:" + std::to_string(badRun.port) + "/feed.json", certs.path("ca.pem"));
        CHECK(s.result == sync::SyncResult::Failed);
        CHECK(s.failure == sync::FailureKind::Network);
        CHECK_MESSAGE(s.detail.rfind("tls", 0) == 0, s.detail);
    }
}

TEST_CASE("tls: feed.ca_file is read from the configuration, relative to its folder")
{
    std::string error;
    auto cfg = config::parseConfig(R"({"feed": {"url": "https://e.org/f.json", "ca_file": "network-ca.pem"}})",
                                   "/etc/mint-kiosk/kiosk.json", error);
    REQUIRE_MESSAGE(cfg, error);
    CHECK(cfg->feed.caFile == "/etc/mint-kiosk/network-ca.pem");
}
