// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "telemetry/metricsender.h"

#include <functional>
#include <memory>
#include <string>

namespace hopscope {

// Sends gauges to a DogStatsD server over UDP, in its line format
// ("name:value|g|#tag1,tag2"), several lines to a datagram. Sending never blocks and never
// fails a caller: the first problem (no route, nothing listening, a full socket buffer) goes to
// the problem handler once, and later ones are silent.
class DogStatsdSender : public MetricSender
{
public:
    // DogStatsD's own limit for a datagram on a network path that may fragment.
    static constexpr std::size_t kMaxDatagramBytes = 1432;

    using ProblemHandler = std::function<void(const std::string &message)>;

    // `address` is "host:port" or "[IPv6]:port"; a host name is resolved here, once, waiting a
    // second at most. Fails with ErrorCode::InvalidAddress or ErrorCode::UnknownHost.
    static Expected<std::unique_ptr<DogStatsdSender>> open(const std::string &address,
                                                           ProblemHandler onProblem);
    ~DogStatsdSender() override;
    DogStatsdSender(const DogStatsdSender &) = delete;
    DogStatsdSender &operator=(const DogStatsdSender &) = delete;

    void gauge(std::string_view name, double value, const std::vector<std::string> &tags) override;
    void flush() override;

private:
    DogStatsdSender(int fd, std::string address, ProblemHandler onProblem);
    void send(const std::string &datagram);
    void reportProblem(int error);

    int m_fd;
    std::string m_address;
    ProblemHandler m_onProblem;
    bool m_problemReported = false;
    std::string m_pending;
};

} // namespace hopscope
