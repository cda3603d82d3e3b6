// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "namespacelab.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <algorithm>
#include <tuple>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

const QString kPrefixStem = QStringLiteral("hslab");

// Linux rate-limits the ICMP errors of unreachable and prohibit routes per peer, and a new peer
// starts with no tokens, so a lab router would swallow the first errors of every trace. Lab
// routers must answer every probe for results to be exact. Older kernels keep this limit only in
// the host's namespace: it is set to 0 there while any lab exists, the host's own value kept in
// a file so that it comes back even after a lab that crashed.
const QString kRouteErrorCost = QStringLiteral("/proc/sys/net/ipv4/route/error_cost");
const QString kSavedRouteErrorCost = QStringLiteral("/run/hopscope-lab-route-error-cost");

void relaxRouteErrorCost()
{
    QFile proc(kRouteErrorCost);
    if (!proc.open(QIODevice::ReadWrite))
        return;
    QFile saved(kSavedRouteErrorCost);
    if (!saved.exists() && saved.open(QIODevice::WriteOnly))
        saved.write(proc.readAll());
    proc.seek(0);
    proc.write("0\n");
}

bool anyLiveLab()
{
    const QStringList names = QDir(QStringLiteral("/var/run/netns")).entryList(QDir::Files);
    return std::any_of(names.begin(), names.end(),
                       [](const QString &name) { return name.startsWith(kPrefixStem); });
}

void restoreRouteErrorCostWhenNoLabIsLeft()
{
    QFile saved(kSavedRouteErrorCost);
    if (anyLiveLab() || !saved.open(QIODevice::ReadOnly))
        return;
    QFile proc(kRouteErrorCost);
    if (proc.open(QIODevice::WriteOnly))
        proc.write(saved.readAll());
    saved.remove();
}

bool processAlive(qint64 pid)
{
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// Namespaces are named hslab<pid>x<n>-<node>; those of dead processes are left-overs.
void sweepStaleNamespaces()
{
    const QStringList names = QDir(QStringLiteral("/var/run/netns")).entryList(QDir::Files);
    for (const QString &name : names) {
        if (!name.startsWith(kPrefixStem))
            continue;
        const qint64 pid =
            name.mid(kPrefixStem.size()).section(QLatin1Char('x'), 0, 0).toLongLong();
        if (pid > 0 && !processAlive(pid))
            NamespaceLab::runIp({QStringLiteral("netns"), QStringLiteral("delete"), name}, nullptr);
    }
    restoreRouteErrorCostWhenNoLabIsLeft();
}

} // namespace

QString NamespaceLab::unavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("lab tests build network namespaces and need root (CI runs as root)");
    if (QStandardPaths::findExecutable(QStringLiteral("ip")).isEmpty() &&
        !QFile::exists(QStringLiteral("/usr/sbin/ip")))
        return QStringLiteral("lab tests need the ip command (iproute2)");
    if (QStandardPaths::findExecutable(QStringLiteral("nft")).isEmpty() &&
        !QFile::exists(QStringLiteral("/usr/sbin/nft")))
        return QStringLiteral("lab tests need the nft command (nftables)");
    return {};
}

NamespaceLab::NamespaceLab(int routers, IcmpBudget budget) : m_routers(routers), m_budget(budget)
{
    static int counter = 0;
    m_prefix = kPrefixStem + QString::number(QCoreApplication::applicationPid()) +
               QLatin1Char('x') + QString::number(++counter) + QLatin1Char('-');
    sweepStaleNamespaces();
}

NamespaceLab::~NamespaceLab()
{
    if (m_acceptor.joinable()) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(m_stopAcceptor, &one, sizeof one);
        m_acceptor.join();
        ::close(m_stopAcceptor);
    }
    for (auto &wire : m_wires) {
        wire->kill();
        wire->waitForFinished(5000);
    }

    for (const int fd : m_listeners)
        ::close(fd);
    for (const QString &name : m_namespaces)
        runIp({QStringLiteral("netns"), QStringLiteral("delete"), name}, nullptr);
    restoreRouteErrorCostWhenNoLabIsLeft();
}

bool NamespaceLab::runIp(const QStringList &arguments, QString *error)
{
    QProcess process;
    process.start(QStringLiteral("ip"), arguments);
    const bool ok = process.waitForFinished(20000) &&
                    process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!ok && error)
        *error = QStringLiteral("ip %1: %2")
                     .arg(arguments.join(QLatin1Char(' ')),
                          QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
    return ok;
}

bool NamespaceLab::exec(const QString &ns, const QStringList &command, const QByteArray &input)
{
    QProcess process;
    process.start(QStringLiteral("ip"),
                  QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + command);
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    const bool ok = process.waitForFinished(20000) &&
                    process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!ok)
        m_error = QStringLiteral("in %1: %2: %3")
                      .arg(ns, command.join(QLatin1Char(' ')),
                           QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
    return ok;
}

QString NamespaceLab::nodeName(int node) const
{
    if (node == 0)
        return client();
    if (node == m_routers + 1)
        return server();
    return router(node);
}

QString NamespaceLab::v4Toward(int node, bool towardClient)
{
    // Node n sits on link n-1 (as .2) and link n (as .1).
    return towardClient ? QStringLiteral("198.18.%1.2").arg(node - 1)
                        : QStringLiteral("198.18.%1.1").arg(node);
}

QString NamespaceLab::v6Toward(int node, bool towardClient)
{
    return towardClient ? QStringLiteral("fd42:0:0:%1::2").arg(node - 1)
                        : QStringLiteral("fd42:0:0:%1::1").arg(node);
}

bool NamespaceLab::addNode(const QString &node, bool isRouter)
{
    if (!runIp({QStringLiteral("netns"), QStringLiteral("add"), node}, &m_error))
        return false;
    m_namespaces << node;
    QStringList sysctls{QStringLiteral("net.ipv6.conf.all.accept_dad=0"),
                        QStringLiteral("net.ipv6.conf.default.accept_dad=0")};
    if (m_budget == IcmpBudget::Unlimited && node != client())
        sysctls << QStringLiteral("net.ipv4.icmp_ratelimit=0")
                << QStringLiteral("net.ipv6.icmp.ratelimit=0")
                // the namespace-wide ICMP budget (IPv4 and IPv6), 50 at once by default
                << QStringLiteral("net.ipv4.icmp_msgs_per_sec=1000000")
                << QStringLiteral("net.ipv4.icmp_msgs_burst=1000000");
    if (isRouter)
        sysctls << QStringLiteral("net.ipv4.ip_forward=1")
                << QStringLiteral("net.ipv6.conf.all.forwarding=1");
    return exec(node,
                QStringList{QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w")} +
                    sysctls) &&
           exec(node, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                       QStringLiteral("lo"), QStringLiteral("up")});
}

bool NamespaceLab::addVeth(const QString &leftNs, const QString &leftName, const QString &rightNs,
                           const QString &rightName)
{
    // Made under a temporary name in both namespaces, then renamed there.
    const QString ip = QStringLiteral("ip");
    const QString temporary = QStringLiteral("hsveth");
    return runIp({QStringLiteral("link"), QStringLiteral("add"), temporary, QStringLiteral("netns"),
                  leftNs, QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                  QStringLiteral("name"), temporary, QStringLiteral("netns"), rightNs},
                 &m_error) &&
           exec(leftNs, {ip, QStringLiteral("link"), QStringLiteral("set"), temporary,
                         QStringLiteral("name"), leftName}) &&
           exec(rightNs, {ip, QStringLiteral("link"), QStringLiteral("set"), temporary,
                          QStringLiteral("name"), rightName}) &&
           exec(leftNs, {ip, QStringLiteral("link"), QStringLiteral("set"), leftName,
                         QStringLiteral("up")}) &&
           exec(rightNs, {ip, QStringLiteral("link"), QStringLiteral("set"), rightName,
                          QStringLiteral("up")});
}

bool NamespaceLab::addAddresses(const QString &ns, const QString &name, const QString &v4,
                                const QString &v6)
{
    const QString ip = QStringLiteral("ip");
    return exec(ns, {ip, QStringLiteral("addr"), QStringLiteral("add"), v4 + QStringLiteral("/24"),
                     QStringLiteral("dev"), name}) &&
           exec(ns,
                {ip, QStringLiteral("-6"), QStringLiteral("addr"), QStringLiteral("add"),
                 v6 + QStringLiteral("/64"), QStringLiteral("dev"), name, QStringLiteral("nodad")});
}

void NamespaceLab::setLinkDelay(int link, double oneWayMs, const QString &program, double rateKbps)
{
    m_delays.push_back({link, oneWayMs, program, rateKbps});
}

bool NamespaceLab::addLink(int left, int right)
{
    const QString leftNs = nodeName(left);
    const QString rightNs = nodeName(right);
    const QString leftIf = QStringLiteral("to%1").arg(right);
    const QString rightIf = QStringLiteral("to%1").arg(left);
    const auto delay = std::find_if(m_delays.begin(), m_delays.end(),
                                    [left](const Delay &d) { return d.link == left; });
    if (delay == m_delays.end()) {
        if (!addVeth(leftNs, leftIf, rightNs, rightIf))
            return false;
    } else {
        const QString wire = ns(QStringLiteral("wire%1").arg(left));
        if (!runIp({QStringLiteral("netns"), QStringLiteral("add"), wire}, &m_error))
            return false;
        m_namespaces << wire;
        // The cable itself speaks no IP: nothing of its own may cross it.
        if (!exec(wire, {QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
                         QStringLiteral("net.ipv6.conf.all.disable_ipv6=1"),
                         QStringLiteral("net.ipv6.conf.default.disable_ipv6=1")}))
            return false;
        if (!addVeth(leftNs, leftIf, wire, QStringLiteral("cable0")) ||
            !addVeth(wire, QStringLiteral("cable1"), rightNs, rightIf))
            return false;
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList arguments{QStringLiteral("netns"),
                              QStringLiteral("exec"),
                              wire,
                              delay->program,
                              QStringLiteral("cable0"),
                              QStringLiteral("cable1"),
                              QString::number(delay->oneWayMs)};
        if (delay->rateKbps > 0)
            arguments << QString::number(delay->rateKbps);
        process->start(QStringLiteral("ip"), arguments);
        if (!process->waitForStarted()) {
            m_error = QStringLiteral("cannot start %1").arg(delay->program);
            return false;
        }
        m_wires.push_back(std::move(process));
    }
    return addAddresses(leftNs, leftIf, v4Toward(left, false), v6Toward(left, false)) &&
           addAddresses(rightNs, rightIf, v4Toward(right, true), v6Toward(right, true));
}

bool NamespaceLab::build()
{
    relaxRouteErrorCost();
    const int last = m_routers + 1;
    for (int node = 0; node <= last; ++node)
        if (!addNode(nodeName(node), node != 0 && node != last))
            return false;
    for (int node = 0; node < last; ++node)
        if (!addLink(node, node + 1))
            return false;
    const QString ip = QStringLiteral("ip");
    for (int node = 0; node <= last; ++node) {
        const QString ns = nodeName(node);
        // Towards the server by default; towards the client for every link left of this node.
        if (node < last) {
            if (!exec(ns, {ip, QStringLiteral("route"), QStringLiteral("add"),
                           QStringLiteral("default"), QStringLiteral("via"),
                           v4Toward(node + 1, true)}) ||
                !exec(ns,
                      {ip, QStringLiteral("-6"), QStringLiteral("route"), QStringLiteral("add"),
                       QStringLiteral("default"), QStringLiteral("via"), v6Toward(node + 1, true)}))
                return false;
        }
        for (int link = 0; link < node - 1; ++link) {
            if (!exec(ns, {ip, QStringLiteral("route"), QStringLiteral("add"),
                           QStringLiteral("198.18.%1.0/24").arg(link), QStringLiteral("via"),
                           v4Toward(node - 1, false)}) ||
                !exec(ns, {ip, QStringLiteral("-6"), QStringLiteral("route"), QStringLiteral("add"),
                           QStringLiteral("fd42:0:0:%1::/64").arg(link), QStringLiteral("via"),
                           v6Toward(node - 1, false)}))
                return false;
        }
    }
    return waitUntilLinksReady();
}

bool NamespaceLab::waitUntilLinksReady()
{
    // The kernel reports a new veth's carrier up to a second late, and IPv6 on it (its link-local
    // address, neighbour discovery) waits for that: until then IPv6 probes would vanish.
    QElapsedTimer clock;
    clock.start();
    const auto output = [](const QStringList &arguments) {
        QProcess ip;
        ip.start(QStringLiteral("ip"), arguments);
        ip.waitForFinished(5000);
        return ip.readAllStandardOutput();
    };
    for (const QString &name : std::as_const(m_namespaces)) {
        if (name.contains(QLatin1String("wire")) || name.contains(QLatin1String("isolated")))
            continue; // no IPv6 there
        const int veths =
            int(output({QStringLiteral("-n"), name, QStringLiteral("-o"), QStringLiteral("link")})
                    .count("@"));
        for (;;) {
            const QByteArray addresses =
                output({QStringLiteral("-n"), name, QStringLiteral("-6"), QStringLiteral("-o"),
                        QStringLiteral("addr"), QStringLiteral("show"), QStringLiteral("scope"),
                        QStringLiteral("link")});
            if (addresses.count("fe80::") >= veths && !addresses.contains("tentative"))
                break;
            if (clock.elapsed() > 10000) {
                m_error = QStringLiteral("the links of %1 did not come up within 10 s").arg(name);
                return false;
            }
            QThread::msleep(50);
        }
    }
    return true;
}

bool NamespaceLab::silenceRouter(int i)
{
    return exec(router(i), {QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")},
                "table inet hslab {\n"
                "  chain out { type filter hook output priority 0;\n"
                "    icmp type time-exceeded drop\n"
                "    icmpv6 type time-exceeded drop\n"
                "  }\n"
                "}\n");
}

bool NamespaceLab::dropEveryNthTowardServer(int i, int n)
{
    QString rules;
    for (int ttl = 1; ttl <= 64; ++ttl)
        rules += QStringLiteral("    ip daddr %1 ip ttl %2 numgen inc mod %3 == 0 drop\n"
                                "    ip6 daddr %4 ip6 hoplimit %2 numgen inc mod %3 == 0 drop\n")
                     .arg(serverV4(m_routers))
                     .arg(ttl)
                     .arg(n)
                     .arg(serverV6(m_routers));
    return exec(router(i), {QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")},
                QStringLiteral("table inet hsloss {\n"
                               "  chain forward { type filter hook forward priority 0;\n%1"
                               "  }\n"
                               "}\n")
                    .arg(rules)
                    .toUtf8());
}

bool NamespaceLab::addUnreachableRoutes(int i)
{
    const QString ip = QStringLiteral("ip");
    for (const auto &[family, type, prefix] : {std::tuple{"-4", "unreachable", "198.18.99.0/24"},
                                               std::tuple{"-4", "prohibit", "198.18.98.0/24"},
                                               std::tuple{"-6", "unreachable", "fd42:99::/64"},
                                               std::tuple{"-6", "prohibit", "fd42:98::/64"}})
        if (!exec(router(i), {ip, QLatin1String(family), QStringLiteral("route"),
                              QStringLiteral("add"), QLatin1String(type), QLatin1String(prefix)}))
            return false;
    return true;
}

bool NamespaceLab::filterServerPort(int port)
{
    return exec(server(), {QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")},
                QStringLiteral("table inet hslabfilter {\n"
                               "  chain in { type filter hook input priority 0;\n"
                               "    tcp dport %1 drop\n"
                               "    udp dport %1 drop\n"
                               "  }\n"
                               "}\n")
                    .arg(port)
                    .toUtf8());
}

bool NamespaceLab::addEqualCostTwin(int via)
{
    const QString twin = ns(QStringLiteral("r%1b").arg(via));
    const QString before = nodeName(via - 1);
    const QString after = nodeName(via + 1);
    const QString ip = QStringLiteral("ip");
    if (!addNode(twin, true))
        return false;
    if (!addVeth(before, QStringLiteral("twin"), twin, QStringLiteral("back")) ||
        !addVeth(twin, QStringLiteral("ahead"), after, QStringLiteral("twin")) ||
        !addAddresses(before, QStringLiteral("twin"), QStringLiteral("198.18.10.1"),
                      QStringLiteral("fd42:0:0:10::1")) ||
        !addAddresses(twin, QStringLiteral("back"), QStringLiteral("198.18.10.2"),
                      QStringLiteral("fd42:0:0:10::2")) ||
        !addAddresses(twin, QStringLiteral("ahead"), QStringLiteral("198.18.11.1"),
                      QStringLiteral("fd42:0:0:11::1")) ||
        !addAddresses(after, QStringLiteral("twin"), QStringLiteral("198.18.11.2"),
                      QStringLiteral("fd42:0:0:11::2")))
        return false;
    // The twin forwards on to the server side and back to the client side.
    if (!exec(twin, {ip, QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("default"),
                     QStringLiteral("via"), QStringLiteral("198.18.11.2")}) ||
        !exec(twin,
              {ip, QStringLiteral("-6"), QStringLiteral("route"), QStringLiteral("add"),
               QStringLiteral("default"), QStringLiteral("via"), QStringLiteral("fd42:0:0:11::2")}))
        return false;
    for (int link = 0; link < via - 1; ++link) {
        if (!exec(twin, {ip, QStringLiteral("route"), QStringLiteral("add"),
                         QStringLiteral("198.18.%1.0/24").arg(link), QStringLiteral("via"),
                         QStringLiteral("198.18.10.1")}) ||
            !exec(twin, {ip, QStringLiteral("-6"), QStringLiteral("route"), QStringLiteral("add"),
                         QStringLiteral("fd42:0:0:%1::/64").arg(link), QStringLiteral("via"),
                         QStringLiteral("fd42:0:0:10::1")}))
            return false;
    }
    // The router before splits everything beyond over both, by a hash of addresses and ports.
    if (!exec(before, {QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
                       QStringLiteral("net.ipv4.fib_multipath_hash_policy=1"),
                       QStringLiteral("net.ipv6.fib_multipath_hash_policy=1")}))
        return false;
    exec(before,
         {QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
          QStringLiteral("net.ipv4.fib_multipath_hash_seed=4242")}); // where the kernel has it
    for (int link = via; link <= m_routers; ++link) {
        if (!exec(before, {ip, QStringLiteral("route"), QStringLiteral("replace"),
                           QStringLiteral("198.18.%1.0/24").arg(link), QStringLiteral("nexthop"),
                           QStringLiteral("via"), v4Toward(via, true), QStringLiteral("nexthop"),
                           QStringLiteral("via"), QStringLiteral("198.18.10.2")}) ||
            !exec(before,
                  {ip, QStringLiteral("-6"), QStringLiteral("route"), QStringLiteral("replace"),
                   QStringLiteral("fd42:0:0:%1::/64").arg(link), QStringLiteral("nexthop"),
                   QStringLiteral("via"), v6Toward(via, true), QStringLiteral("nexthop"),
                   QStringLiteral("via"), QStringLiteral("fd42:0:0:10::2")}))
            return false;
    }
    return waitUntilLinksReady();
}

QString NamespaceLab::addIsolatedNamespace()
{
    const QString name = ns(QStringLiteral("isolated"));
    if (!runIp({QStringLiteral("netns"), QStringLiteral("add"), name}, &m_error))
        return {};
    m_namespaces << name;
    exec(name, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                QStringLiteral("lo"), QStringLiteral("up")});
    return name;
}

bool NamespaceLab::answerFrom(int i, const QString &v4)
{
    // ICMP errors leave from the preferred source of the route back to the sender.
    const QString ip = QStringLiteral("ip");
    return exec(router(i),
                {ip, QStringLiteral("addr"), QStringLiteral("add"), v4 + QStringLiteral("/32"),
                 QStringLiteral("dev"), QStringLiteral("lo")}) &&
           exec(router(i), {ip, QStringLiteral("route"), QStringLiteral("replace"),
                            QStringLiteral("198.18.%1.0/24").arg(i - 1), QStringLiteral("dev"),
                            QStringLiteral("to%1").arg(i - 1), QStringLiteral("src"), v4});
}

QString NamespaceLab::addClientNeighbour(const QString &name, const QString &clientV4,
                                         const QString &neighbourV4)
{
    const QString neighbour = ns(name);
    if (!addNode(neighbour, false))
        return {};
    const QString ip = QStringLiteral("ip");
    if (!addVeth(client(), QStringLiteral("to-") + name, neighbour, QStringLiteral("toclient")) ||
        !exec(client(),
              {ip, QStringLiteral("addr"), QStringLiteral("add"), clientV4 + QStringLiteral("/24"),
               QStringLiteral("dev"), QStringLiteral("to-") + name}) ||
        !exec(neighbour, {ip, QStringLiteral("addr"), QStringLiteral("add"),
                          neighbourV4 + QStringLiteral("/24"), QStringLiteral("dev"),
                          QStringLiteral("toclient")}))
        return {};
    return neighbour;
}

bool NamespaceLab::enter(const QString &name)
{
    const QByteArray path = QStringLiteral("/var/run/netns/%1").arg(name).toLocal8Bit();
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::setns(fd, CLONE_NEWNET) == 0;
    if (!ok)
        m_error = QStringLiteral("cannot enter %1: %2")
                      .arg(name, QString::fromLocal8Bit(std::strerror(errno)));
    if (fd >= 0)
        ::close(fd);
    return ok;
}

bool NamespaceLab::listenOnServer(int port)
{
    // A socket belongs to the namespace it was made in: make it on a thread that has joined the
    // server's namespace, so the test needs no server program.
    const QByteArray path = QStringLiteral("/var/run/netns/%1").arg(server()).toLocal8Bit();
    int listener = -1;
    std::string failure;
    std::thread([&] {
        const int nsFd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (nsFd < 0 || ::setns(nsFd, CLONE_NEWNET) != 0) {
            failure = std::string("cannot enter the server namespace: ") + std::strerror(errno);
            if (nsFd >= 0)
                ::close(nsFd);
            return;
        }
        ::close(nsFd);
        const int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int off = 0;
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(static_cast<std::uint16_t>(port));
        address.sin6_addr = in6addr_any;
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            ::listen(fd, 128) != 0) {
            failure = std::string("cannot listen in the server namespace: ") + std::strerror(errno);
            if (fd >= 0)
                ::close(fd);
            return;
        }
        listener = fd;
    }).join();
    if (listener < 0) {
        m_error = QString::fromStdString(failure);
        return false;
    }
    {
        std::lock_guard lock(m_listenersMutex);
        m_listeners.push_back(listener);
    }
    if (!m_acceptor.joinable()) {
        // Connections are accepted and closed at once, so that the backlog never fills up.
        m_stopAcceptor = ::eventfd(0, EFD_CLOEXEC);
        m_acceptor = std::thread([this] {
            for (;;) {
                std::vector<pollfd> fds{{m_stopAcceptor, POLLIN, 0}};
                {
                    std::lock_guard lock(m_listenersMutex);
                    for (const int fd : m_listeners)
                        fds.push_back({fd, POLLIN, 0});
                }
                if (::poll(fds.data(), fds.size(), 100) < 0 && errno != EINTR)
                    return;
                if (fds[0].revents)
                    return;
                for (std::size_t i = 1; i < fds.size(); ++i)
                    if (fds[i].revents & POLLIN)
                        if (const int connection =
                                ::accept4(fds[i].fd, nullptr, nullptr, SOCK_CLOEXEC);
                            connection >= 0)
                            ::close(connection);
            }
        });
    }
    return true;
}
