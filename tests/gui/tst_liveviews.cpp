// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// The live views refresh only what changed: the hop table announces exactly the cells that show
// something new, measures only the columns whose content grew, draws its texts as the standard
// delegate does, and a trace tab behind another waits until it is shown. Painting does not wait
// for work stuck in the background.

#include "../unit/samplepaths.h"
#include "path/pathmodel.h"
#include "ui/background.h"
#include "ui/cachedtextdelegate.h"
#include "ui/hopgraphview.h"
#include "ui/hopnodeitem.h"
#include "ui/hoptablemodel.h"
#include "ui/hoptableview.h"
#include "ui/tracetab.h"

#include <QBrush>
#include <QFont>
#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStyleOptionGraphicsItem>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QThreadPool>

#include <atomic>
#include <random>
#include <set>
#include <thread>

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

// Counts how often a view asked a cell for its size, which it does when measuring a column.
class MeasuredModel final : public HopTableModel
{
public:
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::SizeHintRole)
            ++measured;
        return HopTableModel::data(index, role);
    }
    mutable int measured = 0;
};

// The box of the pixels in `area` that differ from its top-left pixel (the cell's background),
// and the darkest of them.
struct Ink
{
    QRect box;
    int darkest = 255;
};
Ink inkIn(const QImage &image, const QRect &area)
{
    Ink ink;
    const QRgb background = image.pixel(area.topLeft());
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (const QRgb pixel = image.pixel(x, y); pixel != background) {
                ink.box |= QRect(x, y, 1, 1);
                ink.darkest = std::min(ink.darkest, qGray(pixel));
            }
    return ink;
}

} // namespace

class LiveViewsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theTableAnnouncesExactlyTheCellsThatChanged();
    void theTableMeasuresOnlyColumnsThatGrew();
    void hostNamesShowWholeUpToTheirLimit();
    void cachedTextsDrawAsTheStandardDelegate();
    void aNodeTooSmallToReadDrawsBarsForItsWords();
    void theGraphsLegendFollowsTheFont();
    void aTabBehindAnotherWaitsUntilShown();
    void paintingDoesNotWaitForBackgroundWork();
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

void LiveViewsTest::theTableMeasuresOnlyColumnsThatGrew()
{
    PathModel session;
    MeasuredModel model;
    HopTableView view(&model);
    const QAbstractItemView &asView = view; // where sizeHintForColumn is public
    view.resize(1100, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    std::mt19937 random(7);
    std::map<int, int> longest; // column: the longest text it held so far
    int resizes = 0;
    int quietRounds = 0; // after the first, rounds where no text got longer
    for (int number = 1; number <= 41; ++number) {
        MonitorRound round = roundOf(number, random);
        if (number == 41)
            round.probes.back().rttMs = 1234.5; // the destination's figures grow by two digits
        session.addRound(round);
        std::set<int> grew;
        QSignalSpy resized(view.horizontalHeader(), &QHeaderView::sectionResized);
        model.measured = 0;
        model.update(session);
        view.showColumnsWithContent();
        QCoreApplication::processEvents();   // the queued measuring
        const int measured = model.measured; // before this test measures for itself
        for (int column = 0; column < HopTableModel::ColumnCount; ++column) {
            for (int row = 0; row < model.rowCount(); ++row) {
                const auto length =
                    static_cast<int>(model.index(row, column).data().toString().size());
                if (length > longest[column]) {
                    longest[column] = length;
                    grew.insert(column);
                }
            }
            if (view.isColumnHidden(column) || column == HopTableModel::Recent)
                continue;
            // Every column shows its whole content, as ResizeToContents would.
            QVERIFY2(view.columnWidth(column) >= asView.sizeHintForColumn(column),
                     qPrintable(QStringLiteral("round %1, column %2: %3 wide for %4")
                                    .arg(number)
                                    .arg(column)
                                    .arg(view.columnWidth(column))
                                    .arg(asView.sizeHintForColumn(column))));
        }
        // A column is measured again only when something in it got longer. The sparkline's
        // column is not measured: it takes what the others leave.
        for (const QList<QVariant> &signal : resized) {
            const int column = signal.at(0).toInt();
            if (column == HopTableModel::Recent)
                continue;
            QVERIFY2(number == 1 || grew.count(column),
                     qPrintable(QStringLiteral("round %1: column %2 measured, nothing in it grew")
                                    .arg(number)
                                    .arg(column)));
            if (number == 41 && column == HopTableModel::Worst)
                QVERIFY(signal.at(2).toInt() > signal.at(1).toInt());
        }
        resizes += static_cast<int>(resized.count());
        // Nothing longer, nothing measured: figures that change in place cost no measuring.
        if (number > 1 && grew.empty())
            QVERIFY2(measured == 0,
                     qPrintable(
                         QStringLiteral("round %1: %2 cells measured").arg(number).arg(measured)));
        quietRounds += number > 1 && grew.empty() ? 1 : 0;
    }
    QVERIFY2(quietRounds > 20, qPrintable(QString::number(quietRounds)));
    QVERIFY(resizes > 0);
    QVERIFY2(resizes < 40, qPrintable(QString::number(resizes)));
}

// A host name is as wide as it is, not what the figures leave of the table (in a window 1254
// pixels wide they left it 48); one of 92 characters is held to 40 and elided, its tooltip
// whole. The sparkline takes the rest. AS and Country, empty on a private path, are hidden.
void LiveViewsTest::hostNamesShowWholeUpToTheirLimit()
{
    std::mt19937 random(11);
    const std::string shortName = "core1.example.net";
    const std::string longName = std::string(80, 'x') + ".example.net";
    MonitorRound round = roundOf(1, random);
    round.hostnames = {{"198.18.1.2", shortName}, {"198.18.3.2", longName}};
    PathModel session;
    session.addRound(round);
    HopTableModel model;
    HopTableView view(&model);
    const QAbstractItemView &asView = view;
    view.resize(1100, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.update(session);
    view.showColumnsWithContent();
    QCoreApplication::processEvents(); // the queued measuring
    QVERIFY(view.isColumnHidden(HopTableModel::As));
    QVERIFY(view.isColumnHidden(HopTableModel::Country));

    const int limit = view.fontMetrics().averageCharWidth() * 40;
    const int hostWidth = view.columnWidth(HopTableModel::Host);
    QCOMPARE(hostWidth, limit);
    QVERIFY(asView.sizeHintForColumn(HopTableModel::Host) > limit);
    QVERIFY(view.fontMetrics().horizontalAdvance(QString::fromStdString(shortName)) < hostWidth);
    int longRow = -1;
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row, HopTableModel::Host).data().toString().toStdString() == longName)
            longRow = row;
    QVERIFY(longRow >= 0);
    QVERIFY(model.index(longRow, HopTableModel::Host)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QString::fromStdString(longName)));

    int used = 0;
    for (int column = 0; column < HopTableModel::ColumnCount; ++column)
        if (!view.isColumnHidden(column))
            used += view.columnWidth(column);
    QCOMPARE(used, view.viewport()->width()); // the sparkline fills what is left
    QVERIFY(view.columnWidth(HopTableModel::Recent) > 96);
}

void LiveViewsTest::cachedTextsDrawAsTheStandardDelegate()
{
    // Figures right-aligned, names left-aligned, a bold cell, a red one, two with a mark before
    // them (as the loss of a hop that is likely rate-limited), a selected row, rows in alternating
    // colours, and a column too narrow for its text.
    QStandardItemModel model(4, 3);
    const QStringList texts = {QStringLiteral("12.34"),
                               QStringLiteral("router-a.example.net"),
                               QStringLiteral("0.0 %"),
                               QStringLiteral("1234.5"),
                               QStringLiteral("core2.fra.example.net"),
                               QStringLiteral("33.3 %"),
                               QStringLiteral("7.1"),
                               QStringLiteral("198.18.3.2"),
                               QStringLiteral("100.0 %"),
                               QStringLiteral("0.95"),
                               QStringLiteral("a-very-long-name-that-does-not-fit.example"),
                               QStringLiteral("2.0 %")};
    for (int row = 0; row < 4; ++row)
        for (int column = 0; column < 3; ++column) {
            auto *item = new QStandardItem(texts[row * 3 + column]);
            item->setTextAlignment(column == 1 ? Qt::AlignLeft | Qt::AlignVCenter
                                               : Qt::AlignRight | Qt::AlignVCenter);
            model.setItem(row, column, item);
        }
    QFont bold;
    bold.setBold(true);
    model.item(1, 1)->setFont(bold);
    model.item(2, 2)->setForeground(QColor(0xc6, 0x28, 0x28));
    model.item(1, 2)->setData(QColor(0xf0, 0xa2, 0x02), Qt::DecorationRole);
    model.item(0, 1)->setData(QColor(0xf0, 0xa2, 0x02), Qt::DecorationRole);
    QTableView standard;
    QTableView cached;
    cached.setItemDelegate(new CachedTextDelegate(&cached));
    for (QTableView *view : {&standard, &cached}) {
        view->setModel(&model);
        view->setWordWrap(false);
        view->setAlternatingRowColors(true);
        view->setColumnWidth(0, 80);
        view->setColumnWidth(1, 150); // the last row's name is elided
        view->setColumnWidth(2, 70);
        view->resize(340, 160);
        view->selectRow(3);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));
    }
    const QImage expected = standard.viewport()->grab().toImage();
    const QImage drawn = cached.viewport()->grab().toImage();
    for (int row = 0; row < 4; ++row)
        for (int column = 0; column < 3; ++column) {
            const QRect cell = standard.visualRect(model.index(row, column)).adjusted(1, 1, -2, -2);
            const Ink want = inkIn(expected, cell);
            const Ink got = inkIn(drawn, cell);
            const QString where = QStringLiteral("row %1, column %2: %3 drawn at (%4,%5 %6x%7), "
                                                 "the standard delegate at (%8,%9 %10x%11)")
                                      .arg(row)
                                      .arg(column)
                                      .arg(texts[row * 3 + column])
                                      .arg(got.box.x())
                                      .arg(got.box.y())
                                      .arg(got.box.width())
                                      .arg(got.box.height())
                                      .arg(want.box.x())
                                      .arg(want.box.y())
                                      .arg(want.box.width())
                                      .arg(want.box.height());
            QVERIFY2(!want.box.isEmpty(), qPrintable(where));
            // The same place, within a pixel, and as dark.
            QVERIFY2(std::abs(got.box.left() - want.box.left()) <= 1 &&
                         std::abs(got.box.right() - want.box.right()) <= 1 &&
                         std::abs(got.box.top() - want.box.top()) <= 1 &&
                         std::abs(got.box.bottom() - want.box.bottom()) <= 1,
                     qPrintable(where));
            QVERIFY2(std::abs(got.darkest - want.darkest) <= 24, qPrintable(where));
        }
    // The red cell is red.
    const QRect red = cached.visualRect(model.index(2, 2)).adjusted(1, 1, -2, -2);
    bool sawRed = false;
    for (int y = red.top(); y <= red.bottom(); ++y)
        for (int x = red.left(); x <= red.right(); ++x) {
            const QColor pixel = drawn.pixelColor(x, y);
            sawRed = sawRed || (pixel.red() > 150 && pixel.green() < 100 && pixel.blue() < 100);
        }
    QVERIFY(sawRed);
    // And the mark is there, before the figure, in its colour.
    const QRect marked = cached.visualRect(model.index(1, 2)).adjusted(1, 1, -2, -2);
    const Ink text = inkIn(expected, marked);
    bool sawMark = false;
    for (int y = marked.top(); y <= marked.bottom(); ++y)
        for (int x = marked.left(); x < marked.left() + marked.width() / 3; ++x)
            sawMark = sawMark || drawn.pixelColor(x, y) == QColor(0xf0, 0xa2, 0x02);
    QVERIFY(sawMark);
    QVERIFY(text.box.left() < marked.left() + marked.width() / 3);
}

// The longest run of pixels along a row within `tolerance` of `colour`, anywhere in the image.
int longestRunOf(const QImage &image, const QColor &colour, int tolerance)
{
    int longest = 0;
    for (int y = 0; y < image.height(); ++y) {
        int run = 0;
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            const bool near = std::abs(pixel.red() - colour.red()) <= tolerance &&
                              std::abs(pixel.green() - colour.green()) <= tolerance &&
                              std::abs(pixel.blue() - colour.blue()) <= tolerance;
            run = near ? run + 1 : 0;
            longest = std::max(longest, run);
        }
    }
    return longest;
}

void LiveViewsTest::aNodeTooSmallToReadDrawsBarsForItsWords()
{
    MonitorHop hop;
    hop.ttl = 3;
    hop.responder = "2001:db8:ffff:1000::20"; // longer than its figures
    hop.hostname = "core1.fra.example.net";
    hop.stats.sent = hop.stats.received = 10;
    hop.stats.lastMs = hop.stats.avgMs = 12.5;
    HopNodeItem node(hop);
    // The title's ink, 55 % over the node's white.
    const QColor bar(0x83, 0x87, 0x8b);
    const auto drawnAt = [&node](qreal scale) {
        const QRectF bounds = node.boundingRect();
        QImage image((bounds.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.scale(scale, scale);
        painter.translate(-bounds.topLeft());
        QStyleOptionGraphicsItem option;
        node.paint(&painter, &option, nullptr);
        return image;
    };
    const QFont small = [] {
        QFont font;
        font.setPointSizeF(font.pointSizeF() * 0.82);
        return font;
    }();
    const qreal lineHeight = QFontMetricsF(small).height();
    const qreal zoomedOut = (HopNodeItem::kLegibleLinePx - 1) / lineHeight;
    const qreal legible = (HopNodeItem::kLegibleLinePx + 1) / lineHeight;
    // Zoomed out: the title is a bar as long as its 22 characters would be.
    const int titleBar = longestRunOf(drawnAt(zoomedOut), bar, 3);
    const qreal expected = QFontMetricsF(small).averageCharWidth() * 22 * zoomedOut;
    QVERIFY2(titleBar >= expected - 2 && titleBar <= expected + 2,
             qPrintable(QStringLiteral("%1 pixels, %2 expected").arg(titleBar).arg(expected)));
    // Just large enough to read: words, which are no bar.
    const int inWords = longestRunOf(drawnAt(legible), bar, 3);
    QVERIFY2(inWords < expected / 3, qPrintable(QString::number(inWords)));
}

void LiveViewsTest::theGraphsLegendFollowsTheFont()
{
    // The legend is drawn once and kept: a larger font draws it again, larger.
    HopGraphView graph;
    graph.resize(900, 300);
    graph.show();
    QVERIFY(QTest::qWaitForWindowExposed(&graph));
    const auto legendHeight = [&graph] {
        // Down the column just inside the legend's left edge, what is not the view's background.
        const QImage image = graph.viewport()->grab().toImage();
        const QRgb background = image.pixel(image.width() / 2, 4);
        int height = 0;
        for (int y = 0; y < image.height(); ++y)
            height += image.pixel(HopGraphView::kLegendInset + 3, y) != background;
        return height;
    };
    const int before = legendHeight();
    QVERIFY2(before > 10, qPrintable(QString::number(before)));
    QFont larger = graph.viewport()->font();
    larger.setPointSizeF(larger.pointSizeF() * 2);
    graph.viewport()->setFont(larger);
    const int after = legendHeight();
    QVERIFY2(after > before + 5, qPrintable(QStringLiteral("%1, then %2").arg(before).arg(after)));
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

void LiveViewsTest::paintingDoesNotWaitForBackgroundWork()
{
    // Background tasks stuck, as on a resolver that does not answer: more of them than Qt's
    // global pool has threads. Qt's raster engine hands large fills to that pool and waits.
    const int stuck = QThreadPool::globalInstance()->maxThreadCount() + 2;
    QSemaphore gate;
    QSemaphore painted;
    std::atomic<bool> gaveUp{false};
    int finished = 0;
    QObject context;
    for (int i = 0; i < stuck; ++i)
        runInBackground(
            &context,
            [&gate] {
                gate.acquire();
                return 0;
            },
            [&finished](int) { ++finished; });
    // Lets the tasks go once the painting is done, or after 10 s if it waits for them: the test
    // then fails instead of hanging.
    std::thread opener([&] {
        if (!painted.tryAcquire(1, 10'000))
            gaveUp = true;
        gate.release(stuck);
    });
    QImage image(1600, 1200, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(200, 40, 40, 128)); // blended span by span
        painter.drawEllipse(image.rect());
    }
    const QImage converted = image.convertToFormat(QImage::Format_RGB32);
    const bool waited = gaveUp;
    painted.release();
    opener.join();
    QVERIFY2(!waited, "painting waited for the background tasks");
    // The blend was drawn: half of 200 over white.
    QVERIFY(std::abs(converted.pixelColor(800, 600).red() - 227) <= 2);
    QTRY_COMPARE(finished, stuck);
}

QTEST_MAIN(LiveViewsTest)
#include "tst_liveviews.moc"
