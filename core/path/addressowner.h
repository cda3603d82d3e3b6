// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hopscope {

// Whose network an address is in: the AS that announces it, the prefix it is announced in and
// the country the registry or database gives, with where and when that was learnt. Any part may
// be unknown (a country database names no AS; a file names only the AS number).
struct AddressOwner
{
    std::optional<std::uint32_t> asn;
    std::string asName;
    std::string prefix;            // "198.18.0.0/15"
    std::string country;           // ISO 3166-1 alpha-2, upper case
    std::string source;            // see ownerSource*() below
    std::int64_t lookedUpAtMs = 0; // Unix time; 0 when the source did not say

    bool knowsAnything() const { return asn || !country.empty(); }
    bool operator==(const AddressOwner &) const = default;
};

// "AS64500 EXAMPLE-NET": the number and the short name (Team Cymru's names run
// "EXAMPLE-NET - Example Net, NL"), for a table; "AS64500" without a name, "" without an AS.
std::string asLabel(const AddressOwner &owner);

// AS 0 is reserved (RFC 7607) and announces nothing: traceroute -a prints [AS0] for an address
// whose AS it could not learn, so a file's AS 0 means "unknown".
inline constexpr std::uint32_t kNoAsn = 0;

// The sources an owner can come from, as files and the window name them.
inline constexpr const char *kOwnerSourceCymru = "cymru";      // Team Cymru's DNS service
inline constexpr const char *kOwnerSourceFile = "file";        // the file the path came in
inline constexpr const char *kOwnerSourceMmdbPrefix = "mmdb:"; // followed by the database's name

} // namespace hopscope
