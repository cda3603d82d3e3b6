// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "owner/mmdbdatabase.h"

#include "common/safetext.h"

#include <maxminddb.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <sys/socket.h>

namespace hopscope {

namespace {

constexpr std::size_t kLongestText = 200;

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Whether a database of this type can hold AS numbers or countries.
bool namesOwners(const std::string &type)
{
    const std::string name = lower(type);
    for (const char *word : {"asn", "country", "city", "ipinfo", "isp", "enterprise"})
        if (name.find(word) != std::string::npos)
            return true;
    return false;
}

std::string whyNotOpened(int status, int openErrno)
{
    switch (status) {
    case MMDB_FILE_OPEN_ERROR:
    case MMDB_IO_ERROR:
        return std::string("cannot be read: ") + std::strerror(openErrno);
    case MMDB_OUT_OF_MEMORY_ERROR:
        return "cannot be read: out of memory";
    case MMDB_UNKNOWN_DATABASE_FORMAT_ERROR:
        return "is a MaxMind database of a format version this build cannot read";
    default: // no metadata, a broken search tree or data section
        return "is not a MaxMind database (.mmdb), or it is damaged";
    }
}

// The text at `path` in an entry, made printable and cut to a length fit for a table.
std::optional<std::string> textAt(MMDB_entry_s &entry, const char *const *path)
{
    MMDB_entry_data_s data{};
    if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data ||
        data.type != MMDB_DATA_TYPE_UTF8_STRING)
        return std::nullopt;
    const std::string_view text(data.utf8_string,
                                std::min<std::size_t>(data.data_size, kLongestText));
    if (text.empty())
        return std::nullopt;
    return printable(text);
}

std::optional<std::uint32_t> numberAt(MMDB_entry_s &entry, const char *const *path)
{
    MMDB_entry_data_s data{};
    if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data)
        return std::nullopt;
    std::uint64_t value = 0;
    switch (data.type) {
    case MMDB_DATA_TYPE_UINT16:
        value = data.uint16;
        break;
    case MMDB_DATA_TYPE_UINT32:
        value = data.uint32;
        break;
    case MMDB_DATA_TYPE_UINT64:
        value = data.uint64;
        break;
    case MMDB_DATA_TYPE_UTF8_STRING: { // IPinfo writes "AS64500"
        std::string_view text(data.utf8_string, data.data_size);
        if (text.size() > 2 && (text.substr(0, 2) == "AS" || text.substr(0, 2) == "as"))
            text.remove_prefix(2);
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size())
            return std::nullopt;
        break;
    }
    default:
        return std::nullopt;
    }
    if (value == 0 || value > 0xffffffffu)
        return std::nullopt;
    return static_cast<std::uint32_t>(value);
}

std::optional<std::string> countryAt(MMDB_entry_s &entry, const char *const *path)
{
    auto code = textAt(entry, path);
    if (!code || code->size() != 2 || !std::all_of(code->begin(), code->end(), [](char c) {
            return std::isalpha(static_cast<unsigned char>(c));
        }))
        return std::nullopt;
    std::transform(code->begin(), code->end(), code->begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return code;
}

// The prefix of the entry that holds `address`: `netmask` bits of it, counted in the database's
// own tree (an IPv4 address sits 96 bits deep in an IPv6 database).
std::string prefixOf(const IpAddress &address, int netmask, bool v6Tree)
{
    int bits = netmask;
    if (address.isV4() && v6Tree)
        bits -= 96;
    const int width = static_cast<int>(address.size() * 8);
    if (bits < 0 || bits > width)
        return {};
    std::uint8_t masked[16] = {};
    std::memcpy(masked, address.data(), address.size());
    for (int bit = bits; bit < width; ++bit)
        masked[bit / 8] &= static_cast<std::uint8_t>(~(0x80 >> (bit % 8)));
    const IpAddress network = address.isV4() ? IpAddress::v4(masked) : IpAddress::v6(masked);
    return network.toString() + "/" + std::to_string(bits);
}

} // namespace

Expected<std::unique_ptr<MmdbDatabase>> MmdbDatabase::open(const std::string &path)
{
    std::unique_ptr<MmdbDatabase> database(new MmdbDatabase);
    database->m_fileName = path.substr(path.find_last_of('/') + 1);
    database->m_mmdb = std::make_unique<MMDB_s>();
    errno = 0;
    const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, database->m_mmdb.get());
    if (status != MMDB_SUCCESS) {
        const int openErrno = errno;
        database->m_mmdb.reset(); // nothing to close
        return Error{status == MMDB_FILE_OPEN_ERROR ? ErrorCode::CannotRead : ErrorCode::Corrupt,
                     printable(path) + " " + whyNotOpened(status, openErrno)};
    }
    const char *type = database->m_mmdb->metadata.database_type;
    database->m_type = printable(type ? type : "");
    if (!namesOwners(database->m_type))
        return Error{ErrorCode::WrongType,
                     printable(path) + " is a \"" + database->m_type +
                         "\" database, which holds neither AS numbers nor countries"};
    return database;
}

MmdbDatabase::~MmdbDatabase()
{
    if (m_mmdb)
        MMDB_close(m_mmdb.get());
}

std::optional<AddressOwner> MmdbDatabase::lookup(const IpAddress &address) const
{
    const IpAddress canonical = address.canonical();
    const bool v6Tree = m_mmdb->metadata.ip_version == 6;
    if (!canonical.isV4() && !v6Tree)
        return std::nullopt;
    sockaddr_storage storage{};
    canonical.toSockaddr(storage);
    int error = MMDB_SUCCESS;
    MMDB_lookup_result_s result =
        MMDB_lookup_sockaddr(m_mmdb.get(), reinterpret_cast<const sockaddr *>(&storage), &error);
    if (error != MMDB_SUCCESS || !result.found_entry)
        return std::nullopt;

    static const char *const kAsNumber[] = {"autonomous_system_number", nullptr};
    static const char *const kAsNumberIpinfo[] = {"asn", nullptr};
    static const char *const kAsName[] = {"autonomous_system_organization", nullptr};
    static const char *const kAsNameIpinfo[] = {"as_name", nullptr};
    static const char *const kCountry[] = {"country", "iso_code", nullptr};
    static const char *const kRegisteredCountry[] = {"registered_country", "iso_code", nullptr};
    static const char *const kCountryIpinfo[] = {"country_code", nullptr};

    AddressOwner owner;
    owner.asn = numberAt(result.entry, kAsNumber);
    if (!owner.asn)
        owner.asn = numberAt(result.entry, kAsNumberIpinfo);
    if (owner.asn) {
        owner.asName = textAt(result.entry, kAsName)
                           .value_or(textAt(result.entry, kAsNameIpinfo).value_or(""));
        owner.prefix = prefixOf(canonical, result.netmask, v6Tree);
    }
    for (const auto *path : {kCountry, kRegisteredCountry, kCountryIpinfo}) {
        if (const auto country = countryAt(result.entry, path)) {
            owner.country = *country;
            break;
        }
    }
    if (!owner.knowsAnything())
        return std::nullopt;
    owner.source = kOwnerSourceMmdbPrefix + m_fileName;
    return owner;
}

std::optional<AddressOwner>
lookupInDatabases(const std::vector<std::unique_ptr<MmdbDatabase>> &databases,
                  const IpAddress &address)
{
    std::optional<AddressOwner> merged;
    std::vector<std::string> answered;
    for (const auto &database : databases) {
        const auto owner = database->lookup(address);
        if (!owner)
            continue;
        bool used = false;
        if (!merged) {
            merged = AddressOwner{};
        }
        if (!merged->asn && owner->asn) {
            merged->asn = owner->asn;
            merged->asName = owner->asName;
            merged->prefix = owner->prefix;
            used = true;
        }
        if (merged->country.empty() && !owner->country.empty()) {
            merged->country = owner->country;
            used = true;
        }
        if (used)
            answered.push_back(database->fileName());
    }
    if (!merged || answered.empty())
        return std::nullopt;
    merged->source = kOwnerSourceMmdbPrefix;
    for (std::size_t i = 0; i < answered.size(); ++i)
        merged->source += (i ? "+" : "") + answered[i];
    return merged;
}

} // namespace hopscope
