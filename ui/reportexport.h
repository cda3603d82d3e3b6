// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "path/networkpath.h"
#include "report/reportcontent.h"

#include <QDialog>
#include <QString>

#include <functional>
#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace hopscope {

// What the Export Report dialog asks: the format and what to hide. Remembered between uses.
class ReportExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReportExportDialog(QWidget *parent = nullptr);

    ReportFormat format() const;
    Redaction redaction() const;
    // Stores the choices for next time.
    void remember() const;

private:
    QComboBox *m_format;
    QCheckBox *m_redact;
    QSpinBox *m_firstHops;
};

// What a report is of: one path, or a first and a second compared.
struct ReportSubject
{
    NetworkPath first;
    std::optional<NetworkPath> second;
};

// The report's file in `format`: of the path, or of the comparison.
Expected<std::string> renderReportOf(const ReportSubject &subject, ReportFormat format,
                                     const ReportOptions &options);

// A file name for a path without its extension: its destination (any character that is not a
// letter, digit, dot, dash or underscore made "_") and when it was traced,
// "web.lab.test-20261125-091403".
QString suggestedFileStem(const NetworkPath &path);

// The same for a report, or for a comparison "web.lab.test-20261124-080000-vs-20261125-091403".
QString suggestedReportName(const ReportSubject &subject);

// Asks for the format, what to hide and the file, draws the report here and writes it on a pool
// thread; `done` gets what to say in the status line.
void exportReport(QWidget *parent, const ReportSubject &subject,
                  const std::function<void(const QString &)> &done);

} // namespace hopscope
