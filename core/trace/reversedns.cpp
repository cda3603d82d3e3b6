// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "trace/reversedns.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <netdb.h>
#include <sys/socket.h>
#include <thread>
#include <unordered_set>

namespace hopscope {

namespace {

struct Cache
{
    std::mutex mutex;
    std::condition_variable answered;
    std::unordered_map<std::string, std::string> names;
    std::unordered_set<std::string> inFlight;
};

// Never destroyed: lookup threads that outlive a trace may still write to it at exit.
Cache &cache()
{
    static Cache *instance = new Cache;
    return *instance;
}

} // namespace

std::string systemReverseLookup(const IpAddress &address)
{
    sockaddr_storage storage{};
    const socklen_t length = address.toSockaddr(storage);
    char host[NI_MAXHOST] = {};
    if (::getnameinfo(reinterpret_cast<sockaddr *>(&storage), length, host, sizeof host, nullptr, 0,
                      NI_NAMEREQD) != 0)
        return {};
    return host;
}

std::unordered_map<std::string, std::string>
reverseLookupAll(const std::vector<IpAddress> &addresses, std::chrono::milliseconds budget,
                 const ReverseLookup &lookup)
{
    const auto deadline = std::chrono::steady_clock::now() + budget;
    Cache &state = cache();
    std::vector<std::string> keys;
    for (const IpAddress &address : addresses)
        keys.push_back(address.toString());

    std::unique_lock lock(state.mutex);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string &key = keys[i];
        if (state.names.count(key) || state.inFlight.count(key))
            continue;
        state.inFlight.insert(key);
        // Detached on purpose: a resolver that hangs must not hold the trace up, and the thread
        // ends by itself when the resolver gives up.
        std::thread([&state, key, lookup, address = addresses[i]] {
            std::string name = lookup(address);
            std::lock_guard guard(state.mutex);
            state.names[key] = std::move(name);
            state.inFlight.erase(key);
            state.answered.notify_all();
        }).detach();
    }
    state.answered.wait_until(lock, deadline, [&] {
        return std::all_of(keys.begin(), keys.end(),
                           [&](const std::string &key) { return state.names.count(key) > 0; });
    });
    std::unordered_map<std::string, std::string> names;
    for (const std::string &key : keys) {
        const auto it = state.names.find(key);
        if (it != state.names.end() && !it->second.empty())
            names[key] = it->second;
    }
    return names;
}

void clearReverseLookupCache()
{
    std::lock_guard lock(cache().mutex);
    cache().names.clear();
}

} // namespace hopscope
