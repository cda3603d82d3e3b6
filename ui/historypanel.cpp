// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/historypanel.h"

#include "ui/historymodel.h"
#include "ui/historyservice.h"

#include "store/historyretention.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>
#include <utility>

namespace hopscope {

HistoryPanel::HistoryPanel(HistoryService *service, QWidget *parent)
    : QWidget(parent), m_service(service), m_model(new HistoryModel(this)),
      m_search(new QLineEdit(this)), m_protocol(new QComboBox(this)), m_period(new QComboBox(this)),
      m_table(new QTableView(this)), m_open(new QPushButton(tr("&Open"), this)),
      m_compare(new QPushButton(tr("&Compare"), this)),
      m_undo(new QPushButton(tr("&Undo Delete"), this)), m_keep(new QComboBox(this)),
      m_retention(new QTimer(this)), m_refreshSoon(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search target, address, name or tag"));
    m_search->setClearButtonEnabled(true);
    m_protocol->addItem(tr("Any protocol"));
    for (const char *name : {"TCP", "UDP", "ICMP"})
        m_protocol->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    m_period->addItem(tr("Any time"), 0);
    m_period->addItem(tr("Today"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);

    m_keep->addItem(tr("Keep forever"), 0);
    for (const int days : {365, 90, 30, 7})
        m_keep->addItem(tr("Keep %n days", nullptr, days), days);
    m_keep->setToolTip(tr("How long the history keeps what was saved; a session still being "
                          "kept as it runs, or interrupted, stays until it is saved whole."));
    if (const int index = m_keep->findData(loadHistoryKeepDays()); index >= 0)
        m_keep->setCurrentIndex(index);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setAlternatingRowColors(true);
    const auto addAction = [this](const QString &text, const QKeySequence &key,
                                  void (HistoryPanel::*slot)()) {
        auto *action = new QAction(text, m_table);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_table->addAction(action);
    };
    addAction(tr("Open"), QKeySequence(Qt::Key_Return), &HistoryPanel::openSelected);
    addAction(tr("Resume Monitoring"), QKeySequence(), &HistoryPanel::resumeSelected);
    addAction(tr("Compare Selected (More than Two: a Timeline)"), QKeySequence(),
              &HistoryPanel::compareSelected);
    addAction(tr("Rename\u2026"), QKeySequence(Qt::Key_F2), &HistoryPanel::renameSelected);
    addAction(tr("Tags\u2026"), QKeySequence(), &HistoryPanel::tagSelected);
    auto *exportAction = new QAction(tr("Export Report\u2026"), m_table);
    connect(exportAction, &QAction::triggered, this, [this] {
        if (const QList<qint64> ids = selectedIds(); ids.size() == 1)
            Q_EMIT exportRequested(ids.constFirst());
    });
    m_table->addAction(exportAction);
    addAction(tr("Delete"), QKeySequence::Delete, &HistoryPanel::deleteSelected);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_protocol);
    filters->addWidget(m_period);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addStretch(1);
    buttons->addWidget(m_undo);
    buttons->addWidget(m_keep);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    m_undo->setEnabled(false);

    // Typing refreshes once it pauses, not at every key.
    m_refreshSoon->setSingleShot(true);
    m_refreshSoon->setInterval(200);
    connect(m_refreshSoon, &QTimer::timeout, this, &HistoryPanel::refresh);
    connect(m_search, &QLineEdit::textChanged, m_refreshSoon, qOverload<>(&QTimer::start));
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &HistoryPanel::refresh);
    connect(m_period, &QComboBox::currentIndexChanged, this, &HistoryPanel::refresh);
    connect(m_open, &QPushButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
    connect(m_undo, &QPushButton::clicked, this, &HistoryPanel::undoDelete);
    // The retention applies when chosen, at start, and every six hours of a long session.
    const auto applyRetention = [this] {
        if (const int days = m_keep->currentData().toInt(); days > 0)
            m_service->forgetOlderThan(days);
    };
    connect(m_keep, &QComboBox::currentIndexChanged, this, [this, applyRetention] {
        saveHistoryKeepDays(m_keep->currentData().toInt());
        applyRetention();
    });
    m_retention->setInterval(6 * 3600 * 1000);
    connect(m_retention, &QTimer::timeout, this, applyRetention);
    m_retention->start();
    applyRetention();
    connect(m_table, &QTableView::doubleClicked, this, &HistoryPanel::openSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateActions);
    connect(m_service, &HistoryService::listed, this,
            [this](const std::vector<HistoryEntry> &entries) {
                // A refresh (after a rename, a new trace, a keystroke) keeps what was selected.
                const QList<qint64> selected = selectedIds();
                m_model->setEntries(entries);
                for (int row = 0; row < m_model->rowCount(); ++row)
                    if (selected.contains(m_model->entryAt(row)->id))
                        m_table->selectionModel()->select(m_model->index(row, 0),
                                                          QItemSelectionModel::Select |
                                                              QItemSelectionModel::Rows);
                m_table->resizeColumnsToContents();
                updateActions();
                if (std::exchange(m_listedOnce, true))
                    return;
                std::vector<HistoryEntry> interrupted;
                std::copy_if(entries.begin(), entries.end(), std::back_inserter(interrupted),
                             [](const HistoryEntry &entry) { return entry.interrupted; });
                if (!interrupted.empty())
                    Q_EMIT interruptedFound(interrupted);
            });
    connect(m_service, &HistoryService::changed, this, &HistoryPanel::refresh);
    connect(m_service, &HistoryService::forgotten, this, [this](int removed, int days) {
        Q_EMIT message(removed == 1
                           ? tr("History: 1 entry saved more than %1 days ago removed.").arg(days)
                           : tr("History: %1 entries saved more than %2 days ago removed.")
                                 .arg(removed)
                                 .arg(days));
        refresh();
    });
    updateActions();
    // Queued behind the store's opening on the history thread, which may well be done already.
    refresh();
}

HistoryQuery HistoryPanel::query() const
{
    HistoryQuery query;
    query.text = m_search->text().trimmed().toStdString();
    if (const QString protocol = m_protocol->currentData().toString(); !protocol.isEmpty())
        query.protocol = parseProtocol(protocol.toStdString());
    if (const int days = m_period->currentData().toInt(); days > 0) {
        const QDateTime from = QDateTime(QDate::currentDate().addDays(1 - days), QTime(0, 0));
        query.fromMs = from.toMSecsSinceEpoch();
    }
    return query;
}

void HistoryPanel::refresh()
{
    m_service->list(query());
}

QList<qint64> HistoryPanel::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows())
        if (const HistoryEntry *entry = m_model->entryAt(row.row()))
            ids << entry->id;
    return ids;
}

void HistoryPanel::updateActions()
{
    const auto count = selectedIds().size();
    m_open->setEnabled(count >= 1);
    m_compare->setEnabled(count >= 2);
    m_compare->setText(count > 2 ? tr("&Timeline") : tr("&Compare"));
}

void HistoryPanel::openSelected()
{
    for (const qint64 id : selectedIds())
        Q_EMIT openRequested(id);
}

void HistoryPanel::resumeSelected()
{
    bool any = false;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const HistoryEntry *entry = m_model->entryAt(row);
        if (!m_table->selectionModel()->isRowSelected(row) || !entry->interrupted)
            continue;
        any = true;
        Q_EMIT resumeRequested(entry->id);
    }
    if (!any)
        Q_EMIT message(tr("Select a monitoring session that was interrupted to resume it."));
}

void HistoryPanel::compareSelected()
{
    QList<qint64> ids = selectedIds();
    if (ids.size() < 2) {
        Q_EMIT message(tr("Select two entries to compare, or more for a timeline."));
        return;
    }
    // The older first, so that a comparison reads "then -> now".
    std::sort(ids.begin(), ids.end());
    Q_EMIT compareRequested(ids);
}

const HistoryEntry *HistoryPanel::selectedEntry() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.size() == 1 ? m_model->entryAt(rows.constFirst().row()) : nullptr;
}

void HistoryPanel::renameSelected()
{
    const HistoryEntry *entry = selectedEntry();
    if (!entry)
        return;
    const qint64 id = entry->id;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename"), tr("Name:"), QLineEdit::Normal,
                                               QString::fromStdString(entry->name), &ok);
    if (ok)
        m_service->rename(id, name.trimmed());
}

void HistoryPanel::tagSelected()
{
    const HistoryEntry *entry = selectedEntry();
    if (!entry)
        return;
    const qint64 id = entry->id;
    QStringList current;
    for (const std::string &tag : entry->tags)
        current << QString::fromStdString(tag);
    bool ok = false;
    const QString tags =
        QInputDialog::getText(this, tr("Tags"), tr("Tags, separated by commas:"), QLineEdit::Normal,
                              current.join(QStringLiteral(", ")), &ok);
    if (ok)
        m_service->setTags(id, tags.split(QLatin1Char(','), Qt::SkipEmptyParts));
}

void HistoryPanel::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1) {
        Q_EMIT message(tr("Select one entry to delete."));
        return;
    }
    m_service->remove(ids.constFirst());
    m_undo->setEnabled(true);
    Q_EMIT message(tr("Deleted from the history. Undo Delete puts it back."));
}

void HistoryPanel::undoDelete()
{
    m_service->undoRemove();
    m_undo->setEnabled(false);
}

} // namespace hopscope
