// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <type_traits>

namespace verdict::cli {

// Exit codes of the command-line contract (DESIGN.md).
enum ExitCode : int { ExitOk = 0, ExitFound = 1, ExitUsage = 2 };

// Report text is untrusted, and so are file names and arguments: a control character (C0,
// DEL, C1) or a bidirectional override printed as it is can retitle or clear the terminal,
// or make a line read differently from what it holds. Each becomes '?', as ls shows them;
// tab, CR and LF too, so one finding stays one line. Lengths are kept (columns still align).
bool isUnsafeForTerminal(char16_t c);
QString printable(QString text);

// JSON text for a terminal: Qt's writer escapes C0 controls only; this escapes DEL, C1
// controls and bidi characters as well (\u202e), so the parsed values are unchanged.
QString jsonText(const QJsonObject &root);

// Text the program wrote itself, with its own line breaks (help), passed as it is.
struct Verbatim
{
    QString text;
};

// Where a command writes: every QString goes through printable(); string literals, numbers
// and characters are the program's own and pass as they are. So nothing a report, a file
// name or an argument holds reaches the terminal raw, whichever line prints it.
class Output final
{
public:
    explicit Output(QTextStream &stream) : m_stream(stream) {}

    Output &operator<<(const QString &text)
    {
        m_stream << printable(text);
        return *this;
    }
    Output &operator<<(QLatin1String text) { return *this << QString(text); }
    Output &operator<<(const Verbatim &v)
    {
        m_stream << v.text;
        return *this;
    }
    Output &operator<<(const char *literal)
    {
        m_stream << literal;
        return *this;
    }
    template <typename Number, typename = std::enable_if_t<std::is_arithmetic_v<Number>>>
    Output &operator<<(Number n)
    {
        m_stream << n;
        return *this;
    }

    void flush() { m_stream.flush(); }
    // The raw device, for data formats written byte for byte (export's CSV and JSONL).
    QIODevice *device() const { return m_stream.device(); }

private:
    QTextStream &m_stream;
};

// Where a command writes. Tests pass string-backed streams.
struct Io
{
    Io(QTextStream &outStream, QTextStream &errStream) : out(outStream), err(errStream) {}

    Output out;
    Output err;
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
