// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/reportexport.h"

#include "file/outputfile.h"
#include "ui/print/pdfreport.h"

#include "ui/background.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>

namespace hopscope {

namespace {
const auto kFormatKey = QStringLiteral("report/format");
const auto kRedactKey = QStringLiteral("report/redact");
const auto kFirstHopsKey = QStringLiteral("report/redactFirst");
const auto kDirectoryKey = QStringLiteral("report/lastDirectory");
} // namespace

ReportExportDialog::ReportExportDialog(QWidget *parent)
    : QDialog(parent), m_format(new QComboBox(this)), m_redact(new QCheckBox(this)),
      m_firstHops(new QSpinBox(this))
{
    setWindowTitle(tr("Export Report"));
    m_format->addItem(tr("HTML (graph, chart and table in one file)"), QStringLiteral("html"));
    m_format->addItem(tr("PDF"), QStringLiteral("pdf"));
    m_format->addItem(tr("CSV (one row per hop)"), QStringLiteral("csv"));
    m_format->addItem(tr("Markdown"), QStringLiteral("md"));
    m_redact->setText(tr("Hide the source and private-range hops"));
    m_firstHops->setRange(0, 255);
    m_firstHops->setSpecialValueText(tr("none"));
    m_firstHops->setSuffix(tr(" hops"));
    QSettings settings;
    m_format->setCurrentIndex(
        std::max(0, m_format->findData(settings.value(kFormatKey, QStringLiteral("html")))));
    m_redact->setChecked(settings.value(kRedactKey, false).toBool());
    m_firstHops->setValue(settings.value(kFirstHopsKey, 0).toInt());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export\u2026"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QFormLayout(this);
    layout->addRow(tr("Format:"), m_format);
    layout->addRow(QString(), m_redact);
    layout->addRow(tr("Also hide the first:"), m_firstHops);
    layout->addRow(buttons);
}

ReportFormat ReportExportDialog::format() const
{
    return parseReportFormat(m_format->currentData().toString().toStdString())
        .value_or(ReportFormat::Html);
}

Redaction ReportExportDialog::redaction() const
{
    Redaction redaction;
    redaction.source = redaction.privateHops = m_redact->isChecked();
    redaction.firstHops = m_firstHops->value();
    return redaction;
}

void ReportExportDialog::remember() const
{
    QSettings settings;
    settings.setValue(kFormatKey, m_format->currentData());
    settings.setValue(kRedactKey, m_redact->isChecked());
    settings.setValue(kFirstHopsKey, m_firstHops->value());
}

Expected<std::string> renderReportOf(const ReportSubject &subject, ReportFormat format,
                                     const ReportOptions &options)
{
    if (subject.second)
        return renderReport(buildComparisonReportContent(subject.first, *subject.second, options),
                            format);
    return renderReport(buildReportContent(subject.first, options), format);
}

QString suggestedFileStem(const NetworkPath &path)
{
    QString name = QString::fromStdString(
        path.destination.hostname.empty() ? path.destination.ipAddress : path.destination.hostname);
    // A hostname from a file or a resolver names a file here: nothing in it may leave the folder.
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    if (path.timestampMs == 0)
        return name; // the file gives no date
    return name + QLatin1Char('-') +
           QDateTime::fromMSecsSinceEpoch(path.timestampMs)
               .toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

QString suggestedReportName(const ReportSubject &subject)
{
    if (!subject.second)
        return suggestedFileStem(subject.first);
    if (subject.second->timestampMs == 0)
        return suggestedFileStem(subject.first) + QStringLiteral("-vs-") +
               suggestedFileStem(*subject.second);
    return suggestedFileStem(subject.first) + QStringLiteral("-vs-") +
           QDateTime::fromMSecsSinceEpoch(subject.second->timestampMs)
               .toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

void exportReport(QWidget *parent, const ReportSubject &subject,
                  const std::function<void(const QString &)> &done)
{
    ReportExportDialog dialog(parent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.remember();
    const ReportFormat format = dialog.format();
    QSettings settings;
    const QString extension =
        QString::fromLatin1(reportFormatExtension(format).data(),
                            static_cast<qsizetype>(reportFormatExtension(format).size()));
    const QString suggested =
        QStringLiteral("%1/%2.%3")
            .arg(settings.value(kDirectoryKey).toString(), suggestedReportName(subject), extension);
    const QString fileName =
        QFileDialog::getSaveFileName(parent, QObject::tr("Export Report"), suggested,
                                     QObject::tr("Report (*.%1)").arg(extension));
    if (fileName.isEmpty())
        return;
    settings.setValue(kDirectoryKey, QFileInfo(fileName).absolutePath());

    ReportOptions options;
    options.redaction = dialog.redaction();
    options.generatedAtMs = QDateTime::currentMSecsSinceEpoch();
    // Drawing uses fonts, which belong to this thread; writing may wait on the disk, which must
    // not.
    const auto bytes = renderReportOf(subject, format, options);
    if (!bytes) {
        done(
            QObject::tr("Could not export: %1").arg(QString::fromStdString(bytes.error().message)));
        return;
    }
    runInBackground(
        parent,
        [name = fileName.toStdString(), data = *bytes] { return writeOutputFile(name, data); },
        [done, fileName](const Status &written) {
            done(written ? QObject::tr("Exported %1").arg(fileName)
                         : QObject::tr("Could not export: %1")
                               .arg(QString::fromStdString(written.error().message)));
        });
}

} // namespace hopscope
