// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/addressowner.h"

#include <algorithm>

namespace hopscope {

std::string asLabel(const AddressOwner &owner)
{
    if (!owner.asn)
        return {};
    constexpr std::size_t kLongestShortName = 24;
    std::string label = "AS" + std::to_string(*owner.asn);
    std::string_view name = owner.asName;
    name = name.substr(0, std::min(name.find(" - "), name.find(',')));
    if (name.size() > kLongestShortName)
        name = name.substr(0, kLongestShortName);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    if (!name.empty())
        label += " " + std::string(name);
    return label;
}

} // namespace hopscope
