#pragma once

#include <QMainWindow>
#include <QStringList>

class QLabel;
class QTabWidget;

namespace hopscope {

class PathFileLoader;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Opens each file in a tab of its own; problems go to the status bar.
    void openFiles(const QStringList &fileNames);
    QTabWidget *tabs() const { return m_tabs; }

private:
    void createMenus();
    void chooseFilesToOpen();
    void closeTab(int index);
    void updateEmptyState();

    QTabWidget *m_tabs;
    QLabel *m_emptyHint;
    PathFileLoader *m_loader;
};

} // namespace hopscope
