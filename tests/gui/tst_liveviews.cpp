// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// The live views refresh only what changed: the hop table announces exactly the cells that show
// something new, and a trace tab behind another waits until it is shown.

#include "../unit/samplepaths.h"
#include "path/pathmodel.h"
#include "ui/hoptablemodel.h"
#include "ui/tracetab.h"

#include <QBrush>
#include <QFont>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <random>
#include <set>

using namespace hopscope;

namespace {

using Cell = std::pair<int, int>; // row, column

// Every cell's text, colour and font, as a view would paint them.
std::map<Cell, QString> cellsOf(const HopTableModel &model)
{
    std::map<Cell, QString> cells;
    for (int row = 0; row < model.rowCount(); ++row)
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            QString shown = index.data().toString();
            if (const QVariant ink = index.data(Qt::ForegroundRole); ink.isValid())
                shown += QStringLiteral(" ink ") + ink.value<QBrush>().color().name();
            if (const QVariant font = index.data(Qt::FontRole); font.isValid())
                shown += QStringLiteral(" font ") + font.value<QFont>().toString();
            if (column == HopTableModel::Recent)
                for (const double rtt :
                     index.data(HopTableModel::RecentRttsRole).value<QList<double>>())
                    shown += QLatin1Char(' ') + QString::number(rtt); // "nan" for a lost probe
            cells[{row, column}] = shown;
        }
    return cells;
}

// Round `number` of a path of four TTLs, where TTL 2 loses a probe now and then and TTL 3 moves
// to another router at round 20.
MonitorRound roundOf(int number, std::mt19937 &random)
{
    std::uniform_real_distribution<double> noise(0.0, 1.0);
    MonitorRound round;
    round.number = number;
    round.startedUs = 1'764'000'000'000'000 + std::int64_t{number} * 1'000'000;
    round.destination = "198.18.4.2";
    for (int ttl = 1; ttl <= 4; ++ttl) {
        ProbeSample probe;
        probe.ttl = ttl;
        probe.sentAtUs = round.startedUs + ttl * 1000;
        if (ttl == 2 && noise(random) < 0.3) {
            round.probes.push_back(probe);
            continue;
        }
        probe.responder =
            ttl == 3 && number >= 20 ? "198.18.3.9" : "198.18." + std::to_string(ttl) + ".2";
        // Steady at TTL 1, so that its figures stop changing; noisy further on.
        probe.rttMs = ttl == 1 ? 1.0 : ttl * 2.0 + noise(random);
        round.probes.push_back(probe);
    }
    return round;
}

} // namespace

class LiveViewsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theTableAnnouncesExactlyTheCellsThatChanged();
    void aTabBehindAnotherWaitsUntilShown();
};

void LiveViewsTest::theTableAnnouncesExactlyTheCellsThatChanged()
{
    PathModel session;
    HopTableModel model;
    std::mt19937 random(24);
    std::set<int> wholeRowsSeen;
    std::uint64_t cellsAnnounced = 0;
    std::uint64_t cellsInTable = 0;
    for (int number = 1; number <= 40; ++number) {
        session.addRound(roundOf(number, random));
        const std::map<Cell, QString> before = cellsOf(model);
        const int rowsBefore = model.rowCount();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.update(session);
        std::set<Cell> announced;
        for (const QList<QVariant> &signal : changed) {
            const auto from = signal.at(0).value<QModelIndex>();
            const auto to = signal.at(1).value<QModelIndex>();
            for (int row = from.row(); row <= to.row(); ++row)
                for (int column = from.column(); column <= to.column(); ++column)
                    announced.insert({row, column});
            if (from.column() == 0 && to.column() == HopTableModel::ColumnCount - 1)
                wholeRowsSeen.insert(number);
        }
        if (rowsBefore == 0 || !inserted.isEmpty())
            continue; // rows moved: the view lays itself out again anyway
        const std::map<Cell, QString> after = cellsOf(model);
        for (const auto &[cell, shown] : after) {
            const bool differs = before.at(cell) != shown;
            // Every cell that shows something new is announced, and no other.
            if (differs != (announced.count(cell) > 0))
                QFAIL(qPrintable(QStringLiteral("round %1, row %2, column %3: %4 but %5")
                                     .arg(number)
                                     .arg(cell.first)
                                     .arg(cell.second)
                                     .arg(QLatin1String(differs ? "changed" : "unchanged"))
                                     .arg(QLatin1String(announced.count(cell) ? "announced"
                                                                              : "not announced"))));
        }
        cellsAnnounced += announced.size();
        cellsInTable += after.size();
        // Nothing new, nothing announced.
        QSignalSpy again(&model, &QAbstractItemModel::dataChanged);
        model.update(session);
        QCOMPARE(again.count(), 0);
    }
    // The route change at round 20 greys the old router's whole row.
    QVERIFY(wholeRowsSeen.count(20));
    // Most cells stay as they were: TTL, host, address and a steady hop's figures.
    QVERIFY2(cellsAnnounced * 3 < cellsInTable,
             qPrintable(QStringLiteral("%1 of %2").arg(cellsAnnounced).arg(cellsInTable)));
}

void LiveViewsTest::aTabBehindAnotherWaitsUntilShown()
{
    QTabWidget window;
    auto *front = new TraceTab(QString());
    auto *behind = new TraceTab(QString());
    window.addTab(front, QStringLiteral("front"));
    window.addTab(behind, QStringLiteral("behind"));
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const NetworkPath path = testing::fullTcpPath();
    front->showSaved(path, QStringLiteral("front"));
    behind->showSaved(path, QStringLiteral("behind"));
    QVERIFY(front->hopModel()->rowCount() > 0);
    QCOMPARE(behind->hopModel()->rowCount(), 0);
    QTest::qWait(300); // several refresh periods: still nothing done for the tab behind
    QCOMPARE(behind->hopModel()->rowCount(), 0);

    window.setCurrentWidget(behind);
    QCOMPARE(behind->hopModel()->rowCount(), front->hopModel()->rowCount());
    for (int row = 0; row < front->hopModel()->rowCount(); ++row)
        QCOMPARE(behind->hopModel()->index(row, HopTableModel::Address).data(),
                 front->hopModel()->index(row, HopTableModel::Address).data());
}

QTEST_MAIN(LiveViewsTest)
#include "tst_liveviews.moc"
