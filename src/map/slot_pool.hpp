// The bookkeeping of the map's fixed texture pool, without GL: which tile sits in which
// slot, least recently used slots reused, pinned slots (the region's lowest levels) and
// slots drawn in the current frame never taken. Unit-tested; ui/tile_layer owns the GL side.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace mint::map
{

class SlotPool
{
public:
    explicit SlotPool(std::size_t maxSlots) : m_max(maxSlots) {}

    /// The slot holding `key`, or -1.
    int find(std::uint64_t key) const;
    /// A slot for a new `key` at `frame`: a new one while the pool grows, else the least
    /// recently used one that is neither pinned nor used in this frame; -1 when there is none.
    /// `evicted` gets the key that lost its slot (0 when none did).
    int acquire(std::uint64_t key, std::uint64_t frame, std::uint64_t* evicted = nullptr);
    void touch(int slot, std::uint64_t frame) { m_slots[static_cast<std::size_t>(slot)].lastUsed = frame; }
    void pin(int slot) { m_slots[static_cast<std::size_t>(slot)].pinned = true; }
    std::size_t size() const { return m_slots.size(); }
    std::size_t maxSlots() const { return m_max; }
    std::size_t evictions() const { return m_evictions; }

private:
    struct Slot
    {
        std::uint64_t key = 0;
        std::uint64_t lastUsed = 0;
        bool pinned = false;
    };
    std::size_t m_max;
    std::vector<Slot> m_slots;
    std::unordered_map<std::uint64_t, int> m_byKey;
    std::size_t m_evictions = 0;
};

}  // namespace mint::map
