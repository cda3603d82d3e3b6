// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "owner/lookupscope.h"

#include <cstdint>

namespace hopscope {

namespace {

// Whether the first `bits` bits of `address` are those of `prefix`.
bool within(const std::uint8_t *address, std::initializer_list<std::uint8_t> prefix, int bits)
{
    int index = 0;
    for (const std::uint8_t byte : prefix) {
        const int here = bits - 8 * index;
        if (here <= 0)
            break;
        const auto mask = static_cast<std::uint8_t>(here >= 8 ? 0xff : 0xff << (8 - here));
        if ((address[index] & mask) != (byte & mask))
            return false;
        ++index;
    }
    return true;
}

bool hasPublicOwnerV4(const std::uint8_t *a)
{
    return !(within(a, {0}, 8) ||                  // "this network"
             within(a, {10}, 8) ||                 // private
             within(a, {100, 64}, 10) ||           // shared, carrier-grade NAT
             within(a, {127}, 8) ||                // loopback
             within(a, {169, 254}, 16) ||          // link-local
             within(a, {172, 16}, 12) ||           // private
             within(a, {192, 168}, 16) ||          // private
             within(a, {224}, 4) ||                // multicast
             within(a, {255, 255, 255, 255}, 32)); // broadcast
}

} // namespace

bool hasPublicOwner(const IpAddress &address)
{
    const IpAddress canonical = address.canonical();
    const std::uint8_t *a = canonical.data();
    if (canonical.isV4())
        return hasPublicOwnerV4(a);
    return !(canonical.isUnspecified() ||
             within(a, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128) || // loopback
             within(a, {0xfc}, 7) ||                                             // unique-local
             within(a, {0xfe, 0x80}, 10) ||                                      // link-local
             within(a, {0xff}, 8));                                              // multicast
}

} // namespace hopscope
