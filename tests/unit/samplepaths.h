// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"

#include <QString>

namespace hopscope::testing {

// A TCP trace with an interface, a silent TTL, two ECMP responders and the hopscope extension.
NetworkPath fullTcpPath();
// The fewest fields a NetworkPath can have.
NetworkPath minimalPath();
// ICMP (no port), non-ASCII hostnames, and the newer agent's hop_count and e2e_probe figures.
NetworkPath icmpPathWithE2e();

// Hops as one line each, "ttl address hostname rtt reachable", for exact comparisons.
QString describeHops(const NetworkPath &path);

QString fixturePath(const QString &relative);
QByteArray readFixture(const QString &relative);

} // namespace hopscope::testing
