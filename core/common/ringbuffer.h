// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <cstddef>
#include <vector>

namespace hopscope {

// The newest `capacity` items pushed; push() hands back the oldest one when it makes room, so
// that the caller can fold it into a coarser history instead of losing it.
template <typename T> class RingBuffer
{
public:
    explicit RingBuffer(std::size_t capacity) : m_capacity(capacity == 0 ? 1 : capacity) {}

    // Returns true and fills `evicted` when the buffer was full.
    bool push(const T &item, T &evicted)
    {
        if (m_items.size() < m_capacity) {
            m_items.push_back(item);
            return false;
        }
        evicted = m_items[m_head];
        m_items[m_head] = item;
        m_head = (m_head + 1) % m_capacity;
        return true;
    }

    std::size_t size() const { return m_items.size(); }
    std::size_t capacity() const { return m_capacity; }
    bool empty() const { return m_items.empty(); }

    // Oldest first.
    const T &operator[](std::size_t index) const
    {
        return m_items[(m_head + index) % m_items.size()];
    }
    const T &newest() const { return (*this)[m_items.size() - 1]; }

    template <typename Visit> void forEach(Visit visit) const
    {
        for (std::size_t i = 0; i < m_items.size(); ++i)
            visit((*this)[i]);
    }

private:
    std::size_t m_capacity;
    std::size_t m_head = 0; // index of the oldest item once full
    std::vector<T> m_items;
};

} // namespace hopscope
