// Where the app wires two lower layers together: the map package is fetched at the end of
// each sync run, with the sync engine's HTTP client (map/ and sync/ know nothing of each
// other; both sit on net/).
#pragma once

#include "config/kiosk_config.hpp"
#include "sync/sync_engine.hpp"

#include <atomic>

namespace mint::app
{

/// Runs map::updateMapPackage after each sync run of `engine` that reached the server;
/// sets `installed` when a new package is in place (the kiosk then reopens its map).
void attachMapPackageUpdate(sync::SyncEngine& engine, const config::KioskConfig& config, std::atomic<bool>* installed);

}  // namespace mint::app
