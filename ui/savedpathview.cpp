#include "ui/savedpathview.h"

#include "report/pathtexttable.h"
#include "ui/pathhopsmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace hopscope {

SavedPathView::SavedPathView(const NetworkPath &path, QWidget *parent)
    : QWidget(parent), m_model(new PathHopsModel(this)), m_summary(new QLabel(this)),
      m_table(new QTableView(this))
{
    m_model->setPath(path);
    m_summary->setText(QString::fromStdString(formatPathSummary(path)));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setContentsMargins(4, 4, 4, 4);

    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PathHopsModel::Hostname, QHeaderView::Stretch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
}

const NetworkPath &SavedPathView::path() const { return m_model->path(); }

QString SavedPathView::summaryText() const { return m_summary->text(); }

} // namespace hopscope
