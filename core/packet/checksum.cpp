// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/checksum.h"

namespace hopscope {

namespace {

std::uint32_t addWords(std::span<const std::uint8_t> bytes, std::uint32_t sum)
{
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2)
        sum += static_cast<std::uint32_t>(bytes[i] << 8 | bytes[i + 1]);
    if (i < bytes.size())
        sum += static_cast<std::uint32_t>(bytes[i] << 8);
    return sum;
}

std::uint16_t fold(std::uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

} // namespace

std::uint16_t internetChecksum(std::span<const std::uint8_t> bytes, std::uint32_t sum)
{
    return fold(addWords(bytes, sum));
}

namespace {

std::uint32_t pseudoHeaderWords(const IpAddress &source, const IpAddress &destination,
                                std::uint8_t protocol, std::size_t segmentLength)
{
    std::uint32_t sum = addWords({source.data(), source.size()}, 0);
    sum = addWords({destination.data(), destination.size()}, sum);
    const auto length = static_cast<std::uint32_t>(segmentLength);
    return sum + (length >> 16) + (length & 0xffff) + protocol;
}

} // namespace

std::uint16_t transportChecksum(const IpAddress &source, const IpAddress &destination,
                                std::uint8_t protocol, std::span<const std::uint8_t> segment)
{
    return internetChecksum(segment,
                            pseudoHeaderWords(source, destination, protocol, segment.size()));
}

std::uint16_t pseudoHeaderSum(const IpAddress &source, const IpAddress &destination,
                              std::uint8_t protocol, std::size_t segmentLength)
{
    return static_cast<std::uint16_t>(
        ~fold(pseudoHeaderWords(source, destination, protocol, segmentLength)));
}

std::uint16_t adjustedChecksum(std::uint16_t checksum, std::span<const std::uint8_t> before,
                               std::span<const std::uint8_t> after)
{
    // HC' = ~(~HC + ~m + m'), word by word.
    std::uint32_t sum = static_cast<std::uint16_t>(~checksum);
    for (std::size_t i = 0; i + 1 < before.size() && i + 1 < after.size(); i += 2) {
        sum += static_cast<std::uint16_t>(~(before[i] << 8 | before[i + 1]));
        sum += static_cast<std::uint32_t>(after[i] << 8 | after[i + 1]);
    }
    return fold(sum);
}

} // namespace hopscope
