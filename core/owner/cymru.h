// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "packet/ipaddress.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Team Cymru's IP-to-ASN service over DNS (https://www.team-cymru.com/ip-asn-mapping): a TXT
// query for an address's reversed form under origin.asn.cymru.com (origin6 for IPv6) names the
// AS that announces it, and one for AS<number>.asn.cymru.com names that AS.
namespace hopscope {

// "2.1.18.198.origin.asn.cymru.com", or the 32 reversed nibbles of an IPv6 address under
// origin6.asn.cymru.com.
std::string cymruOriginQuery(const IpAddress &address);
// "AS64500.asn.cymru.com".
std::string cymruAsQuery(std::uint32_t asn);

struct CymruOrigin
{
    std::uint32_t asn = 0; // the first when several ASes announce the prefix
    std::string prefix;
    std::string country;
};

// Reads the TXT strings of an origin answer ("64500 | 198.18.0.0/15 | ZZ | arin | 2000-01-01"),
// one per record; several records are several announced prefixes, and the most specific wins.
// The error names what in the answer is wrong, in a form fit to show.
Expected<CymruOrigin> parseCymruOrigin(const std::vector<std::string> &records);
// Reads the AS's name from an AS answer ("64500 | ZZ | arin | 2000-01-01 | EXAMPLE - Example Net,
// ZZ"): the last field, cut to a length fit for a table.
Expected<std::string> parseCymruAsName(const std::vector<std::string> &records);

} // namespace hopscope
