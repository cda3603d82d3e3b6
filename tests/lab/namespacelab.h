// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QStringList>

#include <QProcess>

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

// A routed test network made of Linux network namespaces and veth pairs, torn down when the
// object goes (and, for namespaces left by a crashed run, when the next lab starts).
//
// The chain lab:   client - r1 - r2 - ... - rN - server
// Link i joins node i and node i+1 (client is node 0, server node N+1) with 198.18.i.0/24
// (.1 left, .2 right) and fd42:0:0:i::/64 (::1 left, ::2 right). Routers forward and have routes
// both ways.
class NamespaceLab
{
public:
    // How routers and the server send ICMP errors. Real routers keep Linux's default budget (one
    // error a second per peer after a burst of six, and 1000 a second in all); a test that needs
    // every probe answered at any rate says why it asks for Unlimited. The client's own settings
    // are left alone either way.
    enum class IcmpBudget { LinuxDefault, Unlimited };

    // Empty when lab tests can run here; otherwise why not (for QSKIP).
    static QString unavailableReason();

    explicit NamespaceLab(int routers, IcmpBudget budget = IcmpBudget::LinuxDefault);
    ~NamespaceLab();
    NamespaceLab(const NamespaceLab &) = delete;
    NamespaceLab &operator=(const NamespaceLab &) = delete;

    // Before build(): link `link` becomes a cable with this one-way delay, made by `program`
    // (hopscope-delaylink) forwarding frames in a namespace of its own.
    // With a rate (kbit/s), the link also sends one frame at a time at that rate each way.
    void setLinkDelay(int link, double oneWayMs, const QString &program, double rateKbps = 0);

    // Builds the chain; false with error() on failure.
    bool build();
    const QString &error() const { return m_error; }

    QString ns(const QString &node) const { return m_prefix + node; }
    QString router(int i) const { return ns(QStringLiteral("r%1").arg(i)); }
    QString client() const { return ns(QStringLiteral("client")); }
    QString server() const { return ns(QStringLiteral("server")); }
    int routers() const { return m_routers; }

    // The address of node `node` (0 = client ... routers+1 = server) on its link towards the
    // client (the server's only address for the server; for the client its only one).
    static QString v4Toward(int node, bool towardClient);
    static QString v6Toward(int node, bool towardClient);
    static QString serverV4(int routers) { return v4Toward(routers + 1, true); }
    static QString serverV6(int routers) { return v6Toward(routers + 1, true); }

    // Runs a command inside a namespace; false with error() when it fails.
    bool exec(const QString &ns, const QStringList &command, const QByteArray &input = {});
    // Router `i` stops sending time-exceeded (IPv4 and IPv6): a silent hop.
    bool silenceRouter(int i);
    // Router `i` answers 198.18.99.0/24 and fd42:99::/64 with "unreachable" routes (host
    // unreachable, no route) and 198.18.98.0/24 and fd42:98::/64 with "prohibit" routes.
    bool addUnreachableRoutes(int i);
    static QString unreachableTarget(bool v6)
    {
        return v6 ? QStringLiteral("fd42:99::1") : QStringLiteral("198.18.99.1");
    }
    static QString prohibitedTarget(bool v6)
    {
        return v6 ? QStringLiteral("fd42:98::1") : QStringLiteral("198.18.98.1");
    }

    // Router `i` drops every `n`th packet it forwards towards the server, counted apart for each
    // IP TTL (hop limit) they leave with, so that each hop past it loses exactly one probe in
    // `n`: a lossy link.
    bool dropEveryNthTowardServer(int i, int n);
    // The server drops TCP and UDP to `port` without answering: a filtered port.
    bool filterServerPort(int port);
    // Adds router "r<via>b" beside router `via` (same neighbours, its own links 198.18.10.0/24
    // towards the client and 198.18.11.0/24 towards the server, fd42:0:0:10::/64 and :11::/64)
    // and makes the router before it split traffic to everything beyond over both, hashing
    // ports (Linux fib_multipath_hash_policy 1) with a fixed seed. Call after build().
    bool addEqualCostTwin(int via);
    static QString twinTowardClientV4() { return QStringLiteral("198.18.10.2"); }
    static QString twinTowardClientV6() { return QStringLiteral("fd42:0:0:10::2"); }
    // A TCP socket listening on `port` on every server address, accepting and closing every
    // connection as a server would; closed with the lab.
    bool listenOnServer(int port);

    // A namespace with nothing but loopback, removed with the lab.
    QString addIsolatedNamespace();
    // Router i answers the client from `v4` (held on its loopback) instead of its address on
    // the link, as a router numbered from a private range does. Call after build().
    bool answerFrom(int i, const QString &v4);
    // A namespace `name` on a link of its own to the client, the client at `clientV4` and the
    // neighbour at `neighbourV4` (a /24): a server beside the path, such as a DNS server.
    // Returns the namespace, removed with the lab; empty with error() on failure.
    QString addClientNeighbour(const QString &name, const QString &clientV4,
                               const QString &neighbourV4);
    // Moves the calling thread into `ns`; false with error() on failure.
    bool enter(const QString &ns);

    static bool runIp(const QStringList &arguments, QString *error);

private:
    bool addNode(const QString &node, bool router);
    bool addLink(int left, int right);
    bool addVeth(const QString &leftNs, const QString &leftName, const QString &rightNs,
                 const QString &rightName);
    bool addAddresses(const QString &ns, const QString &name, const QString &v4, const QString &v6);
    bool waitUntilLinksReady();
    QString nodeName(int node) const;

    int m_routers;
    IcmpBudget m_budget;
    QString m_prefix;
    QStringList m_namespaces;
    std::vector<int> m_listeners;
    std::mutex m_listenersMutex; // the acceptor thread reads m_listeners
    int m_stopAcceptor = -1;     // eventfd that ends the acceptor thread
    std::thread m_acceptor;
    struct Delay
    {
        int link;
        double oneWayMs;
        QString program;
        double rateKbps;
    };
    std::vector<Delay> m_delays;
    std::vector<std::unique_ptr<QProcess>> m_wires;
    QString m_error;
};
