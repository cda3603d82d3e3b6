// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/sessionspanel.h"

#include "file/outputfile.h"
#include "file/targetlist.h"
#include "ui/sessionsummarymodel.h"
#include "ui/sparklinedelegate.h"
#include "ui/tracesession.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace hopscope {

namespace {
const auto kListDirectoryKey = QStringLiteral("sessions/listDirectory");
const auto kListFilter =
    QT_TRANSLATE_NOOP("hopscope::SessionsPanel", "Target lists (*.txt);;All files (*)");
} // namespace

SessionsPanel::SessionsPanel(QWidget *parent)
    : QWidget(parent), m_summary(new SessionSummaryModel(this)), m_table(new QTableView(this))
{
    m_table->setModel(m_summary);
    m_table->setItemDelegateForColumn(SessionSummaryModel::Recent, new SparklineDelegate(this));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const std::pair<int, int> widths[] = {
        {SessionSummaryModel::Target, 24}, {SessionSummaryModel::State, 26},
        {SessionSummaryModel::Alerts, 18}, {SessionSummaryModel::Loss, 9},
        {SessionSummaryModel::Avg, 9},     {SessionSummaryModel::Last, 9},
        {SessionSummaryModel::Recent, 22}, {SessionSummaryModel::Rounds, 8}};
    for (const auto &[column, digits] : widths)
        m_table->setColumnWidth(column, digit * digits);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (TraceSession *session = m_summary->sessionAt(index.row()))
            Q_EMIT sessionActivated(session);
    });

    auto *monitor = new QPushButton(tr("&Monitor Target List\u2026"), this);
    monitor->setToolTip(tr("Start a monitoring session for each target of a list, one host name "
                           "or address a line"));
    connect(monitor, &QPushButton::clicked, this, &SessionsPanel::chooseListToMonitor);
    auto *save = new QPushButton(tr("&Save Target List\u2026"), this);
    save->setToolTip(tr("Keep the targets monitored here as a list, to monitor them together "
                        "again"));
    connect(save, &QPushButton::clicked, this, &SessionsPanel::chooseWhereToSave);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(monitor);
    buttons->addWidget(save);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
}

void SessionsPanel::chooseListToMonitor()
{
    QSettings settings;
    const QString fileName =
        QFileDialog::getOpenFileName(this, tr("Monitor Target List"),
                                     settings.value(kListDirectoryKey).toString(), tr(kListFilter));
    if (fileName.isEmpty())
        return;
    settings.setValue(kListDirectoryKey, QFileInfo(fileName).absolutePath());
    monitorList(fileName);
}

void SessionsPanel::monitorList(const QString &fileName)
{
    const auto targets = readTargetList(fileName.toStdString());
    if (!targets) {
        QMessageBox::warning(this, tr("Monitor Target List"),
                             tr("This list cannot be used: %1")
                                 .arg(QString::fromStdString(targets.error().message)));
        return;
    }
    QStringList list;
    for (const std::string &target : *targets)
        list << QString::fromStdString(target);
    Q_EMIT monitorRequested(list);
}

void SessionsPanel::chooseWhereToSave()
{
    if (m_summary->rowCount() == 0) {
        Q_EMIT message(tr("No target is monitored: there is no list to save"));
        return;
    }
    QSettings settings;
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Save Target List"),
        QFileInfo(settings.value(kListDirectoryKey).toString(), tr("targets.txt")).filePath(),
        tr(kListFilter));
    if (fileName.isEmpty())
        return;
    settings.setValue(kListDirectoryKey, QFileInfo(fileName).absolutePath());
    saveList(fileName);
}

void SessionsPanel::saveList(const QString &fileName)
{
    std::vector<std::string> targets;
    for (int row = 0; row < m_summary->rowCount(); ++row)
        if (const TraceSession *session = m_summary->sessionAt(row))
            if (std::find(targets.begin(), targets.end(), session->request().target) ==
                targets.end())
                targets.push_back(session->request().target);
    const Status written = writeOutputFile(fileName.toStdString(), formatTargetList(targets));
    Q_EMIT message(
        written
            ? tr("Saved %n targets to %1", nullptr, static_cast<int>(targets.size())).arg(fileName)
            : tr("Could not save the target list: %1")
                  .arg(QString::fromStdString(written.error().message)));
}

} // namespace hopscope
