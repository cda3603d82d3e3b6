// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "owner/mmdbdatabase.h"
#include "packet/ipaddress.h"
#include "path/addressowner.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace hopscope {

// The strings of every TXT record a DNS name has, or why there are none (NotFound for a name
// that does not exist or has no TXT record; TimedOut; Cancelled).
using TxtAnswer = Expected<std::vector<std::string>>;
// Starts a TXT query and returns at once; the answer comes in the future, within the resolver's
// own time limit.
using TxtQuery = std::function<std::shared_future<TxtAnswer>(const std::string &name)>;

// Where owners come from: local databases first, then (unless `txt` is empty, when nothing
// about the path leaves the machine) Team Cymru's DNS service.
struct OwnerSources
{
    std::vector<std::unique_ptr<MmdbDatabase>> databases;
    TxtQuery txt;
};

// Whose network each address of a path is in, for one process: answers, and questions on their
// way, are kept for its life, so that a hop seen again is never asked about again, and lookups
// started while a trace runs are ready when it ends. Addresses with no public owner (private,
// shared, link-local...) are never asked about. Safe to use from any thread.
class OwnerLookup final
{
public:
    explicit OwnerLookup(OwnerSources sources);

    bool asksTheNetwork() const { return static_cast<bool>(m_sources.txt); }

    // Answers kept from earlier runs (by address): known from now on, never asked again.
    void remember(const std::map<std::string, AddressOwner> &owners);
    // What Team Cymru answered in this process, by address: worth keeping for later runs.
    std::map<std::string, AddressOwner> learned() const;

    // Starts finding the owners of `addresses` not known yet, and returns at once.
    void prefetch(const std::vector<IpAddress> &addresses);
    // The owners of `addresses` known by `deadline`: lookups not started yet start now, and those
    // under way are waited for until then. Addresses with no known owner are left out.
    std::map<std::string, AddressOwner> owners(const std::vector<IpAddress> &addresses,
                                               std::chrono::steady_clock::time_point deadline);
    // The owner of `address` if it is settled already; never starts a lookup.
    std::optional<AddressOwner> known(const IpAddress &address) const;
    // Whether every lookup for `addresses` has ended (answered, failed or never needed), taking
    // in what has come without waiting.
    bool finished(const std::vector<IpAddress> &addresses);
    // The problems met so far (a malformed answer, a server that never answered), each once,
    // in a form fit to show; taken, so that each is told once.
    std::vector<std::string> takeProblems();

    // How many DNS queries were sent (for tests and --verbose figures).
    int queriesSent() const;

private:
    struct Question
    {
        IpAddress address;
        std::optional<AddressOwner> fromDatabases;
        std::shared_future<TxtAnswer> origin;
    };

    // Under m_mutex.
    void startLocked(const IpAddress &address);
    std::shared_future<TxtAnswer> askLocked(const std::string &name);
    std::optional<AddressOwner> settleLocked(Question &question,
                                             std::chrono::steady_clock::time_point deadline,
                                             std::unique_lock<std::mutex> &lock);
    void noteLocked(std::string problem);

    OwnerSources m_sources;
    mutable std::mutex m_mutex;
    std::map<std::string, std::optional<AddressOwner>> m_settled; // empty: nobody's known
    std::set<std::string> m_remembered;
    std::map<std::string, Question> m_asked;
    std::map<std::uint32_t, std::shared_future<TxtAnswer>> m_asNames;
    std::vector<std::string> m_problems;
    std::vector<std::string> m_told;
    int m_queries = 0;
};

} // namespace hopscope
