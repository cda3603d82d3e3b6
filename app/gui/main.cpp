#include "ui/mainwindow.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Hopscope"));
    QApplication::setApplicationName(QStringLiteral("Hopscope"));
    QApplication::setApplicationVersion(QString::fromLatin1(hopscope::kVersion));
    // Ties the windows to the installed desktop file (its icon and name in docks and task bars).
    QApplication::setDesktopFileName(QString::fromLatin1(hopscope::kAppId));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "See the network path to a destination."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QApplication::translate("main", "NetworkPath JSON files to open."),
                                 QStringLiteral("[FILE...]"));
    parser.process(app);

    hopscope::MainWindow window;
    window.show();
    window.openFiles(parser.positionalArguments());
    return QApplication::exec();
}
