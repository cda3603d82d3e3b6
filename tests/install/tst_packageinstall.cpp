// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <unistd.h>

using namespace hopscope;
using namespace labtrace;

namespace {

const QString kPrefix = QStringLiteral(HOPSCOPE_INSTALL_PREFIX);
const QString kAppId = QStringLiteral(HOPSCOPE_APP_ID);
const QString kMimeType = QStringLiteral(HOPSCOPE_PATH_MIME_TYPE);
const QString kHelper = QStringLiteral(HOPSCOPE_INSTALLED_HELPER);
const QString kGrantProgram = QStringLiteral(HOPSCOPE_INSTALLED_GRANT_PROGRAM);
const QString kCli = kPrefix + QStringLiteral("/bin/hopscope-cli");
const QString kGui = kPrefix + QStringLiteral("/bin/hopscope");

constexpr int kRouters = 3; // client - r1 - r2 - r3 - server
constexpr int kOpenPort = 8080;

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &arguments, const QStringList &environment = {})
{
    QProcess process;
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &setting : environment)
            env.insert(setting.section(QLatin1Char('='), 0, 0),
                       setting.section(QLatin1Char('='), 1));
        process.setProcessEnvironment(env);
    }
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(300000)) {
        result.err = QStringLiteral("%1 did not finish: %2").arg(program, process.errorString());
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    result.err = QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}

bool packageInstalled()
{
    const Run status =
        run(QStringLiteral("dpkg-query"),
            {QStringLiteral("-W"), QStringLiteral("-f=${Status}"), QStringLiteral("hopscope")});
    return status.exitCode == 0 && status.out.contains(QStringLiteral("install ok installed"));
}

// Every file of the system whose name says it is Hopscope's, or its file type's.
QStringList systemFilesOfHopscope()
{
    QStringList found;
    for (const QString &root : {QStringLiteral("/usr"), QStringLiteral("/etc"),
                                QStringLiteral("/var/lib"), QStringLiteral("/opt")}) {
        QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString name = it.fileName().toLower();
            if (name.contains(QLatin1String("hopscope")) ||
                name.contains(QLatin1String("networkpath")))
                found << path;
        }
    }
    found.sort();
    return found;
}

QString fileText(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// What the desktop's file managers call this file (GIO, by the shared MIME database).
QString contentType(const QString &fileName)
{
    const Run info =
        run(QStringLiteral("gio"), {QStringLiteral("info"), QStringLiteral("-a"),
                                    QStringLiteral("standard::content-type"), fileName});
    static const QRegularExpression line(QStringLiteral("standard::content-type: (\\S+)"));
    const QRegularExpressionMatch match = line.match(info.out);
    return match.hasMatch() ? match.captured(1) : info.err;
}

QString fixture(const char *name)
{
    return QStringLiteral(HOPSCOPE_FIXTURES_DIR "/") + QLatin1String(name);
}

} // namespace

// The Debian package as a user gets it: built by cpack from this build tree, installed with
// dpkg, its helper granted cap_net_raw by the package, an unprivileged user tracing through the
// namespace lab with the installed programs, then removed without a trace. Needs root; replaces
// nothing: it will not run where a hopscope package is installed already.
class PackageInstallTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void packageHoldsTheLayout();
    void installWithoutSetcapStaysUsable();
    void installGrantsTheHelper();
    void installedCliTracesThroughInstalledHelper();
    void installedManualPagesOpen();
    void installedWindowStarts();
    void savedPathsAreNetworkPathFiles_data();
    void savedPathsAreNetworkPathFiles();
    void grantProgramGrantsOnlyItsHelper();
    void removalLeavesNothing();

private:
    // The installed CLI's TCP trace to the lab's server, as nobody with an empty environment.
    CliRun traceAsNobody() const;
    void checkLabHops(const NetworkPath &path) const;

    std::unique_ptr<NamespaceLab> m_lab;
    QTemporaryDir m_work;
    QString m_package;
    QStringList m_before;
    bool m_installedHere = false;
};

void PackageInstallTest::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("the install test installs a package: it needs root");
    if (kPrefix != QLatin1String("/usr"))
        QSKIP(qPrintable(
            QStringLiteral(
                "this build tree installs into %1; the package is tested from one configured "
                "with -DCMAKE_INSTALL_PREFIX=/usr (tests/run.sh does that)")
                .arg(kPrefix)));
    if (packageInstalled())
        QSKIP("a hopscope package is installed on this machine; the install test would replace and "
              "remove it "
              "(dpkg --purge hopscope first)");
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    QVERIFY(m_work.isValid());
    m_before = systemFilesOfHopscope();
    m_lab = std::make_unique<NamespaceLab>(kRouters);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(kOpenPort), qPrintable(m_lab->error()));

    const Run cpack = run(QStringLiteral("cpack"),
                          {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                           QStringLiteral(HOPSCOPE_BINARY_DIR "/CPackConfig.cmake"),
                           QStringLiteral("-B"), m_work.path()});
    QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.out + cpack.err));
    const QStringList debs = QDir(m_work.path()).entryList({QStringLiteral("*.deb")});
    QCOMPARE(debs.size(), 1);
    m_package = m_work.filePath(debs.constFirst());
}

void PackageInstallTest::cleanupTestCase()
{
    if (m_installedHere && packageInstalled())
        run(QStringLiteral("dpkg"), {QStringLiteral("--purge"), QStringLiteral("hopscope")});
    m_lab.reset();
}

CliRun PackageInstallTest::traceAsNobody() const
{
    // No environment pointing anywhere: the installed CLI must find the installed helper itself.
    return runTrace(m_lab->client(),
                    {QStringLiteral("--json"), QStringLiteral("--no-dns"),
                     QStringLiteral("--protocol"), QStringLiteral("tcp"), QStringLiteral("--port"),
                     QString::number(kOpenPort), QStringLiteral("--max-ttl"), QStringLiteral("8"),
                     NamespaceLab::serverV4(kRouters)},
                    asNobody() + QStringList{QStringLiteral("env"), QStringLiteral("-i")}, kCli);
}

void PackageInstallTest::checkLabHops(const NetworkPath &path) const
{
    QStringList hops;
    for (int ttl = 1; ttl <= kRouters; ++ttl)
        hops << routerHop(ttl, false);
    hops << QStringLiteral("%1 %2").arg(kRouters + 1).arg(NamespaceLab::serverV4(kRouters));
    QCOMPARE(hopsOf(path), hops.join(QLatin1Char('\n')));
    QVERIFY(path.destinationReached());
    QCOMPARE(path.protocol, Protocol::Tcp);
}

void PackageInstallTest::packageHoldsTheLayout()
{
    const Run fields = run(QStringLiteral("dpkg-deb"), {QStringLiteral("--field"), m_package});
    QCOMPARE(fields.exitCode, 0);
    QVERIFY2(fields.out.contains(QStringLiteral("Package: hopscope\n")), qPrintable(fields.out));
    QVERIFY2(fields.out.contains(QStringLiteral("Version: " HOPSCOPE_VERSION "\n")),
             qPrintable(fields.out));
    static const QRegularExpression dependsLine(QStringLiteral("^Depends: (.*)$"),
                                                QRegularExpression::MultilineOption);
    const QString depends = dependsLine.match(fields.out).captured(1);
    // Found by dpkg-shlibdeps from what the programs link, and the run-time additions.
    for (const char *package :
         {"libc6", "libstdc++6", "libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6charts6",
          "libqt6sql6", "libqt6svg6", "libqt6sql6-sqlite", "libcap2-bin"})
        QVERIFY2(depends.contains(QRegularExpression(
                     QStringLiteral("(^|, )%1( |,|$)")
                         .arg(QRegularExpression::escape(QLatin1String(package))))),
                 qPrintable(QStringLiteral("%1 is not among the dependencies: %2")
                                .arg(QLatin1String(package), depends)));

    const Run contents = run(QStringLiteral("dpkg-deb"), {QStringLiteral("--contents"), m_package});
    QCOMPARE(contents.exitCode, 0);
    QStringList files;
    QStringList modes;
    for (const QString &line : contents.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1Char('d')))
            continue;
        const QString path =
            line.section(QLatin1Char(' '), -1).mid(1); // "./usr/bin/x" -> "/usr/bin/x"
        files << path;
        modes << line.section(QLatin1Char(' '), 0, 0) + QLatin1Char(' ') + path;
    }
    files.sort();
    QStringList expected{
        kPrefix + QStringLiteral("/bin/hopscope"),
        kPrefix + QStringLiteral("/bin/hopscope-cli"),
        kGrantProgram,
        kHelper,
        kPrefix + QStringLiteral("/share/applications/%1.desktop").arg(kAppId),
        kPrefix + QStringLiteral("/share/bash-completion/completions/hopscope-cli"),
        kPrefix + QStringLiteral("/share/zsh/vendor-completions/_hopscope-cli"),
        kPrefix + QStringLiteral("/share/doc/hopscope/copyright"),
        kPrefix + QStringLiteral("/share/man/man1/hopscope.1.gz"),
        kPrefix + QStringLiteral("/share/man/man1/hopscope-cli.1.gz"),
        kPrefix + QStringLiteral("/share/man/man8/hopscope-probe.8.gz"),
        kPrefix + QStringLiteral("/share/icons/hicolor/scalable/apps/%1.svg").arg(kAppId),
        kPrefix + QStringLiteral("/share/metainfo/%1.metainfo.xml").arg(kAppId),
        kPrefix + QStringLiteral("/share/mime/packages/%1.xml").arg(kAppId),
        kPrefix + QStringLiteral("/share/polkit-1/actions/%1.policy").arg(kAppId)};
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        expected
            << kPrefix +
                   QStringLiteral("/share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kAppId);
    expected.sort();
    QCOMPARE(files, expected);
    // Nothing setuid, nothing writable by others: the helper's privilege is a file capability
    // that the package's post-install step adds.
    for (const QString &line : modes) {
        const QString mode = line.section(QLatin1Char(' '), 0, 0);
        QVERIFY2(!mode.contains(QLatin1Char('s')) && !mode.contains(QLatin1Char('S')),
                 qPrintable(line));
        QVERIFY2(mode.at(8) != QLatin1Char('w'), qPrintable(line));
    }
    QVERIFY(modes.contains(QStringLiteral("-rwxr-xr-x ") + kHelper));
    QVERIFY(modes.contains(QStringLiteral("-rwxr-xr-x ") + kGrantProgram));

    // Lintian has nothing to say about the manual pages, at any severity.
    const Run lintian =
        run(QStringLiteral("lintian"),
            {QStringLiteral("--display-info"), QStringLiteral("--display-experimental"),
             QStringLiteral("--pedantic"), QStringLiteral("--tag-display-limit"),
             QStringLiteral("0"), m_package});
    QVERIFY2(lintian.out.contains(QStringLiteral("hopscope")) || lintian.exitCode == 0,
             qPrintable(lintian.err)); // it ran and looked at the package
    static const QRegularExpression aboutManualPages(
        QStringLiteral("manual-page|manpage|whatis|groff|usr/share/man/"));
    QStringList said;
    for (const QString &line : lintian.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (line.contains(aboutManualPages))
            said << line;
    QVERIFY2(said.isEmpty(), qPrintable(said.join(QLatin1Char('\n'))));
}

void PackageInstallTest::installWithoutSetcapStaysUsable()
{
    // dpkg in a mount namespace of its own where setcap is an empty file: the post-install step
    // cannot grant the capability, must say so, and must not fail the installation.
    const Run install =
        run(QStringLiteral("unshare"),
            {QStringLiteral("--mount"), QStringLiteral("sh"), QStringLiteral("-c"),
             QStringLiteral("for setcap in /usr/sbin/setcap /sbin/setcap; do "
                            "[ ! -e $setcap ] || mount --bind /dev/null $setcap || exit 99; done; "
                            "dpkg -i '%1'")
                 .arg(m_package)});
    m_installedHere = true;
    QVERIFY2(install.exitCode == 0, qPrintable(install.out + install.err));
    QVERIFY2(install.err.contains(QStringLiteral("setcap is not installed")),
             qPrintable(install.err));
    QVERIFY2(install.err.contains(QStringLiteral("was not given cap_net_raw")),
             qPrintable(install.err));
    QVERIFY(packageInstalled());
    QCOMPARE(run(QStringLiteral("getcap"), {kHelper}).out.trimmed(), QString());

    // Hopscope works without it: the same trace, without privileges, and stderr says why.
    const CliRun trace = traceAsNobody();
    QVERIFY2(trace.exitCode == 0, trace.err.constData());
    QVERIFY2(trace.err.contains("the probe helper has no permission to send raw packets"),
             trace.err.constData());
    const auto path = networkPathFromJson(trace.out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    checkLabHops(*path);
    QCOMPARE(QString::fromStdString(std::string(probingName(path->hopscope->probing))),
             QStringLiteral("unprivileged"));

    const Run purge =
        run(QStringLiteral("dpkg"), {QStringLiteral("--purge"), QStringLiteral("hopscope")});
    QVERIFY2(purge.exitCode == 0, qPrintable(purge.out + purge.err));
    QCOMPARE(systemFilesOfHopscope(), m_before);
}

void PackageInstallTest::installGrantsTheHelper()
{
    const Run install = run(QStringLiteral("dpkg"), {QStringLiteral("-i"), m_package});
    m_installedHere = true;
    QVERIFY2(install.exitCode == 0, qPrintable(install.out + install.err));
    QVERIFY2(!install.err.contains(QStringLiteral("not given cap_net_raw")),
             qPrintable(install.err));
    QVERIFY(packageInstalled());

    const Run getcap = run(QStringLiteral("getcap"), {kHelper});
    QCOMPARE(getcap.exitCode, 0);
    QCOMPARE(getcap.out.trimmed(),
             kHelper +
                 QStringLiteral(" " HOPSCOPE_HELPER_CAPABILITIES_SHOWN)); // those, and nothing else
    // The front ends hold no capability, and nothing loads libraries from beside itself.
    for (const QString &program : {kCli, kGui})
        QCOMPARE(run(QStringLiteral("getcap"), {program}).out.trimmed(), QString());
    for (const QString &program : {kCli, kGui, kHelper}) {
        const Run dynamic = run(QStringLiteral("readelf"), {QStringLiteral("--dynamic"), program});
        QCOMPARE(dynamic.exitCode, 0);
        QVERIFY2(!dynamic.out.contains(QStringLiteral("RPATH")) &&
                     !dynamic.out.contains(QStringLiteral("RUNPATH")),
                 qPrintable(program + QLatin1Char('\n') + dynamic.out));
    }

    // The dpkg triggers of the desktop took the files in: the MIME type is known and Hopscope opens
    // it.
    QVERIFY2(fileText(QStringLiteral("/usr/share/mime/types"))
                 .split(QLatin1Char('\n'))
                 .contains(kMimeType),
             "the shared MIME database does not list the NetworkPath type");
    const QString associations = fileText(QStringLiteral("/usr/share/applications/mimeinfo.cache"));
    QVERIFY2(associations.contains(QStringLiteral("%1=%2.desktop").arg(kMimeType, kAppId)),
             qPrintable(associations));
}

void PackageInstallTest::installedCliTracesThroughInstalledHelper()
{
    // As nobody, without capabilities: only the installed helper may send raw probes.
    const CliRun trace = traceAsNobody();
    QVERIFY2(trace.exitCode == 0, trace.err.constData());
    QVERIFY2(trace.err.isEmpty(), trace.err.constData()); // no fallback, nothing degraded
    const auto path = networkPathFromJson(trace.out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    checkLabHops(*path);
    QCOMPARE(QString::fromStdString(std::string(probingName(path->hopscope->probing))),
             QStringLiteral("raw"));
    QCOMPARE(int(path->hopscope->probes.size()), (kRouters + 1) * 3);

    // The installed bash completion registers itself when sourced, as bash-completion does.
    const Run completion =
        run(QStringLiteral("bash"),
            {QStringLiteral("-c"),
             QStringLiteral("source %1/share/bash-completion/completions/hopscope-cli && "
                            "complete -p hopscope-cli")
                 .arg(kPrefix)});
    QCOMPARE(completion.exitCode, 0);
    QVERIFY2(completion.out.contains(QStringLiteral("-F _hopscope_cli hopscope-cli")),
             qPrintable(completion.out + completion.err));
}

// The installed pages open with man by name and are in the whatis index that man-db's trigger
// rebuilt when the package was installed.
void PackageInstallTest::installedManualPagesOpen()
{
    const std::vector<std::pair<QString, QString>> pages = {
        {QStringLiteral("1"), QStringLiteral("hopscope")},
        {QStringLiteral("1"), QStringLiteral("hopscope-cli")},
        {QStringLiteral("8"), QStringLiteral("hopscope-probe")}};
    for (const auto &[section, name] : pages) {
        const Run where = run(QStringLiteral("man"), {QStringLiteral("-w"), section, name});
        QCOMPARE(where.out.trimmed(),
                 kPrefix + QStringLiteral("/share/man/man%1/%2.%1.gz").arg(section, name));
        const Run shown =
            run(QStringLiteral("env"),
                {QStringLiteral("MANPAGER=cat"), QStringLiteral("MANWIDTH=80"),
                 QStringLiteral("LC_ALL=C.UTF-8"), QStringLiteral("man"), section, name});
        QVERIFY2(shown.exitCode == 0 && shown.err.isEmpty(), qPrintable(shown.err));
        QVERIFY2(shown.out.contains(QStringLiteral("\nNAME\n       %1 - ").arg(name)),
                 qPrintable(shown.out.left(400)));
        const Run whatis = run(QStringLiteral("whatis"), {name});
        QVERIFY2(whatis.out.startsWith(name + QStringLiteral(" (%1)").arg(section)),
                 qPrintable(whatis.out + whatis.err));
    }
}

void PackageInstallTest::installedWindowStarts()
{
    // Without a display, --version still answers.
    const Run version = run(kGui, {QStringLiteral("--version")});
    QVERIFY2(version.exitCode == 0, qPrintable(version.err));
    QCOMPARE(version.out.trimmed(), QStringLiteral("hopscope " HOPSCOPE_VERSION));
    const Run ldd = run(QStringLiteral("ldd"), {kGui});
    QVERIFY2(!ldd.out.contains(QStringLiteral("not found")), qPrintable(ldd.out));

    // The window as the desktop file starts it, with a saved path, as nobody with a home of its
    // own: it keeps running (until timeout stops it), opens the file (its recent list says so)
    // and its history database (Qt's SQLite driver came with the dependencies).
    const QString home = m_work.filePath(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(home));
    QVERIFY(QFile::setPermissions(
        m_work.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                           QFileDevice::ExeGroup | QFileDevice::ExeOther)); // nobody passes through
    QVERIFY(
        QFile::copy(fixture("hopscope/full-tcp-path.json"), home + QStringLiteral("/path.json")));
    // Settings and a history where earlier versions kept them: the window moves both.
    QVERIFY(QDir().mkpath(home + QStringLiteral("/.config/Hopscope")));
    QVERIFY(QDir().mkpath(home + QStringLiteral("/.local/share/Hopscope/Hopscope")));
    QFile legacySettings(home + QStringLiteral("/.config/Hopscope/Hopscope.conf"));
    QVERIFY(legacySettings.open(QIODevice::WriteOnly));
    legacySettings.write("[owners]\nonline=false\n");
    legacySettings.close();
    QVERIFY(
        QFile::copy(m_work.filePath(QStringLiteral("home/path.json")),
                    home + QStringLiteral("/.local/share/Hopscope/Hopscope/kept-by-hand.json")));
    QCOMPARE(
        run(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("65534:65534"), home})
            .exitCode,
        0);
    const Run window = run(
        asNobody().constFirst(),
        asNobody().mid(1) +
            QStringList{QStringLiteral("env"), QStringLiteral("-i"), QStringLiteral("HOME=") + home,
                        QStringLiteral("QT_QPA_PLATFORM=offscreen"), QStringLiteral("timeout"),
                        QStringLiteral("-s"), QStringLiteral("TERM"), QStringLiteral("5"), kGui,
                        home + QStringLiteral("/path.json")});
    QVERIFY2(window.exitCode == 124,
             qPrintable(QStringLiteral("exit %1: %2").arg(window.exitCode).arg(window.err)));
    const QString settings = fileText(home + QStringLiteral("/.config/hopscope/hopscope.conf"));
    QVERIFY2(settings.contains(home + QStringLiteral("/path.json")), qPrintable(window.err));
    QVERIFY2(settings.contains(QStringLiteral("online=false")), qPrintable(settings));
    QVERIFY2(QFileInfo::exists(home + QStringLiteral("/.local/share/hopscope/history.sqlite")),
             qPrintable(window.err));
    QVERIFY(QFileInfo::exists(home + QStringLiteral("/.local/share/hopscope/kept-by-hand.json")));
    QVERIFY(!QFileInfo::exists(home + QStringLiteral("/.config/Hopscope")));
    QVERIFY(!QFileInfo::exists(home + QStringLiteral("/.local/share/Hopscope")));
    QVERIFY2(!window.err.contains(QStringLiteral("driver not loaded")), qPrintable(window.err));
}

void PackageInstallTest::savedPathsAreNetworkPathFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("type");
    QTest::newRow("Hopscope's own") << fixture("hopscope/full-tcp-path.json") << kMimeType;
    QTest::newRow("a monitoring session") << fixture("hopscope/monitor-session.json") << kMimeType;
    QTest::newRow("Datadog v1 (path_id)") << fixture("datadog/v1-success.json") << kMimeType;
    QTest::newRow("Datadog v3 (pathtrace_id)")
        << fixture("datadog/v3-pathtrace-reachable.json") << kMimeType;
    QTest::newRow("Datadog v4 (test_result_id)")
        << fixture("datadog/v4-traceroute-runs.json") << kMimeType;
    QTest::newRow("mtr --json is other JSON")
        << fixture("imports/mtr.json") << QStringLiteral("application/json");
    QTest::newRow("Trippy's report is other JSON")
        << fixture("imports/trippy.json") << QStringLiteral("application/json");
}

void PackageInstallTest::savedPathsAreNetworkPathFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, type);
    // Under the name a user would give it.
    const QString copy = m_work.filePath(QStringLiteral("saved.json"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(file, copy));
    QCOMPARE(contentType(copy), type);
    // Qt's reading of the same database, which KDE's file managers use.
    QCOMPARE(QMimeDatabase().mimeTypeForFile(copy).name(), type);
}

void PackageInstallTest::grantProgramGrantsOnlyItsHelper()
{
    QCOMPARE(run(QStringLiteral("setcap"), {QStringLiteral("-r"), kHelper}).exitCode, 0);
    QCOMPARE(run(QStringLiteral("getcap"), {kHelper}).out.trimmed(), QString());

    // Arguments are refused: the program changes its one file and nothing else.
    const Run withArgument = run(kGrantProgram, {QStringLiteral("/usr/bin/hopscope-cli")});
    QCOMPARE(withArgument.exitCode, 2);
    QVERIFY2(withArgument.err.contains(QStringLiteral("takes no arguments")),
             qPrintable(withArgument.err));
    QCOMPARE(run(QStringLiteral("getcap"), {kCli}).out.trimmed(), QString());

    // Not root: says why and changes nothing.
    const Run asUser = run(asNobody().constFirst(), asNobody().mid(1) + QStringList{kGrantProgram});
    QCOMPARE(asUser.exitCode, 1);
    QVERIFY2(asUser.err.contains(QStringLiteral("could not give")), qPrintable(asUser.err));
    QCOMPARE(run(QStringLiteral("getcap"), {kHelper}).out.trimmed(), QString());

    // As root (what pkexec gives it): granted again.
    const Run asRoot = run(kGrantProgram, {});
    QVERIFY2(asRoot.exitCode == 0, qPrintable(asRoot.err));
    QCOMPARE(run(QStringLiteral("getcap"), {kHelper}).out.trimmed(),
             kHelper + QStringLiteral(" " HOPSCOPE_HELPER_CAPABILITIES_SHOWN));
}

void PackageInstallTest::removalLeavesNothing()
{
    const Run purge =
        run(QStringLiteral("dpkg"), {QStringLiteral("--purge"), QStringLiteral("hopscope")});
    QVERIFY2(purge.exitCode == 0, qPrintable(purge.out + purge.err));
    QVERIFY(!packageInstalled());
    QCOMPARE(systemFilesOfHopscope(), m_before);
    QVERIFY(!QFileInfo::exists(QFileInfo(kHelper).path()));
    QVERIFY(!fileText(QStringLiteral("/usr/share/mime/types"))
                 .split(QLatin1Char('\n'))
                 .contains(kMimeType));
    QVERIFY(!fileText(QStringLiteral("/usr/share/applications/mimeinfo.cache")).contains(kAppId));
    const QString copy = m_work.filePath(QStringLiteral("saved.json"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(fixture("hopscope/full-tcp-path.json"), copy));
    QCOMPARE(contentType(copy), QStringLiteral("application/json"));
}

QTEST_GUILESS_MAIN(PackageInstallTest)
#include "tst_packageinstall.moc"
