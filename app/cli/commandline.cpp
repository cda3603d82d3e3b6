#include "commandline.h"

#include "clicommands.h"
#include "clioutput.h"

namespace hopscope::cli {

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QCommandLineOption &help,
                                    const std::string &command, const std::string &operandName,
                                    const QStringList &arguments, QString &operand)
{
    if (!parser.parse(QStringList{QStringLiteral("hopscope-cli ") + QString::fromStdString(command)} + arguments)) {
        printError(command + ": " + parser.errorText().toStdString());
        return ExitError;
    }
    if (parser.isSet(help)) {
        // Qt names only the program in the usage line; the command belongs there too.
        std::string text = parser.helpText().toStdString();
        const auto options = text.find(" [options]");
        if (text.rfind("Usage: ", 0) == 0 && options != std::string::npos)
            text.replace(0, options, "Usage: hopscope-cli " + command);
        printOut(text);
        return ExitOk;
    }
    const QStringList operands = parser.positionalArguments();
    if (operands.size() != 1) {
        printError(command + (operands.isEmpty() ? ": no " + operandName + " given" : ": takes exactly one " + operandName));
        return ExitError;
    }
    operand = operands.constFirst();
    return std::nullopt;
}

} // namespace hopscope::cli
