// Runs the SyncEngine on its own thread on the schedule the status sets, so start-up and
// the UI never wait for the network. A new catalogue is handed to `onCatalog` (the app
// stores it and swaps it in between frames); `onStatus` reports every run.
#pragma once

#include "sync_engine.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace mint::sync
{

class SyncService
{
public:
    using CatalogHandler = std::function<void(CatalogPtr)>;
    using StatusHandler = std::function<void(const SyncStatus&)>;

    /// `onCatalog` runs on the service thread after a run that installed a new catalogue or
    /// changed the set of cached pictures (then with the same catalogue again).
    SyncService(SyncEngine& engine, CatalogHandler onCatalog, StatusHandler onStatus = {});
    ~SyncService();

    /// Starts the thread; the first run begins after `firstDelayMs`.
    void start(int firstDelayMs = 0);
    /// Asks for a run now (admin screen's "sync now").
    void syncNow();
    /// Stops after the current run; joins the thread.
    void stop();
    SyncStatus status() const;

private:
    void loop(int firstDelayMs);
    SyncStatus runGuarded();

    SyncEngine& m_engine;
    CatalogHandler m_onCatalog;
    StatusHandler m_onStatus;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_now = false;
    SyncStatus m_status;
    std::size_t m_lastImagesCached = 0;  ///< the service thread's own
};

}  // namespace mint::sync
