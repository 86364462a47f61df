// Runs catalogue queries off the UI thread. The app submits what the visitor chose; only
// the newest request matters (older queued ones are dropped); the answer is picked up
// between frames. A query over a large catalogue (and the chip counts) never stalls a frame.
#pragma once

#include "catalog/query.hpp"
#include "ui_model/browse_state.hpp"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace mint::app
{

struct QueryRequest
{
    std::shared_ptr<const catalog::Catalog> catalog;
    ui::BrowseState browse;
    catalog::Timestamp now = 0;
    std::optional<catalog::GeoPoint> kiosk;
    bool chipCounts = false;  ///< also count what each age/when/distance chip would give
    bool countAll = false;    ///< also count what "all offers" shows (home's figure)
    std::uint64_t generation = 0;
};

struct QueryAnswer
{
    std::uint64_t generation = 0;
    std::shared_ptr<const catalog::Catalog> catalog;
    catalog::QueryResult result;
    std::map<std::string, int> chipCounts;
    std::optional<std::size_t> allTotal;    ///< with countAll: offers "all offers" lists right now
    std::vector<catalog::ResultItem> soon;  ///< with countAll: the next offers of the coming week (home's cards)
};

class QueryWorker
{
public:
    /// `wake` is called from the worker when an answer is ready (glfwPostEmptyEvent).
    explicit QueryWorker(std::function<void()> wake);
    ~QueryWorker();
    QueryWorker(const QueryWorker&) = delete;
    QueryWorker& operator=(const QueryWorker&) = delete;

    void submit(QueryRequest request);
    /// The newest finished answer, once.
    std::optional<QueryAnswer> take();
    bool busy() const;
    /// Blocks until nothing is queued or running (scripts: deterministic frames).
    void waitIdle();

private:
    void run();
    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::optional<QueryRequest> m_queued;
    std::optional<QueryAnswer> m_done;
    bool m_running = false;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace mint::app
