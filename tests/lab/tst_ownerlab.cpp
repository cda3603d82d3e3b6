// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace hopscope;
using namespace labtrace;

namespace {

// client - r1 - r2 - r3 - r4 - server. r1 answers from a private address, as routers numbered
// from 10.0.0.0/8 do; the others and the server are in 198.18.0.0/15, split between two ASes:
// r2 and r3 in AS 64500, r4 and the server in AS 64501. A DNS server beside the client answers
// Team Cymru's questions for them, as origin.asn.cymru.com would.
constexpr int kRouters = 4;
const QString kPrivateAnswer = QStringLiteral("10.0.0.1");
const QString kClientOnDnsLink = QStringLiteral("10.53.0.2");
const QString kDnsServer = QStringLiteral("10.53.0.1");
const QString kWriter = QStringLiteral(HOPSCOPE_FIXTURES_DIR "/mmdb/write-test-mmdb.pl");

struct Owner
{
    QString address;
    QString prefix;
    int asn;
    QString label; // as a trace line marks it
};

// TTL 2..5.
const std::vector<Owner> kOwners{
    {QStringLiteral("198.18.1.2"), QStringLiteral("198.18.1.0/24"), 64500,
     QStringLiteral("AS64500 EXAMPLE-NET")},
    {QStringLiteral("198.18.2.2"), QStringLiteral("198.18.2.0/24"), 64500,
     QStringLiteral("AS64500 EXAMPLE-NET")},
    {QStringLiteral("198.18.3.2"), QStringLiteral("198.18.3.0/24"), 64501,
     QStringLiteral("AS64501 OTHER-NET")},
    {QStringLiteral("198.18.4.2"), QStringLiteral("198.18.4.0/24"), 64501,
     QStringLiteral("AS64501 OTHER-NET")},
};
const QString kExampleNet = QStringLiteral("EXAMPLE-NET - Example Net, NL");
const QString kOtherNet = QStringLiteral("OTHER-NET - Other Net, DE");
// A router's ICMP budget (Linux's default: one a second, six at once) has room for a trace's
// probes again after this long: the lab keeps real routers' limits.
constexpr unsigned long kBudgetRefillMs = 4500;

QString reversed(const QString &v4)
{
    QStringList octets = v4.split(QLatin1Char('.'));
    std::reverse(octets.begin(), octets.end());
    return octets.join(QLatin1Char('.'));
}

// dnsmasq's configuration lines answering for each lab address and AS, as Team Cymru would;
// `replacement` stands for one address's record when given.
QStringList cymruRecords(const QString &replaceAddress = {}, const QString &replacement = {})
{
    QStringList records;
    for (const Owner &owner : kOwners) {
        QString text = QStringLiteral("\"%1 | %2 | %3 | ripencc | 2000-01-01\"")
                           .arg(owner.asn)
                           .arg(owner.prefix,
                                owner.asn == 64500 ? QStringLiteral("NL") : QStringLiteral("DE"));
        if (owner.address == replaceAddress)
            text = replacement;
        records << QStringLiteral("txt-record=%1.origin.asn.cymru.com,%2")
                       .arg(reversed(owner.address), text);
    }
    records << QStringLiteral("txt-record=AS64500.asn.cymru.com,\"64500 | NL | ripencc | "
                              "2000-01-01 | %1\"")
                   .arg(kExampleNet)
            << QStringLiteral("txt-record=AS64501.asn.cymru.com,\"64501 | DE | ripencc | "
                              "2000-01-01 | %1\"")
                   .arg(kOtherNet);
    return records;
}

} // namespace

class OwnerLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void traceNamesTheAsOfEveryPublicHop_data();
    void traceNamesTheAsOfEveryPublicHop();
    void csvReportHasTheOwnerColumns();
    void sessionAsksOnce();
    void secondTraceAsksNothing();
    void noAsnSendsNoQuery();
    void showAndReportLookUpWhatTheFileLacks();
    void databaseAnswersWithoutNetwork();
    void malformedAnswerIsNamed();
    void silentServerIsGivenUp();
    // Last: it adds a router to the lab.
    void compareNamesTheAsesOfAMovedRoute();

private:
    // (Re)starts dnsmasq with these configuration lines; every query it gets is counted.
    bool startDns(const QStringList &configuration);
    void stopDns();
    // The queries dnsmasq logged since it started: "TXT 2.1.18.198.origin.asn.cymru.com".
    QStringList queries();
    CliRun trace(const QStringList &arguments);
    static void verifyTraceLines(const QByteArray &out);

    std::unique_ptr<NamespaceLab> m_lab;
    QString m_dns;
    QString m_resolvConf;
    std::unique_ptr<QProcess> m_dnsmasq;
    QByteArray m_dnsLog;
    QTemporaryDir m_dir;
    std::unique_ptr<QTemporaryDir> m_data;
};

void OwnerLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    if (QStandardPaths::findExecutable(QStringLiteral("dnsmasq")).isEmpty())
        QSKIP("needs dnsmasq (Debian's dnsmasq-base)");
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::LinuxDefault);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->answerFrom(1, kPrivateAnswer), qPrintable(m_lab->error()));
    m_dns = m_lab->addClientNeighbour(QStringLiteral("dns"), kClientOnDnsLink, kDnsServer);
    QVERIFY2(!m_dns.isEmpty(), qPrintable(m_lab->error()));
    // `ip netns exec` puts /etc/netns/<ns>/resolv.conf over /etc/resolv.conf: the client's
    // resolver asks the lab's server, with the resolver's default time limits.
    const QString folder = QStringLiteral("/etc/netns/") + m_lab->client();
    QVERIFY(QDir().mkpath(folder));
    m_resolvConf = folder + QStringLiteral("/resolv.conf");
    QFile conf(m_resolvConf);
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write("nameserver " + kDnsServer.toLatin1() + "\n");
    conf.close();
    QVERIFY(m_dir.isValid());
}

void OwnerLabTest::cleanupTestCase()
{
    stopDns();
    if (!m_resolvConf.isEmpty()) {
        QFile::remove(m_resolvConf);
        QDir().rmdir(QFileInfo(m_resolvConf).path());
    }
    m_lab.reset();
}

void OwnerLabTest::init()
{
    // A history database of the test's own for each function: what one keeps, no other sees.
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_data->path()));
    // And settings of its own: the defaults, network lookups on.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_data->path()));
}

void OwnerLabTest::cleanup()
{
    stopDns();
}

bool OwnerLabTest::startDns(const QStringList &configuration)
{
    stopDns();
    // A file, where dnsmasq reads quoted text with commas in it as one string.
    const QString conf = m_dir.filePath(QStringLiteral("dnsmasq.conf"));
    QFile file(conf);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write((configuration.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    file.close();
    m_dnsmasq = std::make_unique<QProcess>();
    m_dnsmasq->setProcessChannelMode(QProcess::MergedChannels);
    m_dnsmasq->start(
        QStringLiteral("ip"),
        {QStringLiteral("netns"), QStringLiteral("exec"), m_dns, QStringLiteral("dnsmasq"),
         QStringLiteral("--keep-in-foreground"), QStringLiteral("--conf-file=") + conf,
         QStringLiteral("--no-resolv"), QStringLiteral("--no-hosts"), QStringLiteral("--pid-file="),
         QStringLiteral("--user=root"), QStringLiteral("--group=root"),
         QStringLiteral("--bind-interfaces"), QStringLiteral("--listen-address=") + kDnsServer,
         QStringLiteral("--log-queries"), QStringLiteral("--log-facility=-")});
    if (!m_dnsmasq->waitForStarted(5000))
        return false;
    // Listening once it says so.
    QElapsedTimer waited;
    waited.start();
    while (!m_dnsLog.contains("started, version") && waited.elapsed() < 10000) {
        m_dnsmasq->waitForReadyRead(200);
        m_dnsLog += m_dnsmasq->readAll();
    }
    return m_dnsLog.contains("started, version");
}

void OwnerLabTest::stopDns()
{
    if (!m_dnsmasq)
        return;
    m_dnsmasq->terminate();
    m_dnsmasq->waitForFinished(5000);
    m_dnsmasq.reset();
    m_dnsLog.clear();
}

QStringList OwnerLabTest::queries()
{
    if (m_dnsmasq) {
        m_dnsmasq->waitForReadyRead(300);
        m_dnsLog += m_dnsmasq->readAll();
    }
    QStringList found;
    static const QRegularExpression query(QStringLiteral("query\\[(\\w+)\\] (\\S+) from"));
    auto it = query.globalMatch(QString::fromUtf8(m_dnsLog));
    while (it.hasNext()) {
        const auto match = it.next();
        found << match.captured(1) + QLatin1Char(' ') + match.captured(2);
    }
    return found;
}

CliRun OwnerLabTest::trace(const QStringList &arguments)
{
    QThread::msleep(kBudgetRefillMs);
    return runTrace(m_lab->client(),
                    QStringList{QStringLiteral("--protocol"), QStringLiteral("icmp")} + arguments
                        << NamespaceLab::serverV4(kRouters));
}

// TTL 1 (the private address) unmarked, every 198.18 hop marked with its AS.
void OwnerLabTest::verifyTraceLines(const QByteArray &out)
{
    const QStringList lines = QString::fromUtf8(out).split(QLatin1Char('\n'));
    const auto lineOf = [&lines](int ttl) {
        for (const QString &line : lines)
            if (line.startsWith(QStringLiteral("%1  ").arg(ttl, 3)))
                return line;
        return QString();
    };
    QVERIFY2(lineOf(1).contains(kPrivateAnswer), out.constData());
    QVERIFY2(!lineOf(1).contains(QLatin1Char('[')), out.constData());
    for (std::size_t i = 0; i < kOwners.size(); ++i) {
        const QString line = lineOf(int(i) + 2);
        QVERIFY2(line.contains(kOwners[i].address + QStringLiteral(" [") + kOwners[i].label +
                               QLatin1Char(']')),
                 out.constData());
    }
}

void OwnerLabTest::traceNamesTheAsOfEveryPublicHop_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::newRow("icmp") << QStringLiteral("icmp");
    QTest::newRow("udp") << QStringLiteral("udp");
}

void OwnerLabTest::traceNamesTheAsOfEveryPublicHop()
{
    QFETCH(QString, protocol);
    QVERIFY(startDns(cymruRecords()));
    const QString saved = m_dir.filePath(protocol + QStringLiteral(".json"));
    QThread::msleep(kBudgetRefillMs);
    const CliRun run =
        runTrace(m_lab->client(), {QStringLiteral("--protocol"), protocol, QStringLiteral("-o"),
                                   saved, NamespaceLab::serverV4(kRouters)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    verifyTraceLines(run.out);

    // What was asked: each public hop's origin once, each AS's name once, nothing about 10/8.
    const QStringList asked = queries();
    // DNS names are the same in any case; Qt asks in lower case.
    QStringList txt;
    for (const QString &query : asked.filter(QRegularExpression(QStringLiteral("^TXT "))))
        txt << query.toLower();
    txt.sort();
    QStringList expected{QStringLiteral("txt as64500.asn.cymru.com"),
                         QStringLiteral("txt as64501.asn.cymru.com")};
    for (const Owner &owner : kOwners)
        expected << QStringLiteral("txt %1.origin.asn.cymru.com").arg(reversed(owner.address));
    expected.sort();
    QCOMPARE(txt, expected);
    QVERIFY2(asked.filter(QStringLiteral("1.0.0.10.")).filter(QStringLiteral("TXT")).isEmpty(),
             qPrintable(asked.join(QLatin1Char('\n'))));

    // The saved path carries every owner, as the lookup found it.
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto path = networkPathFromJson(file.readAll().toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    const auto &owners = path->hopscope->owners;
    QCOMPARE(int(owners.size()), int(kOwners.size()));
    QVERIFY(!owners.count(kPrivateAnswer.toStdString()));
    for (const Owner &expectedOwner : kOwners) {
        const AddressOwner &owner = owners.at(expectedOwner.address.toStdString());
        QCOMPARE(owner.asn, std::optional<std::uint32_t>(expectedOwner.asn));
        QCOMPARE(QString::fromStdString(owner.asName),
                 expectedOwner.asn == 64500 ? kExampleNet : kOtherNet);
        QCOMPARE(QString::fromStdString(owner.prefix), expectedOwner.prefix);
        QCOMPARE(QString::fromStdString(owner.country),
                 expectedOwner.asn == 64500 ? QStringLiteral("NL") : QStringLiteral("DE"));
        QCOMPARE(owner.source, std::string("cymru"));
        QVERIFY(owner.lookedUpAtMs >= path->timestampMs);
    }
}

void OwnerLabTest::csvReportHasTheOwnerColumns()
{
    QVERIFY(startDns(cymruRecords()));
    const QString saved = m_dir.filePath(QStringLiteral("for-report.json"));
    const CliRun run = trace({QStringLiteral("-o"), saved});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString csv = m_dir.filePath(QStringLiteral("report.csv"));
    QProcess report;
    report.start(buildTreeCli(), {QStringLiteral("report"), saved, QStringLiteral("-o"), csv});
    QVERIFY(report.waitForFinished(60000));
    QVERIFY2(report.exitCode() == 0, report.readAllStandardError().constData());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QStringList rows = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"));
    QVERIFY(
        rows.first().endsWith(QStringLiteral(",asn,as_name,prefix,country,mpls,dscp,ecn,nat,mtu")));
    // The owner columns come before what the routers quoted (five cells without commas).
    for (QString &row : rows)
        row.remove(QRegularExpression(QStringLiteral("(,[^,]*){5}$")));
    const auto rowOf = [&rows](const QString &address) {
        for (const QString &row : rows)
            if (row.section(QLatin1Char(','), 1, 1) == address)
                return row;
        return QString();
    };
    QVERIFY2(rowOf(kPrivateAnswer).endsWith(QStringLiteral(",,,,")),
             qPrintable(rows.join(QLatin1Char('\n'))));
    for (const Owner &owner : kOwners) {
        const QString expected =
            QStringLiteral(",%1,\"%2\",%3,%4")
                .arg(owner.asn)
                .arg(owner.asn == 64500 ? kExampleNet : kOtherNet, owner.prefix,
                     owner.asn == 64500 ? QStringLiteral("NL") : QStringLiteral("DE"));
        QVERIFY2(rowOf(owner.address).endsWith(expected), qPrintable(rows.join(QLatin1Char('\n'))));
    }
}

void OwnerLabTest::sessionAsksOnce()
{
    QVERIFY(startDns(cymruRecords()));
    QThread::msleep(kBudgetRefillMs);
    const CliRun run =
        runMonitor(m_lab->client(), {QStringLiteral("--protocol"), QStringLiteral("icmp"),
                                     QStringLiteral("--count"), QStringLiteral("3"),
                                     QStringLiteral("--json"), NamespaceLab::serverV4(kRouters)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // Four origins and two names for three rounds: nothing is asked a second time.
    QCOMPARE(queries().filter(QRegularExpression(QStringLiteral("^TXT "))).size(), 6);
    const auto path = networkPathFromJson(run.out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QCOMPARE(int(path->hopscope->owners.size()), int(kOwners.size()));
}

void OwnerLabTest::secondTraceAsksNothing()
{
    QVERIFY(startDns(cymruRecords()));
    const CliRun first = trace({});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QCOMPARE(queries().filter(QRegularExpression(QStringLiteral("^TXT "))).size(), 6);
    // The answers were kept in the history database: the next run asks nothing, and knows.
    const CliRun second = trace({});
    QVERIFY2(second.exitCode == 0, second.err.constData());
    verifyTraceLines(second.out);
    QCOMPARE(queries().filter(QRegularExpression(QStringLiteral("^TXT "))).size(), 6);
}

void OwnerLabTest::noAsnSendsNoQuery()
{
    QVERIFY(startDns(cymruRecords()));
    const CliRun run = trace({QStringLiteral("--no-asn")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(!run.out.contains("[AS"), run.out.constData());
    // Not an AS lookup, nor a hostname's: nothing about the path left the client.
    QCOMPARE(queries(), QStringList());

    // Turned off in the window: no AS is asked about by the CLI either.
    QVERIFY(QDir().mkpath(m_data->filePath(QStringLiteral("hopscope"))));
    QFile settings(m_data->filePath(QStringLiteral("hopscope/hopscope.conf")));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write("[owners]\nonline=false\n");
    settings.close();
    const CliRun offline = trace({});
    QVERIFY2(offline.exitCode == 0, offline.err.constData());
    QVERIFY2(!offline.out.contains("[AS"), offline.out.constData());
    QCOMPARE(queries().filter(QRegularExpression(QStringLiteral("^TXT "))), QStringList());
}

// A file written without lookups (here by --no-asn; another tool's alike): show and report find
// the owners it lacks and keep them, so that the next look at it asks nothing.
void OwnerLabTest::showAndReportLookUpWhatTheFileLacks()
{
    QVERIFY(startDns(cymruRecords()));
    const QString saved = m_dir.filePath(QStringLiteral("without-owners.json"));
    const CliRun traced = trace({QStringLiteral("--no-asn"), QStringLiteral("-o"), saved});
    QVERIFY2(traced.exitCode == 0, traced.err.constData());
    QCOMPARE(queries(), QStringList());

    const CliRun local =
        runCli(m_lab->client(), QStringLiteral("show"), {QStringLiteral("--no-asn"), saved});
    QVERIFY2(local.exitCode == 0, local.err.constData());
    QVERIFY2(!local.out.contains("AS645"), local.out.constData());
    QCOMPARE(queries(), QStringList());

    const CliRun shown = runCli(m_lab->client(), QStringLiteral("show"), {saved});
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    QVERIFY2(shown.err.isEmpty(), shown.err.constData());
    const QStringList lines = QString::fromUtf8(shown.out).split(QLatin1Char('\n'));
    const auto lineWith = [&lines](const QString &address) {
        for (const QString &line : lines)
            if (line.contains(QLatin1Char(' ') + address + QLatin1Char(' ')))
                return line;
        return QString();
    };
    QVERIFY2(!lineWith(kPrivateAnswer).isEmpty() &&
                 !lineWith(kPrivateAnswer).contains(QStringLiteral("AS")),
             shown.out.constData());
    for (const Owner &owner : kOwners)
        QVERIFY2(lineWith(owner.address).contains(owner.label), shown.out.constData());
    // Four origins, two names; nothing for 10.0.0.1.
    QCOMPARE(queries().filter(QRegularExpression(QStringLiteral("^TXT "))).size(), 6);

    const QString csv = m_dir.filePath(QStringLiteral("looked-up.csv"));
    const CliRun reported =
        runCli(m_lab->client(), QStringLiteral("report"), {saved, QStringLiteral("-o"), csv});
    QVERIFY2(reported.exitCode == 0, reported.err.constData());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray rows = file.readAll();
    for (const Owner &owner : kOwners)
        QVERIFY2(rows.contains(QStringLiteral("%1,\"%2\",%3,")
                                   .arg(owner.asn)
                                   .arg(owner.asn == 64500 ? kExampleNet : kOtherNet, owner.prefix)
                                   .toUtf8()),
                 rows.constData());
    // Kept from the show: the report asked nothing.
    QCOMPARE(queries().filter(QRegularExpression(QStringLiteral("^TXT "))).size(), 6);
}

void OwnerLabTest::databaseAnswersWithoutNetwork()
{
    // No DNS server at all: the database alone answers.
    const QString database = m_dir.filePath(QStringLiteral("asn.mmdb"));
    QProcess writer;
    writer.start(
        QStringLiteral("perl"),
        QStringList{kWriter, QStringLiteral("asn"), database,
                    QStringLiteral("10.0.0.0/8=64999:PRIVATE-NET")}
            << [] {
                   QStringList entries;
                   for (const Owner &owner : kOwners)
                       entries << QStringLiteral("%1=%2:%3")
                                      .arg(owner.prefix)
                                      .arg(owner.asn)
                                      .arg(owner.asn == 64500 ? kExampleNet : kOtherNet);
                   return entries;
               }());
    QVERIFY(writer.waitForFinished(60000));
    QVERIFY2(writer.exitCode() == 0, writer.readAllStandardError().constData());
    const CliRun run = trace({QStringLiteral("--mmdb"), database});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    verifyTraceLines(run.out); // and 10.0.0.1 is not looked up even in the database

    const CliRun bad = trace({QStringLiteral("--mmdb"), m_dir.filePath(QStringLiteral("none"))});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(
        bad.err.contains(QByteArray("--mmdb: " + m_dir.filePath(QStringLiteral("none")).toUtf8() +
                                    " cannot be read: No such file or directory")),
        bad.err.constData());
}

void OwnerLabTest::malformedAnswerIsNamed()
{
    QVERIFY(startDns(cymruRecords(QStringLiteral("198.18.4.2"), QStringLiteral("v=spf1 -all"))));
    const CliRun run = trace({});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("trace: AS lookup of 198.18.4.2: the answer \"v=spf1 -all\" has 1 "
                              "fields separated by '|' where 3 or more were expected"),
             run.err.constData());
    QVERIFY2(run.out.contains("198.18.3.2 [AS64501 OTHER-NET]"), run.out.constData());
    QVERIFY2(!run.out.contains("198.18.4.2 ["), run.out.constData());
}

void OwnerLabTest::silentServerIsGivenUp()
{
    // A server that takes every question and answers none.
    QVERIFY(m_lab->exec(m_dns, {QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")},
                        "table inet silent {\n"
                        "  chain in { type filter hook input priority 0; udp dport 53 drop; }\n"
                        "}\n"));
    QThread::msleep(kBudgetRefillMs);
    QElapsedTimer timer;
    timer.start();
    const CliRun run =
        runTrace(m_lab->client(), {QStringLiteral("--protocol"), QStringLiteral("icmp"),
                                   NamespaceLab::serverV4(kRouters)});
    const qint64 tookMs = timer.elapsed();
    QVERIFY(m_lab->exec(m_dns,
                        {QStringLiteral("nft"), QStringLiteral("delete"), QStringLiteral("table"),
                         QStringLiteral("inet"), QStringLiteral("silent")}));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("trace: AS lookups: no answer from the DNS server within 2 s"),
             run.err.constData());
    QVERIFY2(run.out.contains("reached at TTL 5"), run.out.constData());
    QVERIFY2(!run.out.contains("[AS"), run.out.constData());
    qInfo("a trace with a silent DNS server took %lld ms", tookMs);
}

void OwnerLabTest::compareNamesTheAsesOfAMovedRoute()
{
    // r4's twin, in AS 64502: flows that r3 hashes to it cross AS 64502 instead of AS 64501.
    QVERIFY2(m_lab->addEqualCostTwin(4), qPrintable(m_lab->error()));
    const QString twin = NamespaceLab::twinTowardClientV4();
    QVERIFY(startDns(cymruRecords()
                     << QStringLiteral("txt-record=%1.origin.asn.cymru.com,\"64502 | "
                                       "198.18.10.0/24 | FR | ripencc | 2000-01-01\"")
                            .arg(reversed(twin))
                     << QStringLiteral("txt-record=AS64502.asn.cymru.com,\"64502 | FR | "
                                       "ripencc | 2000-01-01 | THIRD-NET - Third Net, FR\"")));
    QString viaR4;
    QString viaTwin;
    for (int port = 40000; port < 40040 && (viaR4.isEmpty() || viaTwin.isEmpty()); ++port) {
        const QString saved = m_dir.filePath(QStringLiteral("flow-%1.json").arg(port));
        QThread::msleep(kBudgetRefillMs);
        const CliRun run = runTrace(
            m_lab->client(),
            {QStringLiteral("--protocol"), QStringLiteral("udp"), QStringLiteral("--source-port"),
             QString::number(port), QStringLiteral("-o"), saved, NamespaceLab::serverV4(kRouters)});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        if (run.out.contains(QByteArray(twin.toUtf8() + " [AS64502 THIRD-NET]")))
            viaTwin = saved;
        else if (run.out.contains("198.18.3.2 [AS64501 OTHER-NET]"))
            viaR4 = saved;
    }
    QVERIFY2(!viaR4.isEmpty() && !viaTwin.isEmpty(), "no flow took one of the two routes");
    QProcess diff;
    diff.start(buildTreeCli(), {QStringLiteral("diff"), viaR4, viaTwin});
    QVERIFY(diff.waitForFinished(60000));
    const QByteArray out = diff.readAllStandardOutput();
    QVERIFY2(out.contains(
                 "At TTL 4 the path now crosses AS64502 THIRD-NET instead of AS64501 OTHER-NET."),
             out.constData());
}

QTEST_GUILESS_MAIN(OwnerLabTest)
#include "tst_ownerlab.moc"
