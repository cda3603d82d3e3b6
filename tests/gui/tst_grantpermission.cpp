// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "isolatedsettings.h"

#include "client/helperpermission.h"
#include "ui/degradedbanner.h"
#include "ui/mainwindow.h"
#include "ui/tracetab.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <unistd.h>

using namespace hopscope;

namespace {

const QString kRealHelper = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-probe");

// Stand-ins for what the package installs, in a folder of their own:
//  - helper:  says hello without capabilities, as the real helper does without cap_net_raw;
//             once "granted" exists it becomes the real helper (which has the capability when
//             this test runs as root);
//  - grant:   the grant program: creates "granted", or fails as setcap would;
//  - pkexec:  records its arguments, then answers as "pkexec-answer" says: "run" runs the
//             program it was given, a number is pkexec's own exit status.
class FakeInstall
{
public:
    FakeInstall()
    {
        write(QStringLiteral("helper"),
              QStringLiteral(
                  "#!/bin/sh\n"
                  "if [ -f '%1/granted' ]; then exec '%2'; fi\n"
                  "echo '{\"event\":\"hello\",\"version\":2,\"capabilities\":[],\"note\":\"started "
                  "without CAP_NET_RAW\"}'\n"
                  "exec cat >/dev/null\n")
                  .arg(m_dir.path(), kRealHelper));
        write(QStringLiteral("grant"),
              QStringLiteral("#!/bin/sh\n"
                             "if [ -f '%1/grant-fails' ]; then echo 'Failed to set capabilities on "
                             "file' >&2; exit 1; fi\n"
                             "touch '%1/granted'\n")
                  .arg(m_dir.path()));
        write(QStringLiteral("pkexec"),
              QStringLiteral("#!/bin/sh\n"
                             "echo \"$@\" >> '%1/pkexec-calls'\n"
                             "answer=$(cat '%1/pkexec-answer')\n"
                             "if [ \"$answer\" = run ]; then exec \"$@\"; fi\n"
                             "echo 'Error executing command as another user: Not authorized' >&2\n"
                             "exit \"$answer\"\n")
                  .arg(m_dir.path()));
        setPkexecAnswer(QStringLiteral("run"));
    }

    HelperPermission::Tools tools() const
    {
        return {path(QStringLiteral("helper")), path(QStringLiteral("grant")),
                path(QStringLiteral("pkexec"))};
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void setPkexecAnswer(const QString &answer)
    {
        write(QStringLiteral("pkexec-answer"), answer, false);
    }
    void makeGrantFail() { write(QStringLiteral("grant-fails"), QString(), false); }
    QStringList pkexecCalls() const
    {
        QFile file(path(QStringLiteral("pkexec-calls")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    bool granted() const { return QFile::exists(path(QStringLiteral("granted"))); }

private:
    void write(const QString &name, const QString &text, bool executable = true) const
    {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
        if (executable)
            file.setPermissions(file.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    }

    QTemporaryDir m_dir;
};

// A trace of loopback's closed port 9: quick, and the same with or without privileges.
TraceRequest loopbackRequest()
{
    TraceRequest request;
    request.target = "127.0.0.1";
    request.port = 9;
    request.maxTtl = 3;
    request.timeoutMs = 500;
    request.queries = 1;
    request.resolveHostnames = false;
    return request;
}

// A window whose tabs use the fake helper and grant through the fake pkexec; its first tab has
// traced once, found the helper without its capability, and traced in-process.
struct DegradedWindow
{
    explicit DegradedWindow(const FakeInstall &install)
    {
        window.setHelperProgram(install.tools().helper);
        window.helperPermission()->setTools(install.tools());
        window.show();
        tab = window.newTraceTab();
        tab->start(loopbackRequest(), TraceSession::Mode::Trace, 1000);
    }
    MainWindow window;
    TraceTab *tab = nullptr;
};

// Whether the tab's status line shows in the status bar (it steps aside for passing messages,
// which would otherwise have no room).
bool statusLineShown(MainWindow &window)
{
    const auto labels = window.statusBar()->findChildren<QLabel *>();
    return std::any_of(labels.begin(), labels.end(), [](const QLabel *label) {
        return label->isVisible() && !label->text().isEmpty();
    });
}

} // namespace

// The degraded banner's "Grant Permission" as a user meets it: the helper is found without its
// capability, the button asks polkit through pkexec to run the grant program, and once granted
// the next trace goes through the helper.
class GrantPermissionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        hopscope::testing::isolateSettingsAndHistory(m_settings.path());
    }

    void grantedHelperServesTheNextTrace()
    {
        FakeInstall install;
        DegradedWindow degraded(install);
        TraceTab *tab = degraded.tab;
        QTRY_COMPARE_WITH_TIMEOUT(tab->session()->state(), TraceSession::State::Finished, 15000);
        QVERIFY(tab->banner()->isVisible());
        QVERIFY2(tab->banner()->label()->text().contains(
                     QStringLiteral("no permission to send raw packets")),
                 qPrintable(tab->banner()->label()->text()));
        QVERIFY(tab->banner()->grantButton()->isVisible());
        QCOMPARE(tab->session()->probingDescription(), QStringLiteral("in this process"));
        // A second tab found the same; one grant serves both.
        TraceTab *other = degraded.window.newTraceTab();
        other->start(loopbackRequest(), TraceSession::Mode::Trace, 1000);
        QTRY_COMPARE_WITH_TIMEOUT(other->session()->state(), TraceSession::State::Finished, 15000);
        QVERIFY(other->banner()->grantButton()->isVisibleTo(other));

        QTest::mouseClick(tab->banner()->grantButton(), Qt::LeftButton);
        QTRY_VERIFY(install.granted());
        QCOMPARE(install.pkexecCalls(),
                 QStringList{install.path(QStringLiteral("grant"))}); // nothing else, no options
        QTRY_VERIFY(degraded.window.statusBar()->currentMessage().contains(
            QStringLiteral("may now send raw packets")));
        QVERIFY(tab->banner()->isHidden());
        QVERIFY(other->banner()->isHidden());
        QVERIFY(tab->banner()->grantButton()->isEnabled());

        if (::geteuid() != 0)
            QSKIP("the build's helper has cap_net_raw only when this test runs as root: the retry "
                  "is not checked");
        for (TraceTab *again : {tab, other}) {
            again->start(loopbackRequest(), TraceSession::Mode::Trace, 1000);
            QTRY_COMPARE_WITH_TIMEOUT(again->session()->state(), TraceSession::State::Finished,
                                      15000);
            QCOMPARE(again->session()->probingDescription(), QStringLiteral("through the helper"));
            QVERIFY(again->banner()->isHidden());
            QVERIFY(again->session()->degradedReasons().isEmpty());
        }
    }

    void refusedGrantSaysWhy_data()
    {
        QTest::addColumn<QString>("pkexecAnswer");
        QTest::addColumn<bool>("grantFails");
        QTest::addColumn<QString>("said");
        QTest::newRow("password dialog dismissed")
            << QStringLiteral("126") << false << QStringLiteral("dismissed or refused");
        QTest::newRow("no authentication agent")
            << QStringLiteral("127") << false
            << QStringLiteral("polkit could not ask for a password");
        QTest::newRow("setcap fails")
            << QStringLiteral("run") << true
            << QStringLiteral("Granting the permission failed: Failed to set capabilities");
    }

    void refusedGrantSaysWhy()
    {
        QFETCH(QString, pkexecAnswer);
        QFETCH(bool, grantFails);
        QFETCH(QString, said);
        FakeInstall install;
        install.setPkexecAnswer(pkexecAnswer);
        if (grantFails)
            install.makeGrantFail();
        DegradedWindow degraded(install);
        TraceTab *tab = degraded.tab;
        QTRY_COMPARE_WITH_TIMEOUT(tab->session()->state(), TraceSession::State::Finished, 15000);
        QVERIFY(tab->banner()->grantButton()->isVisible());
        QTest::mouseClick(tab->banner()->grantButton(), Qt::LeftButton);
        QTRY_VERIFY2(degraded.window.statusBar()->currentMessage().contains(said),
                     qPrintable(degraded.window.statusBar()->currentMessage()));
        QVERIFY2(tab->banner()->label()->text().contains(said),
                 qPrintable(tab->banner()->label()->text()));
        QVERIFY(!install.granted());
        QVERIFY(!statusLineShown(degraded.window)); // the message has the bar to itself
        degraded.window.statusBar()->clearMessage();
        QVERIFY(statusLineShown(degraded.window));
        // Nothing changed: the banner still offers the grant, which can be tried again.
        QVERIFY(tab->banner()->isVisible());
        QVERIFY(tab->banner()->grantButton()->isVisible());
        QVERIFY(tab->banner()->grantButton()->isEnabled());
        QVERIFY(tab->session()->helperLacksPermission());
    }

    void withoutPolkitTheBannerSaysWhatToRun_data()
    {
        QTest::addColumn<bool>("installedHelper");
        QTest::addColumn<QString>("command");
        QTest::newRow("pkexec missing") << true << QStringLiteral("sudo %1/grant");
        QTest::newRow("helper not the installed one")
            << false << QStringLiteral("grant its helper %1/helper the permission");
    }

    void withoutPolkitTheBannerSaysWhatToRun()
    {
        QFETCH(bool, installedHelper);
        QFETCH(QString, command);
        FakeInstall install;
        HelperPermission::Tools tools = install.tools();
        if (installedHelper)
            tools.pkexec.clear();
        else
            tools.helper = QStringLiteral("/usr/libexec/hopscope/hopscope-probe");
        MainWindow window;
        window.setHelperProgram(install.tools().helper);
        window.helperPermission()->setTools(tools);
        window.show();
        TraceTab *tab = window.newTraceTab();
        tab->start(loopbackRequest(), TraceSession::Mode::Trace, 1000);
        QTRY_COMPARE_WITH_TIMEOUT(tab->session()->state(), TraceSession::State::Finished, 15000);
        QVERIFY(tab->banner()->isVisible());
        QVERIFY(tab->banner()->grantButton()->isHidden());
        const QString text = tab->banner()->label()->text();
        const QString expected =
            command.arg(QFileInfo(install.path(QStringLiteral("grant"))).path());
        QVERIFY2(text.contains(expected),
                 qPrintable(text + QStringLiteral("\nlacks: ") + expected));
        // Either way the banner shows a command that grants this helper.
        QVERIFY2(text.contains(QStringLiteral("sudo ")), qPrintable(text));
        QVERIFY(install.pkexecCalls().isEmpty());
    }

    void pkexecThatCannotStartIsSaid()
    {
        FakeInstall install;
        HelperPermission permission({install.tools().helper, install.tools().grantProgram,
                                     install.path(QStringLiteral("no-such-pkexec"))});
        QSignalSpy started(&permission, &HelperPermission::started);
        QSignalSpy finished(&permission, &HelperPermission::finished);
        permission.grant();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(started.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("could not be started")),
                 qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(!permission.isRunning());
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(GrantPermissionTest)
#include "tst_grantpermission.moc"
