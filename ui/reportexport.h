#pragma once

#include "path/networkpath.h"
#include "report/reportcontent.h"

#include <QDialog>
#include <QString>

#include <functional>

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

// Asks for the format, what to hide and the file, draws the report here and writes it on a pool
// thread; `done` gets what to say in the status line.
void exportReport(QWidget *parent, const NetworkPath &path, const std::function<void(const QString &)> &done);

} // namespace hopscope
