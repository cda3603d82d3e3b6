#include "ui/mainwindow.h"

#include "ui/pathfileloader.h"
#include "ui/savedpathview.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

namespace hopscope {

namespace {
constexpr int kStatusMessageMs = 8000;
const auto kLastDirectoryKey = QStringLiteral("files/lastDirectory");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_tabs(new QTabWidget(this)), m_emptyHint(new QLabel(this)),
      m_loader(new PathFileLoader(this))
{
    setWindowTitle(tr("Hopscope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hopscope.svg")));
    resize(1100, 700);

    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setMovable(true);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setText(tr("Open a saved NetworkPath JSON file with File \u2192 Open (%1).")
                             .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));

    auto *stack = new QStackedWidget(this);
    stack->addWidget(m_emptyHint);
    stack->addWidget(m_tabs);
    setCentralWidget(stack);

    createMenus();

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_loader, &PathFileLoader::loaded, this,
            [this](const QString &fileName, const NetworkPath &path) {
                auto *view = new SavedPathView(path, m_tabs);
                const int index = m_tabs->addTab(view, QFileInfo(fileName).fileName());
                m_tabs->setTabToolTip(index, fileName);
                m_tabs->setCurrentIndex(index);
                updateEmptyState();
                statusBar()->showMessage(tr("Opened %1").arg(fileName), kStatusMessageMs);
            });
    connect(m_loader, &PathFileLoader::failed, this,
            [this](const QString &, const QString &message) {
                statusBar()->showMessage(tr("Could not open %1").arg(message));
            });
    updateEmptyState();
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open\u2026"), this, &MainWindow::chooseFilesToOpen);
    open->setShortcut(QKeySequence::Open);
    QAction *close = fileMenu->addAction(tr("&Close Tab"), this,
                                         [this] { closeTab(m_tabs->currentIndex()); });
    close->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(QKeySequence::Close)});
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
}

void MainWindow::chooseFilesToOpen()
{
    QSettings settings;
    const QStringList fileNames = QFileDialog::getOpenFileNames(
        this, tr("Open NetworkPath"), settings.value(kLastDirectoryKey).toString(),
        tr("NetworkPath JSON (*.json);;All files (*)"));
    if (fileNames.isEmpty())
        return;
    settings.setValue(kLastDirectoryKey, QFileInfo(fileNames.constFirst()).absolutePath());
    openFiles(fileNames);
}

void MainWindow::openFiles(const QStringList &fileNames)
{
    for (const QString &fileName : fileNames)
        m_loader->load(fileName);
}

void MainWindow::closeTab(int index)
{
    if (index < 0)
        return;
    QWidget *page = m_tabs->widget(index);
    m_tabs->removeTab(index);
    page->deleteLater();
    updateEmptyState();
}

void MainWindow::updateEmptyState()
{
    auto *stack = static_cast<QStackedWidget *>(centralWidget());
    stack->setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget *>(m_tabs) : m_emptyHint);
}

} // namespace hopscope
