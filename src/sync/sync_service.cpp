// Background sync thread; see sync_service.hpp.
#include "sync_service.hpp"

#include <chrono>

namespace mint::sync {

SyncService::SyncService(SyncEngine& engine, CatalogHandler onCatalog, StatusHandler onStatus)
    : m_engine(engine), m_onCatalog(std::move(onCatalog)), m_onStatus(std::move(onStatus))
{
}

SyncService::~SyncService()
{
    stop();
}

void SyncService::start(int firstDelayMs)
{
    if (m_thread.joinable())
        return;
    m_stop = false;
    m_thread = std::thread([this, firstDelayMs] { loop(firstDelayMs); });
}

void SyncService::syncNow()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_now = true;
    m_wake.notify_all();
}

void SyncService::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_wake.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
}

SyncStatus SyncService::status() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_status;
}

void SyncService::loop(int firstDelayMs)
{
    auto wakeAt = std::chrono::system_clock::now() + std::chrono::milliseconds(firstDelayMs);
    while (true)
    {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait_until(lock, wakeAt, [&] { return m_stop || m_now; });
            if (m_stop)
                return;
            m_now = false;
        }
        const CatalogPtr before = m_engine.catalog();
        const SyncStatus status = m_engine.runOnce();
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_status = status;
        }
        const CatalogPtr after = m_engine.catalog();
        // Also when only the pictures changed (a not-modified feed whose missing pictures
        // arrived this time): the UI then re-reads its picture index.
        const bool picturesChanged = status.imagesCached != m_lastImagesCached;
        m_lastImagesCached = status.imagesCached;
        if (after && (after != before || picturesChanged) && m_onCatalog)
            m_onCatalog(after);
        if (m_onStatus)
            m_onStatus(status);
        wakeAt = std::chrono::system_clock::time_point(std::chrono::seconds(status.nextAttempt));
    }
}

}  // namespace mint::sync
