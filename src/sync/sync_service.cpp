// Background sync thread; see sync_service.hpp.
#include "sync_service.hpp"

#include <chrono>

namespace mint::sync
{

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

SyncStatus SyncService::runGuarded()
{
    // The exception boundary of the sync thread: whatever a run throws (out of memory while
    // decoding, a library's surprise) is logged and reported, and the next run is tried
    // later. A sync problem must never end the kiosk.
    try
    {
        return m_engine.runOnce();
    }
    catch (const std::exception& e)
    {
        return m_engine.recordCrash(e.what());
    }
    catch (...)
    {
        return m_engine.recordCrash("unknown exception");
    }
}

void SyncService::loop(int firstDelayMs)
{
    // A monotonic clock: the wall clock of a kiosk without a real-time clock is stepped by
    // NTP, and a wait until a wall-clock time would then last as long as the step.
    using Clock = std::chrono::steady_clock;
    auto wakeAt = Clock::now() + std::chrono::milliseconds(firstDelayMs);
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
        SyncStatus status = runGuarded();
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
        wakeAt = Clock::now() + std::chrono::seconds(waitAfterRunS(status));
    }
}

}  // namespace mint::sync
