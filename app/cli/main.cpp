#include "clicommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    return hopscope::cli::run(QCoreApplication::arguments().mid(1));
}
