#pragma once

#include "path/networkpath.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace hopscope {

class PathHopsModel;

// One saved NetworkPath: a summary line above its hop table.
class SavedPathView : public QWidget
{
    Q_OBJECT

public:
    explicit SavedPathView(const NetworkPath &path, QWidget *parent = nullptr);

    const NetworkPath &path() const;
    QTableView *table() const { return m_table; }
    QString summaryText() const;

private:
    PathHopsModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
};

} // namespace hopscope
