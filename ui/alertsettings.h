// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/alertwatch.h"

#include <QDialog>
#include <QString>
#include <QStringList>

#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace hopscope {

// What the window watches its monitoring sessions for, and how it tells: the rules in the CLI's
// --alert syntax (every session is watched for each), a desktop notification, a beep, and a
// command run with the alert in its environment. Kept in the settings.
struct AlertSettings
{
    QStringList rules;
    bool notify = true;
    bool beep = false;
    QString command;

    static AlertSettings load();
    void save() const;
    // The rules read; a rule the settings hold that can no longer be read is left out.
    std::vector<AlertRule> parsedRules() const;
};

// Edits the alert settings: one rule a line. OK is refused, with the line and what is wrong
// with it, until every rule reads.
class AlertSettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AlertSettingsDialog(QWidget *parent = nullptr);
    AlertSettings settings() const;

    void accept() override;

private:
    QPlainTextEdit *m_rules;
    QCheckBox *m_notify;
    QCheckBox *m_beep;
    QLineEdit *m_command;
    QLabel *m_problem;
};

} // namespace hopscope
