// Texture slot bookkeeping; see slot_pool.hpp.
#include "map/slot_pool.hpp"

namespace mint::map
{

int SlotPool::find(std::uint64_t key) const
{
    auto it = m_byKey.find(key);
    return it == m_byKey.end() ? -1 : it->second;
}

int SlotPool::acquire(std::uint64_t key, std::uint64_t frame, std::uint64_t* evicted)
{
    if (evicted)
        *evicted = 0;
    if (const int have = find(key); have >= 0)
    {
        touch(have, frame);
        return have;
    }
    int slot = -1;
    if (m_slots.size() < m_max)
    {
        m_slots.push_back(Slot{});
        slot = static_cast<int>(m_slots.size()) - 1;
    }
    else
    {
        for (int i = 0; i < static_cast<int>(m_slots.size()); ++i)
        {
            const Slot& s = m_slots[static_cast<std::size_t>(i)];
            if (s.pinned || s.lastUsed >= frame)
                continue;
            if (slot < 0 || s.lastUsed < m_slots[static_cast<std::size_t>(slot)].lastUsed)
                slot = i;
        }
        if (slot < 0)
            return -1;
        m_byKey.erase(m_slots[static_cast<std::size_t>(slot)].key);
        if (evicted)
            *evicted = m_slots[static_cast<std::size_t>(slot)].key;
        ++m_evictions;
    }
    m_slots[static_cast<std::size_t>(slot)] = Slot{key, frame, false};
    m_byKey[key] = slot;
    return slot;
}

}  // namespace mint::map
