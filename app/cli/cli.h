// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace verdict::cli {

// Exit codes of the command-line contract (DESIGN.md).
enum ExitCode : int { ExitOk = 0, ExitFound = 1, ExitUsage = 2 };

// Where a command writes. Tests pass string-backed streams.
struct Io
{
    QTextStream &out;
    QTextStream &err;
};

// Every subcommand: args excludes the program name and the subcommand word.
int runParse(const QStringList &args, Io &io);
int runImport(const QStringList &args, Io &io);
int runQueue(const QStringList &args, Io &io);
int runDecide(const QStringList &args, Io &io);
int runExport(const QStringList &args, Io &io);
int runCheck(const QStringList &args, Io &io);
int runVerify(const QStringList &args, Io &io);
int runSync(const QStringList &args, Io &io);

// Dispatches argv (without the program name) to a subcommand; handles --help/--version.
int run(const QStringList &args, Io &io);

// The text of `verdict-cli --help` and of each subcommand's --help (also the man page).
QString usage();

// Shared helpers for subcommands.
void addDbOption(QCommandLineParser &parser);
// Parses args (prepending a program name); on failure writes one line to io.err and
// returns false with *exitCode set. --help prints the parser's help and exits 0.
bool parseArgs(QCommandLineParser &parser, const QStringList &args, const QString &command,
               Io &io, int *exitCode);
// Who the audit log names for this command: $VERDICT_REVIEWER, else the login name.
QString actorName();
// Opens the store named by --db / $VERDICT_DB / the default; prints the error if it fails.
std::unique_ptr<Store> openStoreOrReport(const QCommandLineParser &parser, Io &io);

} // namespace verdict::cli
