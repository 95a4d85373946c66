// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
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
