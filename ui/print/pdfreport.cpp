// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/print/pdfreport.h"

#include "report/svgfigures.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>

namespace hopscope {

namespace {

constexpr int kResolution = 300;

constexpr const char *kPrintStyle = R"(<style>
body { font-size: 9pt; color: #1f2933; }
h1 { font-size: 15pt; }
h2 { font-size: 12pt; margin-top: 14pt; }
th { font-size: 8pt; text-align: left; padding: 2pt 4pt; background: #f5f7fa; }
td { font-size: 8pt; padding: 2pt 4pt; }
td.n { text-align: right; }
td.k { color: #52606d; }
tr.off td { color: #9aa5b1; }
tr.changed td { background: #f3e5f5; }
pre { font-size: 8pt; background: #f5f7fa; white-space: pre-wrap; }
</style>)";

// Qt's rich text knows no inline SVG: each figure is drawn to an image at print resolution.
struct DrawnFigure
{
    QImage image;
    QSize naturalSize; // as the SVG gives it, in CSS pixels
};

DrawnFigure drawFigure(const std::string &svg, int widthPx)
{
    QSvgRenderer renderer(QByteArray::fromStdString(svg));
    const QSize size = renderer.defaultSize();
    if (!renderer.isValid() || size.isEmpty())
        return {};
    QImage image(widthPx, widthPx * size.height() / size.width(),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    painter.end();
    return {image, size};
}

// The HTML report without its inline SVG, which QTextDocument would drop: each figure becomes an
// <img> of its drawing.
QString printableHtml(const std::string &report,
                      const std::vector<std::pair<QString, QSize>> &figures)
{
    QString html = QString::fromStdString(report);
    // Qt's rich text reads only part of CSS; the page gets a style in points of its own.
    const auto styleStart = html.indexOf(QLatin1String("<style>"));
    const auto styleEnd = html.indexOf(QLatin1String("</style>"));
    if (styleStart >= 0 && styleEnd > styleStart)
        html.replace(styleStart, styleEnd + 8 - styleStart, QLatin1String(kPrintStyle));
    // Spread over the page: Qt's rich text draws a table only as wide as its longest cells.
    html.replace(QLatin1String("<table>"), QLatin1String("<table width=\"100%\">"));
    for (const auto &[name, size] : figures) {
        const auto start = html.indexOf(QLatin1String("<figure>"));
        const auto end = html.indexOf(QLatin1String("</figure>"), start);
        if (start < 0 || end < 0)
            break;
        html.replace(start, end + 9 - start,
                     QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"></p>")
                         .arg(name)
                         .arg(size.width())
                         .arg(size.height()));
    }
    return html;
}

// An HTML report on A4 pages, each of `svgs` in place of the next <figure>.
Expected<QByteArray> printReport(const std::string &title, const std::string &html,
                                 const std::vector<std::string> &svgs)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error{ErrorCode::NoGui, "drawing a PDF needs a QGuiApplication"};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kResolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    writer.setTitle(QString::fromStdString(title));
    writer.setCreator(QStringLiteral("Hopscope"));

    // Laid out on a page the size of the paper's printable area; print() scales it to the paper.
    QTextDocument document;
    document.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    // Qt's rich text measures fonts at 96 dots per inch: a page of that many dots per inch.
    const QSizeF inside = writer.pageLayout().paintRect(QPageLayout::Point).size() * (96.0 / 72.0);
    document.setPageSize(inside);
    const int widthPx = static_cast<int>(inside.width()) - 10;
    // Each figure as wide as the page, or as wide as it was drawn if that is less.
    std::vector<std::pair<QString, QSize>> figures;
    for (const std::string &svg : svgs) {
        const DrawnFigure figure = drawFigure(svg, 2400);
        if (figure.image.isNull())
            continue;
        const int width = std::min(widthPx, figure.naturalSize.width());
        figures.emplace_back(
            QStringLiteral("figure%1.png").arg(figures.size()),
            QSize(width, width * figure.naturalSize.height() / figure.naturalSize.width()));
        document.addResource(QTextDocument::ImageResource, QUrl(figures.back().first),
                             figure.image);
    }
    document.setHtml(printableHtml(html, figures));
    document.print(&writer);
    buffer.close();
    if (bytes.isEmpty())
        return Error{ErrorCode::PdfFailed, "the PDF writer produced nothing"};
    return bytes;
}

Expected<std::string> asString(const Expected<QByteArray> &pdf)
{
    if (!pdf)
        return pdf.error();
    return pdf->toStdString();
}

} // namespace

Expected<QByteArray> pdfReport(const ReportContent &content)
{
    return printReport("Network path: " + content.title, htmlReport(content),
                       {svgPathGraph(content), svgRttChart(content)});
}

Expected<QByteArray> pdfReport(const ComparisonReportContent &content)
{
    return printReport("Path comparison: " + content.title, comparisonHtmlReport(content),
                       {svgPathGraph(content.first, content.changedTtls),
                        svgPathGraph(content.second, content.changedTtls),
                        svgComparisonChart(content)});
}

Expected<std::string> renderReport(const ReportContent &content, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Html:
        return htmlReport(content);
    case ReportFormat::Csv:
        return csvReport(content);
    case ReportFormat::Markdown:
        return markdownReport(content);
    case ReportFormat::Pdf:
        break;
    }
    return asString(pdfReport(content));
}

Expected<std::string> renderReport(const ComparisonReportContent &content, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Html:
        return comparisonHtmlReport(content);
    case ReportFormat::Csv:
        return comparisonCsvReport(content);
    case ReportFormat::Markdown:
        return comparisonMarkdownReport(content);
    case ReportFormat::Pdf:
        break;
    }
    return asString(pdfReport(content));
}

} // namespace hopscope
