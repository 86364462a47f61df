// Queries off the UI thread; see query_worker.hpp.
#include "query_worker.hpp"

#include <algorithm>

namespace mint::app
{

QueryWorker::QueryWorker(std::function<void()> wake) : m_wake(std::move(wake)), m_thread([this] { run(); })
{
}

QueryWorker::~QueryWorker()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void QueryWorker::submit(QueryRequest request)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queued = std::move(request);  // replaces an older one still waiting
    }
    m_cv.notify_all();
}

std::optional<QueryAnswer> QueryWorker::take()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    std::optional<QueryAnswer> out = std::move(m_done);
    m_done.reset();
    return out;
}

bool QueryWorker::busy() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_queued.has_value() || m_running;
}

void QueryWorker::waitIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cv.wait(lock, [&] { return (!m_queued && !m_running) || m_stop; });
}

void QueryWorker::run()
{
    while (true)
    {
        QueryRequest request;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_cv.wait(lock, [&] { return m_stop || m_queued.has_value(); });
            if (m_stop)
                return;
            request = std::move(*m_queued);
            m_queued.reset();
            m_running = true;
        }
        QueryAnswer answer;
        answer.generation = request.generation;
        answer.catalog = request.catalog;
        if (request.catalog)
        {
            const catalog::Catalog& cat = *request.catalog;
            answer.result = catalog::runQuery(cat, request.browse.toQuery(request.now, cat.zone, request.kiosk));
            if (request.chipCounts)
                answer.chipCounts = ui::chipCounts(cat, request.browse, request.now, request.kiosk);
            if (request.countAll)
            {
                // The figure home shows is the count a visitor gets on "all offers": the same
                // query without filters (past offers are not counted).
                ui::BrowseState week;
                week.setWhen(ui::WhenChoice::Week);
                catalog::QueryResult soon = catalog::runQuery(cat, week.toQuery(request.now, cat.zone, request.kiosk));
                soon.items.resize(std::min<std::size_t>(soon.items.size(), 8));
                answer.soon = std::move(soon.items);
                answer.allTotal = request.browse.anyFilter()
                                      ? catalog::runQuery(cat, ui::BrowseState{}.toQuery(request.now, cat.zone, request.kiosk)).total
                                      : answer.result.total;
            }
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done = std::move(answer);
            m_running = false;
        }
        m_cv.notify_all();
        if (m_wake)
            m_wake();
    }
}

}  // namespace mint::app
