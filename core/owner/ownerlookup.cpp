// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "owner/ownerlookup.h"

#include "owner/cymru.h"
#include "owner/lookupscope.h"

#include <algorithm>

namespace hopscope {

namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool readyBy(const std::shared_future<TxtAnswer> &answer,
             std::chrono::steady_clock::time_point deadline, std::unique_lock<std::mutex> &lock)
{
    if (answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        return true;
    // Unlocked while waiting: other threads may ask and prefetch meanwhile.
    const std::shared_future<TxtAnswer> waited = answer;
    lock.unlock();
    const bool ready = waited.wait_until(deadline) == std::future_status::ready;
    lock.lock();
    return ready;
}

} // namespace

OwnerLookup::OwnerLookup(OwnerSources sources) : m_sources(std::move(sources)) {}

void OwnerLookup::remember(const std::map<std::string, AddressOwner> &owners)
{
    std::lock_guard lock(m_mutex);
    for (const auto &[text, owner] : owners) {
        const auto address = IpAddress::parse(text);
        if (!address || !hasPublicOwner(*address))
            continue;
        const std::string key = address->canonical().toString();
        m_settled[key] = owner;
        m_remembered.insert(key);
    }
}

std::map<std::string, AddressOwner> OwnerLookup::learned() const
{
    std::lock_guard lock(m_mutex);
    std::map<std::string, AddressOwner> found;
    for (const auto &[key, owner] : m_settled)
        if (owner && owner->source == kOwnerSourceCymru && !m_remembered.count(key))
            found[key] = *owner;
    return found;
}

void OwnerLookup::prefetch(const std::vector<IpAddress> &addresses)
{
    std::lock_guard lock(m_mutex);
    for (const IpAddress &address : addresses)
        startLocked(address);
}

std::map<std::string, AddressOwner>
OwnerLookup::owners(const std::vector<IpAddress> &addresses,
                    std::chrono::steady_clock::time_point deadline)
{
    std::unique_lock lock(m_mutex);
    for (const IpAddress &address : addresses)
        startLocked(address);
    std::map<std::string, AddressOwner> found;
    for (const IpAddress &address : addresses) {
        const std::string key = address.canonical().toString();
        if (const auto settled = m_settled.find(key); settled != m_settled.end()) {
            if (settled->second)
                found[address.toString()] = *settled->second;
            continue;
        }
        const auto asked = m_asked.find(key);
        if (asked == m_asked.end())
            continue;                      // nobody's on the Internet
        Question question = asked->second; // a copy: the map may change while unlocked
        if (const auto owner = settleLocked(question, deadline, lock))
            found[address.toString()] = *owner;
    }
    return found;
}

std::optional<AddressOwner> OwnerLookup::known(const IpAddress &address) const
{
    std::lock_guard lock(m_mutex);
    const auto settled = m_settled.find(address.canonical().toString());
    return settled == m_settled.end() ? std::nullopt : settled->second;
}

bool OwnerLookup::finished(const std::vector<IpAddress> &addresses)
{
    owners(addresses, std::chrono::steady_clock::now());
    std::lock_guard lock(m_mutex);
    return std::none_of(addresses.begin(), addresses.end(), [this](const IpAddress &address) {
        return m_asked.count(address.canonical().toString()) > 0;
    });
}

void OwnerLookup::startLocked(const IpAddress &address)
{
    const std::string key = address.canonical().toString();
    if (!hasPublicOwner(address) || m_settled.count(key) || m_asked.count(key))
        return;
    Question question{address.canonical(), lookupInDatabases(m_sources.databases, address), {}};
    // A database that knows the AS answers alone: nothing leaves the machine for it.
    if ((question.fromDatabases && question.fromDatabases->asn) || !m_sources.txt) {
        if (question.fromDatabases)
            question.fromDatabases->lookedUpAtMs = nowMs();
        m_settled[key] = question.fromDatabases;
        return;
    }
    question.origin = askLocked(cymruOriginQuery(address));
    m_asked.emplace(key, std::move(question));
}

std::shared_future<TxtAnswer> OwnerLookup::askLocked(const std::string &name)
{
    ++m_queries;
    return m_sources.txt(name);
}

std::optional<AddressOwner>
OwnerLookup::settleLocked(Question &question, std::chrono::steady_clock::time_point deadline,
                          std::unique_lock<std::mutex> &lock)
{
    const std::string key = question.address.toString();
    const auto settle = [&](std::optional<AddressOwner> owner) {
        m_settled[key] = owner;
        m_asked.erase(key);
        return owner;
    };
    if (!readyBy(question.origin, deadline, lock))
        return std::nullopt;  // still on its way: a later call may have it
    if (m_settled.count(key)) // settled by another thread while this one waited
        return m_settled[key];
    const TxtAnswer &answer = question.origin.get();
    if (!answer) {
        // A server that does not answer fails every address alike: told once, not per address.
        if (answer.error().code == ErrorCode::TimedOut)
            noteLocked("AS lookups: " + answer.error().message);
        else if (answer.error().code != ErrorCode::NotFound)
            noteLocked("AS lookup of " + key + ": " + answer.error().message);
        return settle(question.fromDatabases);
    }
    const auto origin = parseCymruOrigin(*answer);
    if (!origin) {
        noteLocked("AS lookup of " + key + ": " + origin.error().message);
        return settle(question.fromDatabases);
    }
    AddressOwner owner;
    owner.asn = origin->asn;
    owner.prefix = origin->prefix;
    owner.country = origin->country;
    if (owner.country.empty() && question.fromDatabases)
        owner.country = question.fromDatabases->country;
    owner.source = kOwnerSourceCymru;
    owner.lookedUpAtMs = nowMs();

    auto name = m_asNames.find(origin->asn);
    if (name == m_asNames.end())
        name = m_asNames.emplace(origin->asn, askLocked(cymruAsQuery(origin->asn))).first;
    const std::shared_future<TxtAnswer> nameAnswer = name->second;
    if (!readyBy(nameAnswer, deadline, lock))
        return owner; // the number now, the name when a later call finds it answered
    if (const TxtAnswer &names = nameAnswer.get(); names) {
        if (const auto asName = parseCymruAsName(*names))
            owner.asName = *asName;
        else
            noteLocked("name of AS " + std::to_string(origin->asn) + ": " + asName.error().message);
    } else if (names.error().code == ErrorCode::TimedOut) {
        noteLocked("AS lookups: " + names.error().message);
    } else if (names.error().code != ErrorCode::NotFound) {
        noteLocked("name of AS " + std::to_string(origin->asn) + ": " + names.error().message);
    }
    return settle(owner);
}

void OwnerLookup::noteLocked(std::string problem)
{
    if (std::find(m_told.begin(), m_told.end(), problem) != m_told.end())
        return;
    m_told.push_back(problem);
    m_problems.push_back(std::move(problem));
}

std::vector<std::string> OwnerLookup::takeProblems()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_problems, {});
}

int OwnerLookup::queriesSent() const
{
    std::lock_guard lock(m_mutex);
    return m_queries;
}

} // namespace hopscope
