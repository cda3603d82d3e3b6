// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "store/applocations.h"
#include "store/historystore.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hopscope;

namespace {

void writeFile(const QString &fileName, const QByteArray &bytes)
{
    QVERIFY(QDir().mkpath(QFileInfo(fileName).path()));
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readFile(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// Settings under $XDG_CONFIG_HOME/hopscope/hopscope.conf, data under $XDG_DATA_HOME/hopscope, and
// an earlier version's files moved there once, never over files in use.
class AppLocationsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void followsTheXdgLayout();
    void movesAnEarlierVersionsFiles();
    void leavesEarlierFilesWhenTheNewOnesAreInUse();
    void movesNothingWhenThereIsNothing();
    void leavesLinksAlone();

private:
    std::unique_ptr<QTemporaryDir> m_home;
    QString config() const { return m_home->filePath(QStringLiteral("config")); }
    QString data() const { return m_home->filePath(QStringLiteral("data")); }
};

void AppLocationsTest::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config()));
    qputenv("XDG_DATA_HOME", QFile::encodeName(data()));
    useApplicationIdentity();
}

// QSettings reads XDG_CONFIG_HOME once, at its first use: this test runs first.
void AppLocationsTest::followsTheXdgLayout()
{
    QCOMPARE(dataDirectory(), data() + QStringLiteral("/hopscope"));
    QCOMPARE(HistoryStore::defaultFileName(), data() + QStringLiteral("/hopscope/history.sqlite"));
    QCOMPARE(QSettings().fileName(), config() + QStringLiteral("/hopscope/hopscope.conf"));
}

void AppLocationsTest::movesAnEarlierVersionsFiles()
{
    writeFile(config() + QStringLiteral("/Hopscope/Hopscope.conf"), "[owners]\nonline=false\n");
    // A history being written when the earlier version stopped: the database and its WAL.
    const QString legacyData = data() + QStringLiteral("/Hopscope/Hopscope");
    {
        auto store = HistoryStore::open(legacyData + QStringLiteral("/history.sqlite"));
        QVERIFY(store.hasValue());
    }
    writeFile(legacyData + QStringLiteral("/history.sqlite-wal"), "wal");

    const LegacyMigration migration = migrateLegacyLocations();
    QCOMPARE(migration.problems, QStringList());
    QCOMPARE(migration.moved.size(), 2);
    QCOMPARE(readFile(config() + QStringLiteral("/hopscope/hopscope.conf")),
             QByteArray("[owners]\nonline=false\n"));
    QVERIFY(QFileInfo::exists(HistoryStore::defaultFileName()));
    QCOMPARE(readFile(dataDirectory() + QStringLiteral("/history.sqlite-wal")), QByteArray("wal"));
    QVERIFY(HistoryStore::open(HistoryStore::defaultFileName()).hasValue());
    // Nothing of the earlier layout is left, and a second start has nothing to do.
    QVERIFY(!QFileInfo::exists(config() + QStringLiteral("/Hopscope")));
    QVERIFY(!QFileInfo::exists(data() + QStringLiteral("/Hopscope")));
    const LegacyMigration again = migrateLegacyLocations();
    QVERIFY(again.moved.isEmpty() && again.leftAlone.isEmpty() && again.problems.isEmpty());
}

void AppLocationsTest::leavesEarlierFilesWhenTheNewOnesAreInUse()
{
    writeFile(config() + QStringLiteral("/Hopscope/Hopscope.conf"), "[owners]\nonline=false\n");
    writeFile(config() + QStringLiteral("/hopscope/hopscope.conf"), "[owners]\nonline=true\n");
    writeFile(data() + QStringLiteral("/Hopscope/Hopscope/history.sqlite"), "earlier");
    writeFile(data() + QStringLiteral("/hopscope/history.sqlite"), "current");

    const LegacyMigration migration = migrateLegacyLocations();
    QCOMPARE(migration.moved, QStringList());
    QCOMPARE(migration.problems, QStringList());
    QCOMPARE(migration.leftAlone.size(), 2);
    QVERIFY2(
        migration.leftAlone.at(0).startsWith(config() + QStringLiteral("/Hopscope/Hopscope.conf")),
        qPrintable(migration.leftAlone.at(0)));
    QVERIFY2(migration.leftAlone.at(1).startsWith(data() + QStringLiteral("/Hopscope/Hopscope")),
             qPrintable(migration.leftAlone.at(1)));
    // Both sides untouched.
    QCOMPARE(readFile(config() + QStringLiteral("/Hopscope/Hopscope.conf")),
             QByteArray("[owners]\nonline=false\n"));
    QCOMPARE(readFile(config() + QStringLiteral("/hopscope/hopscope.conf")),
             QByteArray("[owners]\nonline=true\n"));
    QCOMPARE(readFile(data() + QStringLiteral("/Hopscope/Hopscope/history.sqlite")),
             QByteArray("earlier"));
    QCOMPARE(readFile(data() + QStringLiteral("/hopscope/history.sqlite")), QByteArray("current"));
}

void AppLocationsTest::movesNothingWhenThereIsNothing()
{
    // An empty new folder (made by an earlier start that found nothing) is not in use.
    QVERIFY(QDir().mkpath(data() + QStringLiteral("/hopscope")));
    const LegacyMigration migration = migrateLegacyLocations();
    QVERIFY(migration.moved.isEmpty() && migration.problems.isEmpty());
    QVERIFY(!QFileInfo::exists(config() + QStringLiteral("/hopscope")));
}

void AppLocationsTest::leavesLinksAlone()
{
    // Earlier locations that are links (to somebody else's files) are not followed.
    writeFile(m_home->filePath(QStringLiteral("elsewhere/Hopscope.conf")), "[a]\nb=c\n");
    QVERIFY(QDir().mkpath(config() + QStringLiteral("/Hopscope")));
    QVERIFY(QFile::link(m_home->filePath(QStringLiteral("elsewhere/Hopscope.conf")),
                        config() + QStringLiteral("/Hopscope/Hopscope.conf")));
    QVERIFY(QDir().mkpath(data() + QStringLiteral("/Hopscope")));
    QVERIFY(QFile::link(m_home->filePath(QStringLiteral("elsewhere")),
                        data() + QStringLiteral("/Hopscope/Hopscope")));
    const LegacyMigration migration = migrateLegacyLocations();
    QVERIFY(migration.moved.isEmpty() && migration.problems.isEmpty());
    QVERIFY(QFileInfo(config() + QStringLiteral("/Hopscope/Hopscope.conf")).isSymLink());
    QVERIFY(QFileInfo::exists(m_home->filePath(QStringLiteral("elsewhere/Hopscope.conf"))));
}

QTEST_GUILESS_MAIN(AppLocationsTest)
#include "tst_applocations.moc"
