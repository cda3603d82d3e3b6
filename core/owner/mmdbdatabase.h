// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "packet/ipaddress.h"
#include "path/addressowner.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct MMDB_s;

namespace hopscope {

// A MaxMind-format database (.mmdb) of AS numbers or countries: GeoLite2/GeoIP2 ASN, Country and
// City, DB-IP Lite, IPinfo Lite. Read from the disk, so it answers with no network at all.
// Lookups may run on any thread at once.
class MmdbDatabase final
{
public:
    // Opens `path`; a file that is no such database, is damaged, or holds neither AS numbers nor
    // countries (an anonymous-IP database, say) is refused with a message naming the file.
    static Expected<std::unique_ptr<MmdbDatabase>> open(const std::string &path);
    ~MmdbDatabase();
    MmdbDatabase(const MmdbDatabase &) = delete;
    MmdbDatabase &operator=(const MmdbDatabase &) = delete;

    // The file's name without its folder, as the source of what it answers.
    const std::string &fileName() const { return m_fileName; }
    // The type the database gives itself ("GeoLite2-ASN").
    const std::string &type() const { return m_type; }

    // What the database holds for `address`: its AS (number, name, the prefix of the entry) and
    // country, as far as it has them; nothing when it has no entry, or a damaged one.
    std::optional<AddressOwner> lookup(const IpAddress &address) const;

private:
    MmdbDatabase() = default;

    std::unique_ptr<MMDB_s> m_mmdb;
    std::string m_fileName;
    std::string m_type;
};

// Asks every database in turn: the first to know the AS gives it (number, name and prefix), the
// first to know the country gives that; the source names the databases that answered.
std::optional<AddressOwner>
lookupInDatabases(const std::vector<std::unique_ptr<MmdbDatabase>> &databases,
                  const IpAddress &address);

} // namespace hopscope
