// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "file/outputfile.h"
#include "file/regularfile.h"
#include "file/targetlist.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace hopscope;

namespace {

std::string slurp(const std::string &fileName)
{
    const auto text = readRegularFile(fileName, 1 << 20);
    return text ? *text : std::string("<unreadable: ") + text.error().message + ">";
}

void put(const std::string &fileName, const std::string &text, mode_t mode = 0644)
{
    const int fd = ::open(fileName.c_str(), O_WRONLY | O_CREAT | O_TRUNC, mode);
    QVERIFY(fd >= 0);
    QCOMPARE(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ::close(fd);
    QCOMPARE(::chmod(fileName.c_str(), mode), 0);
}

struct stat statOf(const std::string &fileName)
{
    struct stat info
    {
    };
    ::stat(fileName.c_str(), &info);
    return info;
}

// Files whose names start with a dot: the temporary files a write leaves (it must leave none).
QStringList hiddenFiles(const QString &folder)
{
    return QDir(folder).entryList({QStringLiteral(".*")},
                                  QDir::Hidden | QDir::Files | QDir::System);
}

bool isRoot()
{
    return ::geteuid() == 0;
}

} // namespace

// Reading only regular files, bounded; writing where the user said the way they meant it.
class FilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsARegularFile();
    void refusesWhatIsNotAFile_data();
    void refusesWhatIsNotAFile();
    void readsNoMoreThanTheLimit();
    void newFileTakesTheUmask();
    void existingFileKeepsItsMode();
    void followsASymlink();
    void keepsHardLinks();
    void writesDevicesInPlace();
    void writesAFifoInPlace();
    void refusesFoldersAndDanglingLinks();
    void removesItsTemporaryFileWhenTheWriteFails();
    void removesItsTemporaryFileWhenInterrupted();
    void removesLeftoversOfDeadWriters();
    void readsATargetList();
    void refusesABadTargetList_data();
    void refusesABadTargetList();
};

void FilesTest::readsARegularFile()
{
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("a.json")).toStdString();
    put(file, "{\"a\":1}\n");
    const auto text = readRegularFile(file, 100);
    QVERIFY(text);
    QCOMPARE(*text, std::string("{\"a\":1}\n"));
}

void FilesTest::refusesWhatIsNotAFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("said");
    QTest::newRow("folder") << "folder"
                            << "is a folder";
    QTest::newRow("FIFO without a writer") << "fifo"
                                           << "is a FIFO (named pipe)";
    QTest::newRow("link to /dev/zero") << "zero"
                                       << "is a character device";
    QTest::newRow("/dev/null") << "null"
                               << "is a character device";
    QTest::newRow("missing") << "missing"
                             << "No such file or directory";
}

// Each refused at once, without reading: /dev/zero would never end and a FIFO nobody writes to
// would block.
void FilesTest::refusesWhatIsNotAFile()
{
    QFETCH(QString, kind);
    QFETCH(QString, said);
    QTemporaryDir dir;
    std::string name = dir.filePath(QStringLiteral("x.json")).toStdString();
    if (kind == QLatin1String("folder"))
        QVERIFY(QDir().mkdir(QString::fromStdString(name)));
    else if (kind == QLatin1String("fifo"))
        QCOMPARE(::mkfifo(name.c_str(), 0600), 0);
    else if (kind == QLatin1String("zero"))
        QCOMPARE(::symlink("/dev/zero", name.c_str()), 0);
    else if (kind == QLatin1String("null"))
        name = "/dev/null";
    QElapsedTimer timer;
    timer.start();
    const auto text = readRegularFile(name, 64u << 20);
    QVERIFY(timer.elapsed() < 1000);
    QVERIFY(!text);
    QCOMPARE(text.error().codeName(), std::string("cannot-read"));
    const QString message = QString::fromStdString(text.error().message);
    QVERIFY2(message.startsWith(QString::fromStdString(name) + QStringLiteral(": ")),
             qPrintable(message));
    QVERIFY2(message.contains(said), qPrintable(message));
}

void FilesTest::readsNoMoreThanTheLimit()
{
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("big.json")).toStdString();
    put(file, std::string(1001, 'x'));
    QVERIFY(readRegularFile(file, 1001));
    const auto refused = readRegularFile(file, 1000);
    QVERIFY(!refused);
    QCOMPARE(refused.error().codeName(), std::string("too-large"));
}

void FilesTest::newFileTakesTheUmask()
{
    QTemporaryDir dir;
    for (const mode_t mask : {mode_t(022), mode_t(077), mode_t(002)}) {
        const mode_t previous = ::umask(mask);
        const std::string file =
            dir.filePath(QStringLiteral("new-%1.json").arg(mask)).toStdString();
        const Status written = writeOutputFile(file, "text\n");
        ::umask(previous);
        QVERIFY2(written, written.error().message.c_str());
        QCOMPARE(statOf(file).st_mode & 07777, 0666 & ~mask);
        QCOMPARE(slurp(file), std::string("text\n"));
    }
    QVERIFY(hiddenFiles(dir.path()).isEmpty());
}

void FilesTest::existingFileKeepsItsMode()
{
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("kept.json")).toStdString();
    put(file, "old\n", 0640);
    const Status written = writeOutputFile(file, "new\n");
    QVERIFY2(written, written.error().message.c_str());
    QCOMPARE(statOf(file).st_mode & 07777, mode_t(0640));
    QCOMPARE(slurp(file), std::string("new\n"));
    if (isRoot()) {
        // Root may keep the owner too: a file of another user stays theirs.
        QCOMPARE(::chown(file.c_str(), 65534, 65534), 0);
        QVERIFY(writeOutputFile(file, "again\n"));
        QCOMPARE(statOf(file).st_uid, uid_t(65534));
        QCOMPARE(statOf(file).st_gid, gid_t(65534));
        QCOMPARE(statOf(file).st_mode & 07777, mode_t(0640));
    }
}

void FilesTest::followsASymlink()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("real")));
    const std::string target = dir.filePath(QStringLiteral("real/path.json")).toStdString();
    const std::string link = dir.filePath(QStringLiteral("link.json")).toStdString();
    put(target, "old\n", 0600);
    QCOMPARE(::symlink("real/path.json", link.c_str()), 0);
    const Status written = writeOutputFile(link, "new\n");
    QVERIFY2(written, written.error().message.c_str());
    struct stat info
    {
    };
    QCOMPARE(::lstat(link.c_str(), &info), 0);
    QVERIFY2(S_ISLNK(info.st_mode), "the link was replaced");
    QCOMPARE(slurp(target), std::string("new\n"));
    QCOMPARE(statOf(target).st_mode & 07777, mode_t(0600));
    QVERIFY(hiddenFiles(dir.path()).isEmpty());
    QVERIFY(hiddenFiles(dir.filePath(QStringLiteral("real"))).isEmpty());
}

void FilesTest::keepsHardLinks()
{
    QTemporaryDir dir;
    const std::string first = dir.filePath(QStringLiteral("one.json")).toStdString();
    const std::string second = dir.filePath(QStringLiteral("two.json")).toStdString();
    put(first, "a much longer old text than the new one\n", 0640);
    QCOMPARE(::link(first.c_str(), second.c_str()), 0);
    const ino_t inode = statOf(first).st_ino;
    const Status written = writeOutputFile(first, "new\n");
    QVERIFY2(written, written.error().message.c_str());
    QCOMPARE(statOf(first).st_ino, inode);
    QCOMPARE(statOf(first).st_nlink, nlink_t(2));
    QCOMPARE(slurp(second), std::string("new\n")); // every name sees it, and no old tail
    QCOMPARE(statOf(second).st_mode & 07777, mode_t(0640));
}

// /dev/null stays a device, whoever writes (as root, replacing it would break the system).
void FilesTest::writesDevicesInPlace()
{
    const struct stat before = statOf("/dev/null");
    QVERIFY(S_ISCHR(before.st_mode));
    const Status written = writeOutputFile("/dev/null", "nothing to see\n");
    QVERIFY2(written, written.error().message.c_str());
    const struct stat after = statOf("/dev/null");
    QVERIFY(S_ISCHR(after.st_mode));
    QCOMPARE(after.st_rdev, before.st_rdev);
    QCOMPARE(after.st_mode, before.st_mode);
}

void FilesTest::writesAFifoInPlace()
{
    QTemporaryDir dir;
    const std::string fifo = dir.filePath(QStringLiteral("pipe")).toStdString();
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] {
        const int fd = ::open(fifo.c_str(), O_RDONLY);
        char buffer[256];
        ssize_t got = 0;
        while ((got = ::read(fd, buffer, sizeof buffer)) > 0)
            received.append(buffer, static_cast<std::size_t>(got));
        ::close(fd);
    });
    const Status written = writeOutputFile(fifo, "through the pipe\n");
    reader.join();
    QVERIFY2(written, written.error().message.c_str());
    QCOMPARE(received, std::string("through the pipe\n"));
    QVERIFY(S_ISFIFO(statOf(fifo).st_mode));
}

void FilesTest::refusesFoldersAndDanglingLinks()
{
    QTemporaryDir dir;
    const Status folder = writeOutputFile(dir.path().toStdString(), "x");
    QVERIFY(!folder);
    QVERIFY2(QString::fromStdString(folder.error().message).contains(QStringLiteral("is a folder")),
             folder.error().message.c_str());
    const std::string dangling = dir.filePath(QStringLiteral("dangling.json")).toStdString();
    QCOMPARE(::symlink("nowhere/at/all", dangling.c_str()), 0);
    const Status link = writeOutputFile(dangling, "x");
    QVERIFY(!link);
    QVERIFY2(
        QString::fromStdString(link.error().message).contains(QStringLiteral("does not exist")),
        link.error().message.c_str());
    const Status missingFolder =
        writeOutputFile(dir.filePath(QStringLiteral("no/such.json")).toStdString(), "x");
    QVERIFY(!missingFolder);
    QCOMPARE(missingFolder.error().codeName(), std::string("cannot-write"));
}

// A write the file-size limit stops half way fails, leaves the old file and no temporary file.
void FilesTest::removesItsTemporaryFileWhenTheWriteFails()
{
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("limited.json")).toStdString();
    put(file, "old\n");
    rlimit previous{};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &previous), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = previous;
    limited.rlim_cur = 4096;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    const Status written = writeOutputFile(file, std::string(100000, 'x'));
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &previous), 0);
    std::signal(SIGXFSZ, previousHandler);
    QVERIFY(!written);
    QCOMPARE(slurp(file), std::string("old\n"));
    QVERIFY2(hiddenFiles(dir.path()).isEmpty(), qPrintable(hiddenFiles(dir.path()).join(u' ')));
}

// A process ended by a signal while writing (here the file-size limit's SIGXFSZ, which a user's
// Ctrl+C or a logout's SIGHUP would do the same way) leaves no temporary file behind.
void FilesTest::removesItsTemporaryFileWhenInterrupted()
{
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("interrupted.json")).toStdString();
    put(file, "old\n");
    const pid_t child = ::fork();
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_DFL);
        installTemporaryFileCleanup();
        rlimit limited{4096, 4096};
        ::setrlimit(RLIMIT_FSIZE, &limited);
        ::sigset_t all;
        sigemptyset(&all);
        sigaddset(&all, SIGXFSZ);
        ::sigprocmask(SIG_UNBLOCK, &all, nullptr);
        (void)writeOutputFile(file, std::string(100000, 'x'));
        ::_exit(0);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ,
             "the writer was not ended by the signal");
    QCOMPARE(slurp(file), std::string("old\n"));
    QVERIFY2(hiddenFiles(dir.path()).isEmpty(), qPrintable(hiddenFiles(dir.path()).join(u' ')));
}

void FilesTest::removesLeftoversOfDeadWriters()
{
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("report.html")).toStdString();
    // A writer that no longer runs (a pid beyond any the kernel hands out), and a live one.
    const std::string dead =
        dir.filePath(QStringLiteral(".report.html.hopscope-99999999-0badcafe.tmp")).toStdString();
    const std::string live =
        dir.filePath(QStringLiteral(".report.html.hopscope-%1-0badcafe.tmp").arg(::getpid()))
            .toStdString();
    const std::string other =
        dir.filePath(QStringLiteral(".other.html.hopscope-99999999-0badcafe.tmp")).toStdString();
    for (const std::string &name : {dead, live, other})
        put(name, "partial");
    const Status written = writeOutputFile(file, "done\n");
    QVERIFY2(written, written.error().message.c_str());
    QVERIFY(::access(dead.c_str(), F_OK) != 0);
    QVERIFY(::access(live.c_str(), F_OK) == 0);  // somebody's write in progress
    QVERIFY(::access(other.c_str(), F_OK) == 0); // another file's
}

// A list of targets to monitor: what the window writes, it reads back; comments, blank lines
// and repeats are left out.
void FilesTest::readsATargetList()
{
    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("targets.txt")).toStdString();
    const std::vector<std::string> targets{"example.net", "192.0.2.1", "2001:db8::1"};
    QVERIFY(writeOutputFile(file, formatTargetList(targets)));
    QCOMPARE(*readTargetList(file), targets);
    const auto parsed = parseTargetList("# office\r\n\n  example.net  # the web\r\n"
                                        "192.0.2.1\n\texample.net\n2001:db8::1");
    QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(*parsed, targets);
}

void FilesTest::refusesABadTargetList_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("space") << QByteArray("example.net\nexample.org example.com\n")
                           << QStringLiteral("line 2: 'example.org example.com' holds a space: "
                                             "one host name or address a line");
    QTest::newRow("control") << QByteArray("a\n\nb\x01\n")
                             << QStringLiteral("line 3: a control character where a host name "
                                               "or address belongs");
    QTest::newRow("binary") << QByteArray("\x7f"
                                          "ELF\x02\x01",
                                          6)
                            << QStringLiteral("line 1: a control character where a host name "
                                              "or address belongs");
    QTest::newRow("long") << QByteArray(300, 'a')
                          << QStringLiteral("line 1: longer than a host name can be (255 "
                                            "characters)");
    QByteArray many;
    for (int i = 0; i <= 64; ++i)
        many += "host" + QByteArray::number(i) + ".example\n";
    QTest::newRow("too many") << many << QStringLiteral("line 65: more than 64 targets");
    QTest::newRow("empty") << QByteArray("# nothing\n\n")
                           << QStringLiteral("no target: one host name or address a line");
}

void FilesTest::refusesABadTargetList()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const auto parsed = parseTargetList(std::string_view(text.constData(), text.size()));
    QVERIFY(!parsed);
    QCOMPARE(QString::fromStdString(parsed.error().message), message);

    QTemporaryDir dir;
    const std::string file = dir.filePath(QStringLiteral("targets.txt")).toStdString();
    put(file, text.toStdString());
    const auto read = readTargetList(file);
    QVERIFY(!read);
    QCOMPARE(QString::fromStdString(read.error().message),
             QString::fromStdString(file) + QStringLiteral(", ") + message);
}

QTEST_GUILESS_MAIN(FilesTest)
#include "tst_files.moc"
