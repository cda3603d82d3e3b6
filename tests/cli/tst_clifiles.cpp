// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

// hopscope-cli against hostile and unusual files: what it reads must be a file of bounded size,
// what it writes goes where the user meant, and nothing from a file reaches the terminal raw.
class CliFilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesWhatIsNotAFile_data();
    void refusesWhatIsNotAFile();
    void writesWhereTheUserMeant_data();
    void writesWhereTheUserMeant();
    void manyRespondersMakeABoundedReport_data();
    void manyRespondersMakeABoundedReport();
    void keepsControlCharactersOffTheTerminal_data();
    void keepsControlCharactersOffTheTerminal();
};

namespace {

const QString kCli = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli");
#if defined(__SANITIZE_ADDRESS__)
constexpr double kSlowdown = 5.0; // an unoptimised build checking every access
#else
constexpr double kSlowdown = 1.0;
#endif
QString fixture(const char *name)
{
    return QStringLiteral(HOPSCOPE_FIXTURES_DIR "/") + QLatin1String(name);
}

struct Run
{
    int exitCode = -1;
    bool signalled = false;
    QByteArray out;
    QByteArray err;
    double seconds = 0;
    long peakKiB = 0; // the child's largest resident set
};

// Runs the CLI in a child of its own, so that its time and peak memory are its alone (wait4).
Run runCli(const QStringList &arguments, const QString &stdoutFile = {})
{
    QTemporaryDir dir;
    const QByteArray outName = stdoutFile.isEmpty()
                                   ? dir.filePath(QStringLiteral("out")).toLocal8Bit()
                                   : stdoutFile.toLocal8Bit();
    const QByteArray errName = dir.filePath(QStringLiteral("err")).toLocal8Bit();
    std::vector<QByteArray> storage{kCli.toLocal8Bit()};
    for (const QString &argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &argument : storage)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    QElapsedTimer timer;
    timer.start();
    const pid_t child = ::fork();
    if (child == 0) {
        const int out = ::open(outName.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(errName.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    rusage usage{};
    Run run;
    if (::wait4(child, &status, 0, &usage) != child)
        return run;
    run.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    run.peakKiB = usage.ru_maxrss;
    run.signalled = WIFSIGNALED(status);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    QFile out(QString::fromLocal8Bit(outName));
    if (out.open(QIODevice::ReadOnly))
        run.out = out.readAll();
    QFile err(QString::fromLocal8Bit(errName));
    if (err.open(QIODevice::ReadOnly))
        run.err = err.readAll();
    return run;
}

bool writeFile(const QString &name, const QByteArray &bytes)
{
    QFile file(name);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// `show FILE`, `diff FILE OTHER` or `report FILE --format FORMAT`.
QStringList commandOn(const QString &command, const QString &file, const char *reportFormat)
{
    QStringList arguments{command, file};
    if (command == QLatin1String("diff"))
        arguments << fixture("datadog/v1-success.json");
    if (command == QLatin1String("report"))
        arguments << QStringLiteral("--format") << QLatin1String(reportFormat);
    return arguments;
}

bool hasControlCharacter(const QByteArray &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f)
            return true;
        if (byte == 0xc2 && i + 1 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9f)
            return true;
    }
    return false;
}

// A Datadog-shaped path with `responders` routers answering at each of `ttls` TTLs and no probes:
// nothing says which router links to which.
QByteArray manyResponders(int ttls, int responders)
{
    nlohmann::json hops = nlohmann::json::array();
    for (int ttl = 1; ttl <= ttls; ++ttl)
        for (int i = 0; i < responders; ++i)
            hops.push_back(
                {{"ttl", ttl},
                 {"ip_address", "10." + std::to_string(ttl) + "." + std::to_string(i / 250) + "." +
                                    std::to_string(i % 250 + 1)},
                 {"hostname", ""},
                 {"rtt", 1.5 + ttl},
                 {"reachable", true}});
    const nlohmann::json path{
        {"timestamp", 1764547200000},
        {"namespace", "default"},
        {"path_id", "0f0f0f0f-0000-4000-8000-000000000001"},
        {"protocol", "TCP"},
        {"source", {{"hostname", "desk"}}},
        {"destination", {{"hostname", "far.example"}, {"ip_address", "192.0.2.9"}, {"port", 443}}},
        {"hops", hops}};
    return QByteArray::fromStdString(path.dump());
}

} // namespace

void CliFilesTest::refusesWhatIsNotAFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("said");
    for (const char *command : {"show", "diff", "report"}) {
        QTest::addRow("%s /dev/zero behind a link", command)
            << "zero" << command << QByteArray("is a character device");
        QTest::addRow("%s a FIFO nobody writes to", command)
            << "fifo" << command << QByteArray("is a FIFO (named pipe)");
        QTest::addRow("%s a folder", command) << "folder" << command << QByteArray("is a folder");
    }
}

// Refused at once with the file named and why: /dev/zero would grow the process until it aborts,
// and a FIFO without a writer would block it for ever.
void CliFilesTest::refusesWhatIsNotAFile()
{
    QFETCH(QString, kind);
    QFETCH(QString, command);
    QFETCH(QByteArray, said);
    QTemporaryDir dir;
    const QString name = dir.filePath(QStringLiteral("path.json"));
    if (kind == QLatin1String("zero"))
        QCOMPARE(::symlink("/dev/zero", name.toLocal8Bit().constData()), 0);
    else if (kind == QLatin1String("fifo"))
        QCOMPARE(::mkfifo(name.toLocal8Bit().constData(), 0600), 0);
    else
        QVERIFY(QDir().mkdir(name));
    const Run run = runCli(commandOn(command, name, "csv"));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.seconds < 1.0 * kSlowdown, qPrintable(QString::number(run.seconds)));
    QVERIFY2(run.err.contains(QByteArray(name.toLocal8Bit() + ": " + said)), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void CliFilesTest::writesWhereTheUserMeant_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("/dev/null stays a device") << "null";
    QTest::newRow("/dev/stdout is the output") << "stdout";
    QTest::newRow("a hard link survives") << "hardlink";
    QTest::newRow("a symlink survives") << "symlink";
    QTest::newRow("an existing file keeps its mode") << "mode";
    QTest::newRow("a folder is refused") << "folder";
}

void CliFilesTest::writesWhereTheUserMeant()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const QString existing = dir.filePath(QStringLiteral("report.csv"));
    {
        QFile file(existing);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old report\n");
    }
    QVERIFY(QFile::setPermissions(existing, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ReadGroup));
    const QByteArray existingName = existing.toLocal8Bit();
    QString output = existing;
    QString captured;
    if (kind == QLatin1String("null")) {
        output = QStringLiteral("/dev/null");
    } else if (kind == QLatin1String("stdout")) {
        output = QStringLiteral("/dev/stdout");
        captured = dir.filePath(QStringLiteral("captured"));
    } else if (kind == QLatin1String("hardlink")) {
        output = dir.filePath(QStringLiteral("second-name.csv"));
        QCOMPARE(::link(existingName.constData(), output.toLocal8Bit().constData()), 0);
    } else if (kind == QLatin1String("symlink")) {
        output = dir.filePath(QStringLiteral("latest.csv"));
        QCOMPARE(::symlink("report.csv", output.toLocal8Bit().constData()), 0);
    } else if (kind == QLatin1String("folder")) {
        output = dir.path();
    }
    struct stat before
    {
    };
    QCOMPARE(::stat(output.toLocal8Bit().constData(), &before), 0);
    const Run run =
        runCli({QStringLiteral("report"), fixture("datadog/v3-pathtrace-reachable.json"),
                QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-o"), output},
               captured);
    if (kind == QLatin1String("folder")) {
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("is a folder"), run.err.constData());
        return;
    }
    QVERIFY2(run.exitCode == 0, run.err.constData());
    struct stat after
    {
    };
    QCOMPARE(::stat(output.toLocal8Bit().constData(), &after), 0);
    QFile existingFile(existing);
    QVERIFY(existingFile.open(QIODevice::ReadOnly));
    const QByteArray written = existingFile.readAll();
    if (kind == QLatin1String("null")) {
        QVERIFY(S_ISCHR(after.st_mode));
        QCOMPARE(after.st_rdev, before.st_rdev);
        QCOMPARE(after.st_mode, before.st_mode);
        QCOMPARE(written, QByteArray("old report\n"));
    } else if (kind == QLatin1String("stdout")) {
        QFile file(captured);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.readAll().startsWith("ttl,"), "the report went to standard output");
    } else if (kind == QLatin1String("hardlink")) {
        QCOMPARE(after.st_ino, before.st_ino);
        QCOMPARE(after.st_nlink, nlink_t(2));
        QVERIFY(written.startsWith("ttl,"));
    } else if (kind == QLatin1String("symlink")) {
        struct stat link
        {
        };
        QCOMPARE(::lstat(output.toLocal8Bit().constData(), &link), 0);
        QVERIFY2(S_ISLNK(link.st_mode), "the link was replaced by a file");
        QVERIFY(written.startsWith("ttl,"));
    } else {
        QVERIFY(written.startsWith("ttl,"));
    }
    struct stat file
    {
    };
    QCOMPARE(::stat(existingName.constData(), &file), 0);
    QCOMPARE(file.st_mode & 07777, mode_t(0640));
    const QStringList leftovers =
        QDir(dir.path()).entryList({QStringLiteral(".*")}, QDir::Hidden | QDir::Files);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(u' ')));
}

void CliFilesTest::manyRespondersMakeABoundedReport_data()
{
    QTest::addColumn<int>("ttls");
    QTest::addColumn<int>("responders");
    QTest::addColumn<QString>("format");
    // Sizes of files that made a report of minutes and gigabytes when every node of a TTL was
    // linked to every node of the next.
    QTest::newRow("0.6 MB, html") << 30 << 240 << "html";
    QTest::newRow("1.9 MB, html") << 30 << 720 << "html";
    QTest::newRow("6.6 MB, html") << 30 << 2500 << "html";
    QTest::newRow("6.6 MB, pdf") << 30 << 2500 << "pdf";
    QTest::newRow("255 TTLs, pdf") << 255 << 40 << "pdf";
}

void CliFilesTest::manyRespondersMakeABoundedReport()
{
    QFETCH(int, ttls);
    QFETCH(int, responders);
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString input = dir.filePath(QStringLiteral("many.json"));
    QVERIFY(writeFile(input, manyResponders(ttls, responders)));
    const QString output = dir.filePath(QStringLiteral("many.") + format);
    const Run run = runCli({QStringLiteral("report"), input, QStringLiteral("--format"), format,
                            QStringLiteral("-o"), output});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    qInfo("%d x %d responders: %s report of %lld bytes in %.2f s, %ld MiB at most", ttls,
          responders, qPrintable(format), QFileInfo(output).size(), run.seconds,
          run.peakKiB / 1024);
    // The sanitizers' checks and shadow memory are no measure of the program's time or memory;
    // the optimised build catches a report that takes minutes or gigabytes.
#if !defined(__SANITIZE_ADDRESS__)
    QVERIFY2(run.seconds < 5.0 * kSlowdown, qPrintable(QString::number(run.seconds)));
    QVERIFY2(run.peakKiB < 200 * 1024, qPrintable(QString::number(run.peakKiB)));
#endif
    QVERIFY(QFileInfo(output).size() < 4 * 1024 * 1024);
    if (format == QLatin1String("html")) {
        QFile html(output);
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray text = html.readAll();
        QVERIFY2(text.contains(QByteArray(QByteArray::number(responders - 8) + " more not drawn")),
                 "the graph says what it left out");
        QVERIFY2(text.contains(
                     QByteArray(QByteArray::number(responders - 8) + " more responders at TTL 1")),
                 "the table says what it left out");
    }
}

void CliFilesTest::keepsControlCharactersOffTheTerminal_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("exitCode");
    QFile file(fixture("datadog/v3-pathtrace-reachable.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray valid = file.readAll();
    const QByteArray escape = "\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m";
    QByteArray badProtocol = valid;
    badProtocol.replace("\"protocol\": \"ICMP\"", QByteArray("\"protocol\": \"" + escape + "\""));
    QVERIFY(badProtocol != valid);
    QByteArray badKey = valid;
    badKey.replace("\"namespace\"",
                   QByteArray("\"" + escape + "\": 1, \"" + escape + "\": 2, \"namespace\""));
    QByteArray hostileName = valid;
    hostileName.replace("\"hostname\": \"", QByteArray("\"hostname\": \"" + escape));
    QTest::newRow("a value in an error") << badProtocol << "show" << 2;
    QTest::newRow("a key in an error") << badKey << "show" << 2;
    QTest::newRow("a host name in a table") << hostileName << "show" << 0;
    QTest::newRow("a host name in a comparison") << hostileName << "diff" << 1;
    QTest::newRow("a host name in a markdown report") << hostileName << "report" << 0;
}

void CliFilesTest::keepsControlCharactersOffTheTerminal()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, command);
    QFETCH(int, exitCode);
    QTemporaryDir dir;
    const QString name = dir.filePath(QStringLiteral("hostile.json"));
    QVERIFY(writeFile(name, document));
    const Run run = runCli(commandOn(command, name, "md"));
    QVERIFY2(run.exitCode == exitCode, run.err.constData());
    QVERIFY2(!hasControlCharacter(run.err), run.err.toPercentEncoding(" :/()'\"").constData());
    QVERIFY2(!hasControlCharacter(run.out), run.out.toPercentEncoding(" :/()'\"\n|").constData());
    if (exitCode == 2)
        QVERIFY2(run.err.contains(QByteArray(name.toLocal8Bit() + ": /")),
                 run.err.constData()); // the place is named
}

QTEST_GUILESS_MAIN(CliFilesTest)
#include "tst_clifiles.moc"
