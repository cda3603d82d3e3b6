// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
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

// One line of the window's alert rules: a rule in the CLI's --alert syntax for every session, or
// a target, a space and a rule for the sessions to that target alone ("example.com loss>10%/5").
struct AlertRuleLine
{
    QString target; // empty: every session
    AlertRule rule;
};
// The line read, or what is wrong with it.
Expected<AlertRuleLine> readAlertRuleLine(const QString &line);

// What the window watches its monitoring sessions for, and how it tells: the rule lines, a
// desktop notification, a beep, and a command run with the alert in its environment. Kept in the
// settings.
struct AlertSettings
{
    QStringList rules;
    bool notify = true;
    bool beep = false;
    QString command;

    static AlertSettings load();
    void save() const;
    // The rules a session to `target` is watched for (the target as it was typed, compared
    // without case); a line the settings hold that can no longer be read is left out.
    std::vector<AlertRule> rulesFor(const QString &target) const;
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
