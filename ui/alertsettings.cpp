// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/alertsettings.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QVBoxLayout>

namespace hopscope {

namespace {
const auto kRulesKey = QStringLiteral("alerts/rules");
const auto kNotifyKey = QStringLiteral("alerts/notify");
const auto kBeepKey = QStringLiteral("alerts/beep");
const auto kCommandKey = QStringLiteral("alerts/command");
} // namespace

AlertSettings AlertSettings::load()
{
    const QSettings stored;
    AlertSettings settings;
    settings.rules = stored.value(kRulesKey).toStringList();
    settings.notify = stored.value(kNotifyKey, true).toBool();
    settings.beep = stored.value(kBeepKey, false).toBool();
    settings.command = stored.value(kCommandKey).toString();
    return settings;
}

void AlertSettings::save() const
{
    QSettings stored;
    stored.setValue(kRulesKey, rules);
    stored.setValue(kNotifyKey, notify);
    stored.setValue(kBeepKey, beep);
    stored.setValue(kCommandKey, command);
}

Expected<AlertRuleLine> readAlertRuleLine(const QString &line)
{
    const QStringList words = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() > 2)
        return Error{ErrorCode::Malformed,
                     QCoreApplication::translate("AlertSettings",
                                                 "'%1' has more than a target and a rule; a rule "
                                                 "for one target is written as 'example.com "
                                                 "loss>10%/5'")
                         .arg(line.simplified())
                         .toStdString()};
    auto rule = parseAlertRule(words.value(words.size() - 1).toStdString());
    if (!rule)
        return rule.error();
    return AlertRuleLine{words.size() == 2 ? words.front() : QString(), *rule};
}

std::vector<AlertRule> AlertSettings::rulesFor(const QString &target) const
{
    std::vector<AlertRule> parsed;
    for (const QString &text : rules)
        if (auto line = readAlertRuleLine(text);
            line && (line->target.isEmpty() ||
                     line->target.compare(target.trimmed(), Qt::CaseInsensitive) == 0))
            parsed.push_back(line->rule);
    return parsed;
}

AlertSettingsDialog::AlertSettingsDialog(QWidget *parent)
    : QDialog(parent), m_rules(new QPlainTextEdit(this)),
      m_notify(new QCheckBox(tr("Show a desktop &notification"), this)),
      m_beep(new QCheckBox(tr("&Beep"), this)), m_command(new QLineEdit(this)),
      m_problem(new QLabel(this))
{
    setWindowTitle(tr("Alerts"));
    const AlertSettings current = AlertSettings::load();
    m_rules->setPlainText(current.rules.join(QLatin1Char('\n')));
    m_rules->setPlaceholderText(
        QStringLiteral("loss>10%/10\nlatency>150ms/5\nlost/3\nroute\nexample.com jitter>20ms/10"));
    m_notify->setChecked(current.notify);
    m_beep->setChecked(current.beep);
    m_command->setText(current.command);
    m_command->setPlaceholderText(tr("a shell command, run with HOPSCOPE_ALERT_* set"));
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #d32f2f; }"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *explanation =
        new QLabel(tr("Every monitoring session is watched for these rules, one a line; each says "
                      "when its condition begins and ends. A target before a rule keeps it to the "
                      "sessions to that target (example.com loss>10%/5).\n"
                      "loss>PERCENT%/ROUNDS, latency>MSms/ROUNDS, jitter>MSms/ROUNDS (over the "
                      "last ROUNDS rounds, 5 when left out), lost/ROUNDS (no answer in that many "
                      "rounds in a row, 3 when left out), route (a route change)."),
                   this);
    explanation->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Command:"), m_command);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &AlertSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AlertSettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_rules, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_notify);
    layout->addWidget(m_beep);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(560, 420);
}

AlertSettings AlertSettingsDialog::settings() const
{
    AlertSettings settings;
    for (const QString &line : m_rules->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            settings.rules << line.trimmed();
    settings.notify = m_notify->isChecked();
    settings.beep = m_beep->isChecked();
    settings.command = m_command->text().trimmed();
    return settings;
}

void AlertSettingsDialog::accept()
{
    const QStringList lines = m_rules->toPlainText().split(QLatin1Char('\n'));
    for (qsizetype line = 0; line < lines.size(); ++line) {
        if (lines[line].trimmed().isEmpty())
            continue;
        if (const auto read = readAlertRuleLine(lines[line]); !read) {
            m_problem->setText(
                tr("Line %1: %2").arg(line + 1).arg(QString::fromStdString(read.error().message)));
            m_problem->show();
            m_rules->setFocus();
            return;
        }
    }
    settings().save();
    QDialog::accept();
}

} // namespace hopscope
