// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "common/statecodec.h"

namespace hopscope {

void StateWriter::putStrings(const std::vector<std::string> &strings)
{
    putSize(strings.size());
    for (const std::string &text : strings)
        putString(text);
}

void StateWriter::putStrings(const std::set<std::string> &strings)
{
    putSize(strings.size());
    for (const std::string &text : strings)
        putString(text);
}

void StateReader::fail(const std::string &what) const
{
    throw StateError(what + " at byte " + std::to_string(m_offset));
}

void StateReader::need(std::size_t bytes) const
{
    if (m_bytes.size() - m_offset < bytes)
        fail("it is cut short");
}

std::size_t StateReader::getCount(std::size_t itemBytes)
{
    const auto count = get<std::uint32_t>();
    if (itemBytes > 0 && count > (m_bytes.size() - m_offset) / itemBytes)
        fail("a count of " + std::to_string(count) + " is more than the state holds");
    return count;
}

std::string StateReader::getString()
{
    const std::size_t size = getCount(1);
    std::string text(m_bytes.substr(m_offset, size));
    m_offset += size;
    return text;
}

std::vector<std::string> StateReader::getStrings()
{
    std::vector<std::string> strings(getCount(4));
    for (std::string &text : strings)
        text = getString();
    return strings;
}

std::set<std::string> StateReader::getStringSet()
{
    std::set<std::string> strings;
    for (std::size_t count = getCount(4); count > 0; --count)
        strings.insert(getString());
    return strings;
}

} // namespace hopscope
