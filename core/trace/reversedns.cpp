#include "trace/reversedns.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <netdb.h>
#include <sys/socket.h>
#include <thread>

namespace hopscope {

namespace {

struct Cache
{
    std::mutex mutex;
    std::unordered_map<std::string, std::string> names;
};

Cache &cache()
{
    static Cache instance;
    return instance;
}

struct Batch
{
    std::mutex mutex;
    std::condition_variable done;
    int pending = 0;
};

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
    auto batch = std::make_shared<Batch>();
    std::vector<std::string> wanted;
    {
        std::lock_guard lock(cache().mutex);
        for (const IpAddress &address : addresses) {
            const std::string key = address.toString();
            if (cache().names.count(key) || std::find(wanted.begin(), wanted.end(), key) != wanted.end())
                continue;
            wanted.push_back(key);
        }
    }
    batch->pending = static_cast<int>(wanted.size());
    for (const std::string &key : wanted) {
        // Detached on purpose: a resolver that hangs must not hold the trace up, and the thread
        // ends by itself when the resolver gives up.
        std::thread([batch, key, lookup, address = *IpAddress::parse(key)] {
            std::string name = lookup(address);
            {
                std::lock_guard lock(cache().mutex);
                cache().names[key] = std::move(name);
            }
            std::lock_guard lock(batch->mutex);
            if (--batch->pending == 0)
                batch->done.notify_all();
        }).detach();
    }
    {
        std::unique_lock lock(batch->mutex);
        batch->done.wait_until(lock, deadline, [&batch] { return batch->pending == 0; });
    }
    std::unordered_map<std::string, std::string> names;
    std::lock_guard lock(cache().mutex);
    for (const IpAddress &address : addresses) {
        const auto it = cache().names.find(address.toString());
        if (it != cache().names.end() && !it->second.empty())
            names[it->first] = it->second;
    }
    return names;
}

void clearReverseLookupCache()
{
    std::lock_guard lock(cache().mutex);
    cache().names.clear();
}

} // namespace hopscope
