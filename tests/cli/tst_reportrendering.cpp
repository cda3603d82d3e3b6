// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString binary(const char *name)
{
    return QStringLiteral(HOPSCOPE_BINARY_DIR "/") + QLatin1String(name);
}
QString fixture(const char *name)
{
    return QStringLiteral(HOPSCOPE_FIXTURES_DIR "/") + QLatin1String(name);
}

bool runTool(const QString &program, const QStringList &arguments, QString &error)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(90000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        error = program + QStringLiteral(" failed: ") +
                QString::fromLocal8Bit(process.readAllStandardError().right(600));
        return false;
    }
    return true;
}

// Pixels within a small distance of `rgb`: how much of the image a colour of the report covers.
int pixelsNear(const QImage &image, QRgb rgb)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            if (std::abs(qRed(p) - qRed(rgb)) + std::abs(qGreen(p) - qGreen(rgb)) +
                    std::abs(qBlue(p) - qBlue(rgb)) <
                24)
                ++count;
        }
    return count;
}

void keep(const QImage &image, const QString &name)
{
    const QString folder = qEnvironmentVariable("HOPSCOPE_SCREENSHOT_DIR");
    if (!folder.isEmpty())
        image.save(QDir(folder).filePath(name));
}

constexpr QRgb kFastGreen = 0x2e9d5b;      // nodes and the latency scale under 10 ms
constexpr QRgb kAverageLine = 0x1f4e79;    // the chart's average line
constexpr QRgb kSecondPathLine = 0xe8710a; // a comparison's second path
constexpr QRgb kMarked = 0x8e24aa;         // what a comparison found different

} // namespace

// Reports drawn by the tools people open them with: Chromium for HTML, poppler for PDF.
class ReportRenderingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void htmlInChromium_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("screenshot");
        QTest::addColumn<int>("greenAtLeast");
        QTest::addColumn<QRgb>("line");
        QTest::addColumn<int>("purpleAtLeast");
        // Four answering nodes of r = 17 px: well over 2,000 green pixels when the SVG is drawn.
        QTest::newRow("trace") << QStringList{fixture("hopscope/full-tcp-path.json")}
                               << "report-html.png" << 2000 << kAverageLine << 0;
        // Six fast nodes over two graphs (the second path's last two are 10 ms, lighter), the
        // second path's orange line, and six purple outlines.
        QTest::newRow("comparison")
            << QStringList{fixture("compare/before.json"), fixture("compare/after.json")}
            << "comparison-html.png" << 3500 << kSecondPathLine << 1000;
    }
    void htmlInChromium()
    {
        QFETCH(QStringList, files);
        QFETCH(QString, screenshot);
        QFETCH(int, greenAtLeast);
        QFETCH(QRgb, line);
        QFETCH(int, purpleAtLeast);
        const QString chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
        if (chromium.isEmpty())
            QSKIP("chromium is not installed (installer/install-deps.sh installs it)");
        QTemporaryDir dir;
        QString error;
        const QString html = dir.filePath(QStringLiteral("report.html"));
        QVERIFY2(runTool(binary("hopscope-cli"),
                         QStringList{QStringLiteral("report")} + files +
                             QStringList{QStringLiteral("-o"), html},
                         error),
                 qPrintable(error));
        const QString png = dir.filePath(QStringLiteral("report.png"));
        QVERIFY2(
            runTool(chromium,
                    {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                     QStringLiteral("--disable-gpu"),
                     QStringLiteral("--user-data-dir=") + dir.filePath(QStringLiteral("profile")),
                     QStringLiteral("--screenshot=") + png,
                     QStringLiteral("--window-size=1200,1900"), QStringLiteral("file://") + html},
                    error),
            qPrintable(error));
        const QImage image(png);
        QVERIFY2(!image.isNull(), "chromium wrote no screenshot");
        keep(image, screenshot);
        QVERIFY2(pixelsNear(image, kFastGreen) > greenAtLeast,
                 qPrintable(QString::number(pixelsNear(image, kFastGreen))));
        QVERIFY2(pixelsNear(image, line) > 100,
                 qPrintable(QString::number(pixelsNear(image, line))));
        QVERIFY2(pixelsNear(image, kMarked) >= purpleAtLeast,
                 qPrintable(QString::number(pixelsNear(image, kMarked))));
    }

    void pdfWithPoppler_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("screenshot");
        QTest::addColumn<int>("pageCount");
        QTest::addColumn<int>("greenAtLeast");
        QTest::addColumn<int>("purpleAtLeast");
        QTest::newRow("session") << QStringList{fixture("hopscope/monitor-session.json")}
                                 << "report-pdf.png" << 1 << 300 << 0;
        QTest::newRow("comparison")
            << QStringList{fixture("compare/before.json"), fixture("compare/after.json")}
            << "comparison-pdf.png" << 2 << 600 << 200;
    }
    void pdfWithPoppler()
    {
        QFETCH(QStringList, files);
        QFETCH(QString, screenshot);
        QFETCH(int, pageCount);
        QFETCH(int, greenAtLeast);
        QFETCH(int, purpleAtLeast);
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        if (pdftoppm.isEmpty())
            QSKIP("pdftoppm is not installed (installer/install-deps.sh installs poppler-utils)");
        QTemporaryDir dir;
        QString error;
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY2(runTool(binary("hopscope-cli"),
                         QStringList{QStringLiteral("report")} + files +
                             QStringList{QStringLiteral("--format"), QStringLiteral("pdf"),
                                         QStringLiteral("-o"), pdf},
                         error),
                 qPrintable(error));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY2(runTool(pdftoppm,
                         {QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-png"), pdf,
                          dir.filePath(QStringLiteral("page"))},
                         error),
                 qPrintable(error));
        const QStringList pages =
            QDir(dir.path()).entryList({QStringLiteral("page*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(pages.size(), pageCount);
        const QImage image(dir.filePath(pages.constFirst()));
        QVERIFY(!image.isNull());
        keep(image, screenshot);
        QCOMPARE(image.width(), 496); // A4 at 60 dpi
        QVERIFY2(pixelsNear(image, kFastGreen) > greenAtLeast,
                 qPrintable(QString::number(pixelsNear(image, kFastGreen))));
        QVERIFY2(pixelsNear(image, kMarked) >= purpleAtLeast,
                 qPrintable(QString::number(pixelsNear(image, kMarked))));
    }
};

QTEST_GUILESS_MAIN(ReportRenderingTest)
#include "tst_reportrendering.moc"
