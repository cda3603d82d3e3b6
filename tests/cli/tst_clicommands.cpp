// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include <QFile>
#include <QProcess>
#include <QTest>

// Drives the built executables as a user would and checks their output and exit status.
class CliCommandsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void command_data();
    void command();
    void showMatchesGolden();
    void diffMatchesGolden();
    void qtMessagesOnlyWhenVerbose_data();
    void qtMessagesOnlyWhenVerbose();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run
    run(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
};

namespace {

QString binary(const char *name)
{
    return QStringLiteral(HOPSCOPE_BINARY_DIR "/") + QLatin1String(name);
}
QString fixture(const char *name)
{
    return QStringLiteral(HOPSCOPE_FIXTURES_DIR "/") + QLatin1String(name);
}

} // namespace

CliCommandsTest::Run CliCommandsTest::run(const QString &program, const QStringList &arguments,
                                          const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(20000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void CliCommandsTest::command_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stdoutHas");
    QTest::addColumn<QByteArray>("stderrHas");

    const QString cli = binary("hopscope-cli");
    const QString probe = binary("hopscope-probe");
    QTest::newRow("help") << cli << QStringList{QStringLiteral("--help")} << 0
                          << QByteArray("show FILE.json") << QByteArray();
    QTest::newRow("version") << cli << QStringList{QStringLiteral("--version")} << 0
                             << QByteArray("hopscope-cli 0.") << QByteArray();
    QTest::newRow("no command") << cli << QStringList{} << 2 << QByteArray("Usage:")
                                << QByteArray("no command given");
    QTest::newRow("unknown command") << cli << QStringList{QStringLiteral("frobnicate")} << 2
                                     << QByteArray() << QByteArray("unknown command 'frobnicate'");
    QTest::newRow("show help") << cli
                               << QStringList{QStringLiteral("show"), QStringLiteral("--help")} << 0
                               << QByteArray("show [options] FILE") << QByteArray();
    // Another tool's MPLS labels and AS numbers, as its file showed them.
    QTest::newRow("show MPLS labels")
        << cli
        << QStringList{QStringLiteral("show"),
                       fixture("corpus/traceroute-text/ntc-templates-cisco_ios_traceroute_5.raw")}
        << 0 << QByteArray("yes        577687/617891") << QByteArray();
    QTest::newRow("show AS numbers")
        << cli
        << QStringList{QStringLiteral("show"),
                       fixture("corpus/traceroute-text/jc-generic-traceroute7.out")}
        << 0 << QByteArray("REACHABLE  AS\n") << QByteArray();
    QTest::newRow("show a file") << cli
                                 << QStringList{QStringLiteral("show"),
                                                fixture("datadog/v3-pathtrace-reachable.json")}
                                 << 0 << QByteArray("reached at TTL 4 in 8.020 ms") << QByteArray();
    QTest::newRow("show a monitoring session")
        << cli << QStringList{QStringLiteral("show"), fixture("hopscope/monitor-session.json")} << 0
        << QByteArray("     198.18.10.2   0.0%    2  0.02  0.02  0.02  0.03   0.01    0.02  0.03\n"
                      "  3  198.18.2.2 ")
        << QByteArray();
    QTest::newRow("show a monitoring session's changes")
        << cli << QStringList{QStringLiteral("show"), fixture("hopscope/monitor-session.json")} << 0
        << QByteArray("1 route change:\n  round 3, 2026-11-25 00:58:37 UTC: TTL 2: 198.18.1.2 -> "
                      "198.18.10.2\n")
        << QByteArray();
    QTest::newRow("show without a file") << cli << QStringList{QStringLiteral("show")} << 2
                                         << QByteArray() << QByteArray("show: no file given");
    QTest::newRow("show two files")
        << cli << QStringList{QStringLiteral("show"), QStringLiteral("a"), QStringLiteral("b")} << 2
        << QByteArray() << QByteArray("exactly one file");
    QTest::newRow("show unknown option")
        << cli
        << QStringList{QStringLiteral("show"), QStringLiteral("--colour"), QStringLiteral("x")} << 2
        << QByteArray() << QByteArray("Unknown option 'colour'");
    QTest::newRow("show a missing file")
        << cli << QStringList{QStringLiteral("show"), QStringLiteral("/nonexistent/path.json")} << 2
        << QByteArray() << QByteArray("/nonexistent/path.json: No such file or directory");
    QTest::newRow("show an invalid file")
        << cli << QStringList{QStringLiteral("show"), fixture("bad/negative-rtt.json")} << 2
        << QByteArray() << QByteArray("/hops/1/rtt: must be between 0 and 600000 (found -3.5)");
    const QString trace = QStringLiteral("trace");
    const auto traceRow = [&](const char *name, QStringList arguments, const char *message) {
        QTest::newRow(name) << cli << (QStringList{trace} + arguments) << 2 << QByteArray()
                            << QByteArray(message);
    };
    const QString host = QStringLiteral("192.0.2.1");
    QTest::newRow("trace help") << cli << QStringList{trace, QStringLiteral("--help")} << 0
                                << QByteArray("--max-ttl <N>") << QByteArray();
    traceRow("trace without a host", {}, "trace: no host given");
    traceRow("trace two hosts", {host, host}, "trace: takes exactly one host");
    traceRow("trace max TTL 0", {QStringLiteral("--max-ttl"), QStringLiteral("0"), host},
             "trace: max TTL must be between 1 and 255 (got 0)");
    traceRow("trace 11 queries", {QStringLiteral("--queries"), QStringLiteral("11"), host},
             "trace: queries must be between 1 and 10 (got 11)");
    traceRow("trace timeout 5 ms", {QStringLiteral("--timeout"), QStringLiteral("5"), host},
             "trace: timeout must be between 10 and 60000 ms (got 5)");
    traceRow("trace port 70000", {QStringLiteral("--port"), QStringLiteral("70000"), host},
             "trace: --port must be between 1 and 65535 (got 70000)");
    traceRow("trace port not a number", {QStringLiteral("--port"), QStringLiteral("https"), host},
             "trace: --port: 'https' is not a whole number");
    traceRow("trace unknown mode", {QStringLiteral("--mode"), QStringLiteral("fast"), host},
             "trace: --mode: 'fast' is not parallel or sequential");
    traceRow("trace unknown protocol", {QStringLiteral("--protocol"), QStringLiteral("sctp"), host},
             "trace: --protocol: 'sctp' is not tcp, udp or icmp");
    traceRow("trace ICMP with a port",
             {QStringLiteral("--protocol"), QStringLiteral("icmp"), QStringLiteral("--port"),
              QStringLiteral("80"), host},
             "trace: ICMP probes have no ports");
    traceRow("trace source port 0", {QStringLiteral("--source-port"), QStringLiteral("0"), host},
             "trace: --source-port must be between 1 and 65535 (got 0)");
    traceRow("trace -4 and -6", {QStringLiteral("-4"), QStringLiteral("-6"), host},
             "trace: -4 and -6 exclude each other");
    traceRow("trace TOS 256", {QStringLiteral("--tos"), QStringLiteral("256"), host},
             "trace: --tos: 256 is not between 0 and 255");
    traceRow("trace DSCP 64", {QStringLiteral("--dscp"), QStringLiteral("64"), host},
             "trace: --dscp: 64 is not between 0 and 63");
    traceRow("trace DSCP not a number", {QStringLiteral("--dscp"), QStringLiteral("ef"), host},
             "trace: --dscp: 'ef' is not a whole number");
    traceRow("trace TOS and DSCP",
             {QStringLiteral("--tos"), QStringLiteral("4"), QStringLiteral("--dscp"),
              QStringLiteral("1"), host},
             "trace: --tos and --dscp exclude each other");
    traceRow("trace unknown host", {QStringLiteral("no-such-host.invalid")},
             "trace: cannot resolve 'no-such-host.invalid'");
    traceRow("trace bad tags", {QStringLiteral("--tags"), QStringLiteral("env:lab,a|b"), host},
             "trace: --tags: tag 'a|b' holds a character DogStatsD cannot carry");
    const QString monitor = QStringLiteral("monitor");
    const auto monitorRow = [&](const char *name, QStringList arguments, const char *message) {
        QTest::newRow(name) << cli << (QStringList{monitor} + arguments) << 2 << QByteArray()
                            << QByteArray(message);
    };
    QTest::newRow("monitor help") << cli << QStringList{monitor, QStringLiteral("--help")} << 0
                                  << QByteArray("Usage: hopscope-cli monitor [options] HOST")
                                  << QByteArray();
    monitorRow("monitor without a host", {}, "monitor: no host given");
    monitorRow("monitor interval 50 ms", {QStringLiteral("--interval"), QStringLiteral("50"), host},
               "monitor: interval must be between 100 and 3600000 ms (got 50)");
    monitorRow("monitor count 0", {QStringLiteral("--count"), QStringLiteral("0"), host},
               "monitor: count must be between 1 and 10000000 (got 0)");
    monitorRow("monitor count not a number",
               {QStringLiteral("--count"), QStringLiteral("ten"), host},
               "monitor: --count: 'ten' is not a whole number");
    monitorRow("monitor max TTL 300", {QStringLiteral("--max-ttl"), QStringLiteral("300"), host},
               "monitor: max TTL must be between 1 and 255 (got 300)");
    monitorRow("monitor empty tag", {QStringLiteral("--tags"), QStringLiteral("env:lab,,x"), host},
               "monitor: --tags: empty tag in 'env:lab,,x'");
    const QString diff = QStringLiteral("diff");
    const QString tcpPath = fixture("hopscope/full-tcp-path.json");
    QTest::newRow("diff help") << cli << QStringList{diff, QStringLiteral("--help")} << 0
                               << QByteArray("Exit status: 0 when the routes are the same")
                               << QByteArray();
    QTest::newRow("diff same route") << cli << QStringList{diff, tcpPath, tcpPath} << 0
                                     << QByteArray("The routes are the same.") << QByteArray();
    QTest::newRow("diff different routes")
        << cli
        << QStringList{diff, fixture("datadog/v1-success.json"),
                       fixture("datadog/v3-pathtrace-reachable.json")}
        << 1 << QByteArray("The routes differ: 1 hop added, path length 3 -> 4.") << QByteArray();
    QTest::newRow("diff as JSON") << cli
                                  << QStringList{diff, QStringLiteral("--json"), tcpPath,
                                                 fixture("hopscope/monitor-session.json")}
                                  << 1 << QByteArray("\"routes_differ\": true") << QByteArray();
    QTest::newRow("diff one file") << cli << QStringList{diff, tcpPath} << 2 << QByteArray()
                                   << QByteArray("diff: no second file given");
    QTest::newRow("diff three files")
        << cli << QStringList{diff, tcpPath, tcpPath, tcpPath} << 2 << QByteArray()
        << QByteArray("diff: takes exactly 2 operands");
    QTest::newRow("diff a missing file")
        << cli << QStringList{diff, tcpPath, QStringLiteral("/nonexistent/b.json")} << 2
        << QByteArray() << QByteArray("/nonexistent/b.json: No such file or directory");
    QTest::newRow("diff an invalid file")
        << cli << QStringList{diff, fixture("bad/negative-rtt.json"), tcpPath} << 2 << QByteArray()
        << QByteArray("/hops/1/rtt: must be between");
    const QString report = QStringLiteral("report");
    QTest::newRow("report help") << cli << QStringList{report, QStringLiteral("--help")} << 0
                                 << QByteArray("--redact-first <N>") << QByteArray();
    QTest::newRow("report csv to stdout")
        << cli << QStringList{report, QStringLiteral("--format"), QStringLiteral("csv"), tcpPath}
        << 0 << QByteArray("ttl,address,hostname,loss_percent") << QByteArray();
    QTest::newRow("report md redacted") << cli
                                        << QStringList{report,
                                                       QStringLiteral("--format"),
                                                       QStringLiteral("md"),
                                                       QStringLiteral("--redact-first"),
                                                       QStringLiteral("1"),
                                                       tcpPath}
                                        << 0 << QByteArray("| 1 | hidden-1 |") << QByteArray();
    QTest::newRow("report unknown format")
        << cli << QStringList{report, QStringLiteral("--format"), QStringLiteral("docx"), tcpPath}
        << 2 << QByteArray() << QByteArray("report: --format: 'docx' is not html, pdf, csv or md");
    QTest::newRow("report unknown extension")
        << cli << QStringList{report, QStringLiteral("-o"), QStringLiteral("/tmp/out.txt"), tcpPath}
        << 2 << QByteArray() << QByteArray("the output's extension: 'txt' is not html");
    QTest::newRow("report pdf to a terminal")
        << cli << QStringList{report, QStringLiteral("--format"), QStringLiteral("pdf"), tcpPath}
        << 2 << QByteArray() << QByteArray("report: a PDF report needs -o OUT");
    QTest::newRow("report redact-first 0")
        << cli
        << QStringList{report, QStringLiteral("--redact-first"), QStringLiteral("0"), tcpPath} << 2
        << QByteArray() << QByteArray("--redact-first must be between 1 and 255 (got 0)");
    QTest::newRow("report a missing file")
        << cli << QStringList{report, QStringLiteral("/nonexistent/a.json")} << 2 << QByteArray()
        << QByteArray("/nonexistent/a.json: No such file");
    QTest::newRow("report into a missing folder")
        << cli
        << QStringList{report, QStringLiteral("-o"), QStringLiteral("/nonexistent/dir/r.html"),
                       tcpPath}
        << 2 << QByteArray() << QByteArray("/nonexistent/dir/r.html");
    const QString before = fixture("compare/before.json");
    const QString after = fixture("compare/after.json");
    QTest::newRow("report comparing two files")
        << cli
        << QStringList{report, QStringLiteral("--format"), QStringLiteral("csv"), before, after}
        << 0
        << QByteArray(
               "3,changed,10.78.2.2,10.78.4.2,0.010,10.057,10.047,0.000,0.000,0.000,0.002165,yes")
        << QByteArray();
    QTest::newRow("report comparing, redacted")
        << cli << QStringList{report,
                              QStringLiteral("--format"),
                              QStringLiteral("md"),
                              QStringLiteral("--redact"),
                              before,
                              after}
        << 0 << QByteArray("| 2 | hidden-2 | hidden-4 | changed |") << QByteArray();
    QTest::newRow("report three files")
        << cli << QStringList{report, before, after, before} << 2 << QByteArray()
        << QByteArray("report: takes at most 2 operands");
    QTest::newRow("report comparing with a missing file")
        << cli << QStringList{report, before, QStringLiteral("/nonexistent/b.json")} << 2
        << QByteArray() << QByteArray("/nonexistent/b.json: No such file or directory");
    QTest::newRow("show mtr --json")
        << cli << QStringList{QStringLiteral("show"), fixture("imports/mtr.json")} << 0
        << QByteArray("  3  10.77.2.2   40.0%    5  0.09  0.09  0.09  0.09   0.00") << QByteArray();
    QTest::newRow("diff traceroute and tcptraceroute")
        << cli
        << QStringList{diff, fixture("imports/traceroute-udp.txt"),
                       fixture("imports/tcptraceroute.txt")}
        << 0 << QByteArray("The routes are the same.") << QByteArray();
    QTest::newRow("show a text file of no known kind")
        << cli << QStringList{QStringLiteral("show"), fixture("imports/make-fixtures.sh")} << 2
        << QByteArray()
        << QByteArray("make-fixtures.sh: not a file Hopscope reads; it reads NetworkPath JSON");
    QTest::newRow("probe help") << probe << QStringList{QStringLiteral("--help")} << 0
                                << QByteArray("Usage: hopscope-probe") << QByteArray();
    QTest::newRow("probe version") << probe << QStringList{QStringLiteral("--version")} << 0
                                   << QByteArray("hopscope-probe 0.") << QByteArray();
}

void CliCommandsTest::command()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, stdoutHas);
    QFETCH(QByteArray, stderrHas);
    const Run result = run(program, arguments);
    QTEST(result.exitCode, "exitCode");
    QVERIFY2(result.out.contains(stdoutHas), result.out.constData());
    QVERIFY2(result.err.contains(stderrHas), result.err.constData());
    if (result.exitCode >= 2)
        QVERIFY2(!result.err.isEmpty(), "a failure must say why on stderr");
}

void CliCommandsTest::showMatchesGolden()
{
    const Run result =
        run(binary("hopscope-cli"),
            {QStringLiteral("show"), fixture("datadog/v3-pathtrace-reachable.json")});
    QCOMPARE(result.exitCode, 0);
    QFile golden(fixture("text/show-v3.txt"));
    QVERIFY(golden.open(QIODevice::ReadOnly));
    QCOMPARE(result.out, golden.readAll());
}

void CliCommandsTest::diffMatchesGolden()
{
    const Run result =
        run(binary("hopscope-cli"), {QStringLiteral("diff"), fixture("datadog/v1-success.json"),
                                     fixture("datadog/v3-pathtrace-reachable.json")});
    QCOMPARE(result.exitCode, 1);
    QFile golden(fixture("text/diff-v1-v3.txt"));
    QVERIFY(golden.open(QIODevice::ReadOnly));
    QCOMPARE(result.out, golden.readAll());
}

void CliCommandsTest::qtMessagesOnlyWhenVerbose_data()
{
    QTest::addColumn<QStringList>("arguments");
    for (const char *command : {"trace", "monitor", "show", "diff", "report", "convert"})
        QTest::newRow(command) << QStringList{QLatin1String(command), QStringLiteral("--help")};
    QTest::newRow("show a file") << QStringList{QStringLiteral("show"),
                                                fixture("datadog/v3-pathtrace-reachable.json")};
    for (const char *command : {"list", "export"})
        QTest::newRow((std::string("history ") + command).c_str()) << QStringList{
            QStringLiteral("history"), QLatin1String(command), QStringLiteral("--help")};
}

// Without a session's XDG_RUNTIME_DIR (a cron job, sudo, a container), Qt warns when it looks
// for the runtime folder; that is not the command's output, so only --verbose shows it.
void CliCommandsTest::qtMessagesOnlyWhenVerbose()
{
    QFETCH(QStringList, arguments);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    const Run quiet = run(binary("hopscope-cli"), arguments, environment);
    QCOMPARE(quiet.exitCode, 0);
    QVERIFY(!quiet.out.isEmpty());
    QVERIFY2(quiet.err.isEmpty(), quiet.err.constData());
    const Run verbose = run(binary("hopscope-cli"),
                            QStringList{QStringLiteral("--verbose")} + arguments, environment);
    QCOMPARE(verbose.exitCode, 0);
    QCOMPARE(verbose.out, quiet.out);
    if (arguments.constFirst() == QLatin1String("report"))
        QVERIFY2(verbose.err.contains("Qt: QStandardPaths: XDG_RUNTIME_DIR not set"),
                 verbose.err.constData());
}

QTEST_GUILESS_MAIN(CliCommandsTest)
#include "tst_clicommands.moc"
