#include "namespacelab.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QThread>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

const QString kPrefixStem = QStringLiteral("hslab");

bool processAlive(qint64 pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

// Namespaces are named hslab<pid>x<n>-<node>; those of dead processes are left-overs.
void sweepStaleNamespaces()
{
    const QStringList names = QDir(QStringLiteral("/var/run/netns")).entryList(QDir::Files);
    for (const QString &name : names) {
        if (!name.startsWith(kPrefixStem))
            continue;
        const qint64 pid = name.mid(kPrefixStem.size()).section(QLatin1Char('x'), 0, 0).toLongLong();
        if (pid > 0 && !processAlive(pid))
            NamespaceLab::runIp({QStringLiteral("netns"), QStringLiteral("delete"), name}, nullptr);
    }
}

} // namespace

QString NamespaceLab::unavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("lab tests build network namespaces and need root (CI runs as root)");
    if (QStandardPaths::findExecutable(QStringLiteral("ip")).isEmpty()
        && !QFile::exists(QStringLiteral("/usr/sbin/ip")))
        return QStringLiteral("lab tests need the ip command (iproute2)");
    if (QStandardPaths::findExecutable(QStringLiteral("nft")).isEmpty()
        && !QFile::exists(QStringLiteral("/usr/sbin/nft")))
        return QStringLiteral("lab tests need the nft command (nftables)");
    return {};
}

NamespaceLab::NamespaceLab(int routers) : m_routers(routers)
{
    static int counter = 0;
    m_prefix = kPrefixStem + QString::number(QCoreApplication::applicationPid()) + QLatin1Char('x')
               + QString::number(++counter) + QLatin1Char('-');
    sweepStaleNamespaces();
}

// Linux rate-limits the ICMP errors of unreachable and prohibit routes per peer, and a new peer
// starts with no tokens, so a lab router would swallow the first errors of every trace. Lab
// routers must answer every probe for results to be exact. Older kernels keep this limit only in
// the host's namespace: it is set to 0 there for the life of the lab and then put back.
static constexpr auto kRouteErrorCost = "/proc/sys/net/ipv4/route/error_cost";

static QByteArray swapRouteErrorCost(const QByteArray &value)
{
    QFile file{QString::fromLatin1(kRouteErrorCost)};
    if (!file.open(QIODevice::ReadWrite))
        return {};
    const QByteArray previous = file.readAll().trimmed();
    file.seek(0);
    file.write(value + '\n');
    return previous;
}

NamespaceLab::~NamespaceLab()
{
    if (!m_savedRouteErrorCost.isEmpty())
        swapRouteErrorCost(m_savedRouteErrorCost);
    for (const int fd : m_listeners)
        ::close(fd);
    for (const QString &name : m_namespaces)
        runIp({QStringLiteral("netns"), QStringLiteral("delete"), name}, nullptr);
}

bool NamespaceLab::runIp(const QStringList &arguments, QString *error)
{
    QProcess process;
    process.start(QStringLiteral("ip"), arguments);
    const bool ok = process.waitForFinished(20000) && process.exitStatus() == QProcess::NormalExit
                    && process.exitCode() == 0;
    if (!ok && error)
        *error = QStringLiteral("ip %1: %2").arg(arguments.join(QLatin1Char(' ')),
                                                  QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
    return ok;
}

bool NamespaceLab::exec(const QString &ns, const QStringList &command, const QByteArray &input)
{
    QProcess process;
    process.start(QStringLiteral("ip"), QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + command);
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    const bool ok = process.waitForFinished(20000) && process.exitStatus() == QProcess::NormalExit
                    && process.exitCode() == 0;
    if (!ok)
        m_error = QStringLiteral("in %1: %2: %3").arg(ns, command.join(QLatin1Char(' ')),
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
                        QStringLiteral("net.ipv6.conf.default.accept_dad=0"),
                        QStringLiteral("net.ipv4.icmp_ratelimit=0"),
                        QStringLiteral("net.ipv6.icmp.ratelimit=0")};
    if (isRouter)
        sysctls << QStringLiteral("net.ipv4.ip_forward=1") << QStringLiteral("net.ipv6.conf.all.forwarding=1");
    return exec(node, QStringList{QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w")} + sysctls)
           && exec(node, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                          QStringLiteral("lo"), QStringLiteral("up")});
}

bool NamespaceLab::addLink(int left, int right)
{
    const QString leftNs = nodeName(left);
    const QString rightNs = nodeName(right);
    const QString leftIf = QStringLiteral("to%1").arg(right);
    const QString rightIf = QStringLiteral("to%1").arg(left);
    if (!runIp({QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("hsveth"), QStringLiteral("netns"), leftNs,
                QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"),
                QStringLiteral("hsveth"), QStringLiteral("netns"), rightNs},
               &m_error))
        return false;
    const auto setUp = [this](const QString &ns, const QString &name, const QString &v4, const QString &v6) {
        const QString ip = QStringLiteral("ip");
        return exec(ns, {ip, QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("hsveth"),
                         QStringLiteral("name"), name})
               && exec(ns, {ip, QStringLiteral("addr"), QStringLiteral("add"), v4 + QStringLiteral("/24"),
                            QStringLiteral("dev"), name})
               && exec(ns, {ip, QStringLiteral("-6"), QStringLiteral("addr"), QStringLiteral("add"),
                            v6 + QStringLiteral("/64"), QStringLiteral("dev"), name, QStringLiteral("nodad")})
               && exec(ns, {ip, QStringLiteral("link"), QStringLiteral("set"), name, QStringLiteral("up")});
    };
    return setUp(leftNs, leftIf, v4Toward(left, false), v6Toward(left, false))
           && setUp(rightNs, rightIf, v4Toward(right, true), v6Toward(right, true));
}

bool NamespaceLab::build()
{
    m_savedRouteErrorCost = swapRouteErrorCost("0");
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
            if (!exec(ns, {ip, QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("default"),
                           QStringLiteral("via"), v4Toward(node + 1, true)})
                || !exec(ns, {ip, QStringLiteral("-6"), QStringLiteral("route"), QStringLiteral("add"),
                              QStringLiteral("default"), QStringLiteral("via"), v6Toward(node + 1, true)}))
                return false;
        }
        for (int link = 0; link < node - 1; ++link) {
            if (!exec(ns, {ip, QStringLiteral("route"), QStringLiteral("add"),
                           QStringLiteral("198.18.%1.0/24").arg(link), QStringLiteral("via"), v4Toward(node - 1, false)})
                || !exec(ns, {ip, QStringLiteral("-6"), QStringLiteral("route"), QStringLiteral("add"),
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
    const int last = m_routers + 1;
    QElapsedTimer clock;
    clock.start();
    for (int node = 0; node <= last; ++node) {
        const int links = (node == 0 || node == last) ? 1 : 2;
        for (;;) {
            QProcess ip;
            ip.start(QStringLiteral("ip"), {QStringLiteral("-n"), nodeName(node), QStringLiteral("-6"), QStringLiteral("-o"),
                                            QStringLiteral("addr"), QStringLiteral("show"), QStringLiteral("scope"),
                                            QStringLiteral("link")});
            ip.waitForFinished(5000);
            const QByteArray out = ip.readAllStandardOutput();
            if (out.count("fe80::") >= links && !out.contains("tentative"))
                break;
            if (clock.elapsed() > 10000) {
                m_error = QStringLiteral("the links of %1 did not come up within 10 s").arg(nodeName(node));
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

bool NamespaceLab::filterServerPort(int port)
{
    return exec(server(), {QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")},
                QStringLiteral("table inet hslabfilter {\n"
                               "  chain in { type filter hook input priority 0;\n"
                               "    tcp dport %1 drop\n"
                               "  }\n"
                               "}\n")
                    .arg(port)
                    .toUtf8());
}

QString NamespaceLab::addIsolatedNamespace()
{
    const QString name = ns(QStringLiteral("isolated"));
    if (!runIp({QStringLiteral("netns"), QStringLiteral("add"), name}, &m_error))
        return {};
    m_namespaces << name;
    exec(name, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                QStringLiteral("up")});
    return name;
}

bool NamespaceLab::enter(const QString &name)
{
    const QByteArray path = QStringLiteral("/var/run/netns/%1").arg(name).toLocal8Bit();
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::setns(fd, CLONE_NEWNET) == 0;
    if (!ok)
        m_error = QStringLiteral("cannot enter %1: %2").arg(name, QString::fromLocal8Bit(std::strerror(errno)));
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
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || ::listen(fd, 128) != 0) {
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
    m_listeners.push_back(listener);
    return true;
}
