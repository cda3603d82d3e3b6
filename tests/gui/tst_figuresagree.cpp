// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "isolatedsettings.h"

#include "ui/hoptablemodel.h"
#include "ui/mainwindow.h"
#include "ui/tracetab.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace hopscope;

namespace {

const QString kCli = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli");

// One row's figures as a view shows them: empty where it shows none.
struct Figures
{
    std::optional<double> lossPercent;
    std::optional<double> sent;
    std::optional<double> avgMs;
};

std::optional<double> number(QString text)
{
    text = text.trimmed();
    text.remove(QLatin1Char('%'));
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

QByteArray runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(kCli, arguments);
    if (!process.waitForFinished(20000) || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput();
}

// RFC 4180 fields of one line (quotes doubled inside quoted fields).
QStringList csvFields(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted && c == QLatin1Char('"') && i + 1 < line.size() &&
            line.at(i + 1) == QLatin1Char('"')) {
            field += c;
            ++i;
        } else if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (c == QLatin1Char(',') && !quoted) {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    return fields << field;
}

std::vector<Figures> fromCsv(const QByteArray &csv)
{
    std::vector<Figures> rows;
    const QStringList lines = QString::fromUtf8(csv).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList header = csvFields(lines.value(0));
    const qsizetype loss = header.indexOf(QStringLiteral("loss_percent"));
    const qsizetype sent = header.indexOf(QStringLiteral("sent"));
    const qsizetype avg = header.indexOf(QStringLiteral("avg_ms"));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList fields = csvFields(lines.at(i));
        rows.push_back(
            {number(fields.value(loss)), number(fields.value(sent)), number(fields.value(avg))});
    }
    return rows;
}

// The right-aligned cell that ends where the header's `label` ends.
QString cellEndingUnder(const QString &line, const QString &header, const QString &label,
                        int words = 1)
{
    const qsizetype end = header.indexOf(label) + label.size();
    const QStringList tokens = line.left(end).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return tokens.mid(tokens.size() - words).join(QLatin1Char(' '));
}

// `show` prints, for figures that were counted, the table of every row (Loss%, Snt, Avg ...);
// otherwise the hop list with one RTT per hop.
std::vector<Figures> fromShow(const QByteArray &output)
{
    const QStringList lines = QString::fromUtf8(output).split(QLatin1Char('\n'));
    std::vector<Figures> rows;
    const qsizetype figures =
        lines.indexOf(QRegularExpression(QStringLiteral("^TTL +(AS +)?Host +Loss%.*$")));
    if (figures >= 0) {
        const QString &header = lines.at(figures);
        for (qsizetype i = figures + 1; i < lines.size() && !lines.at(i).trimmed().isEmpty(); ++i)
            rows.push_back({number(cellEndingUnder(lines.at(i), header, QStringLiteral("Loss%"))),
                            number(cellEndingUnder(lines.at(i), header, QStringLiteral("Snt"))),
                            number(cellEndingUnder(lines.at(i), header, QStringLiteral("Avg")))});
        return rows;
    }
    const QString &header = lines.value(0);
    for (qsizetype i = 1; i < lines.size() && !lines.at(i).trimmed().isEmpty(); ++i) {
        const QString rtt = cellEndingUnder(lines.at(i), header, QStringLiteral("RTT"), 2);
        rows.push_back({std::nullopt, std::nullopt, number(rtt.section(QLatin1Char(' '), -2, -2))});
    }
    return rows;
}

std::vector<Figures> fromTable(const HopTableModel &model)
{
    std::vector<Figures> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto cell = [&](int column) {
            return model.data(model.index(row, column)).toString();
        };
        rows.push_back({number(cell(HopTableModel::Loss)), number(cell(HopTableModel::Sent)),
                        number(cell(HopTableModel::Avg))});
    }
    return rows;
}

// Equal to the precision the coarser of the two shows: two decimals, or four significant digits
// for a round trip of 100 ms and more ("268.7" for 268.692).
bool agree(const std::optional<double> &a, const std::optional<double> &b, double tolerance)
{
    return a.has_value() == b.has_value() &&
           (!a || std::abs(*a - *b) <= std::max(tolerance, std::abs(*b) * 0.0005));
}

QString describe(const std::optional<double> &value)
{
    return value ? QString::number(*value) : QStringLiteral("none");
}

} // namespace

// Every path file the tests hold, opened in the window, printed by `hopscope-cli show` and
// reported as CSV: the three give the same loss, sent count and RTT for every row, since all
// three read one PathModel.
class FiguresAgreeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        hopscope::testing::isolateSettingsAndHistory(m_settings.path());
    }

    void everyViewShowsTheSameFigures_data()
    {
        QTest::addColumn<QString>("file");
        const QString root = QStringLiteral(HOPSCOPE_FIXTURES_DIR);
        // Other tools' real files: each that holds one trace with hops (several open as a
        // timeline; broken ones are refused, which the corpus test checks).
        QSet<QString> corpus;
        QFile expectations(root + QStringLiteral("/corpus/expect.json"));
        QVERIFY(expectations.open(QIODevice::ReadOnly));
        const QJsonArray entries = QJsonDocument::fromJson(expectations.readAll()).array();
        for (const QJsonValue &entry : entries) {
            const QJsonObject object = entry.toObject();
            if (object.value(QLatin1String("valid")).toBool() &&
                object.value(QLatin1String("traces")).toInt(1) == 1 &&
                !object.value(QLatin1String("hops")).toObject().isEmpty())
                corpus.insert(QStringLiteral("corpus/") +
                              object.value(QLatin1String("file")).toString());
        }
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            const QString relative = QDir(root).relativeFilePath(file);
            if (relative.startsWith(QLatin1String("corpus/"))
                    ? !corpus.contains(relative)
                    : !file.endsWith(QLatin1String(".json")) &&
                          !file.endsWith(QLatin1String(".txt")))
                continue;
            // Outputs the tests compare against, and files that are broken on purpose.
            if (relative.startsWith(QLatin1String("reports/")) ||
                relative.startsWith(QLatin1String("text/")) ||
                relative.startsWith(QLatin1String("bad/")))
                continue;
            QTest::newRow(qPrintable(relative)) << file;
            ++files;
        }
        QVERIFY2(files >= 60, "every importer's and every Datadog era's fixture, and the corpus");
    }

    void everyViewShowsTheSameFigures()
    {
        QFETCH(QString, file);
        MainWindow window;
        window.show();
        window.openFiles({file});
        QTRY_COMPARE(window.tabs()->count(), 1);
        auto *tab = qobject_cast<TraceTab *>(window.tabs()->widget(0));
        QVERIFY(tab);
        QTRY_VERIFY(tab->hopModel()->rowCount() > 0);
        const std::vector<Figures> table = fromTable(*tab->hopModel());
        const std::vector<Figures> csv = fromCsv(runCli(
            {QStringLiteral("report"), file, QStringLiteral("--format"), QStringLiteral("csv")}));
        const std::vector<Figures> show = fromShow(runCli({QStringLiteral("show"), file}));
        QCOMPARE(csv.size(), table.size());
        QCOMPARE(show.size(), table.size());
        for (std::size_t row = 0; row < table.size(); ++row) {
            const QString where =
                QStringLiteral("row %1: table %2/%3/%4, csv %5/%6/%7, show %8/%9/%10")
                    .arg(row)
                    .arg(describe(table[row].lossPercent), describe(table[row].sent),
                         describe(table[row].avgMs), describe(csv[row].lossPercent),
                         describe(csv[row].sent), describe(csv[row].avgMs))
                    .arg(describe(show[row].lossPercent), describe(show[row].sent),
                         describe(show[row].avgMs));
            QVERIFY2(agree(table[row].lossPercent, csv[row].lossPercent, 0.051), qPrintable(where));
            QVERIFY2(agree(table[row].sent, csv[row].sent, 0), qPrintable(where));
            QVERIFY2(agree(table[row].avgMs, csv[row].avgMs, 0.0051), qPrintable(where));
            // The hop list that `show` prints for a file without counts has no loss or sent. Each
            // view rounds on its own (2.125 may read 2.12 or 2.13): the CSV's three decimals are
            // the measure.
            if (show[row].sent || table[row].sent) {
                QVERIFY2(agree(show[row].lossPercent, csv[row].lossPercent, 0.051),
                         qPrintable(where));
                QVERIFY2(agree(show[row].sent, table[row].sent, 0), qPrintable(where));
            }
            QVERIFY2(agree(show[row].avgMs, csv[row].avgMs, 0.0051), qPrintable(where));
        }
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(FiguresAgreeTest)
#include "tst_figuresagree.moc"
