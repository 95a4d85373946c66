// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

// Qt's own warnings may quote a file name or a server's message: printable too.
void printableMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray text = verdict::cli::printable(qFormatLogMessage(type, context, message))
                                .toLocal8Bit();
    std::fprintf(stderr, "%s\n", text.constData());
    std::fflush(stderr);
}

} // namespace

int main(int argc, char *argv[])
{
    qInstallMessageHandler(printableMessage);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("verdict"));
    QCoreApplication::setOrganizationName(QStringLiteral("verdict"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VERDICT_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    verdict::cli::Io io{out, err};
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const int code = verdict::cli::run(args, io);
    out.flush();
    err.flush();
    return code;
}
