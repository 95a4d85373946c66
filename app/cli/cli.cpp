// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <functional>

namespace verdict::cli {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &, Io &);
};

const Command kCommands[] = {
    {"parse", "parse --json PATH...   print the proposals found in report files", runParse},
    {"import", "import [--diagnose] PATH...   store the proposals of report files", runImport},
    {"queue", "queue [--json] [--filter EXPR]   list proposals and their status", runQueue},
    {"decide", "decide --reviewer NAME [--reason TEXT] ID approve|reject|changes", runDecide},
    {"export", "export --format csv|jsonl [-o FILE] [--since ISO]   export the audit log",
     runExport},
    {"check", "check [--format text|json|sarif] [--disable RULES] PATH...   diagnose proposals",
     runCheck},
    {"verify", "verify FILE [--head HASH]   verify an exported audit log's hash chain",
     runVerify},
    {"sync", "sync --server URL   push local decisions, pull teammates'", runSync},
};

} // namespace

bool isUnsafeForTerminal(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f)  // C0, DEL, C1
           || (c >= 0x202a && c <= 0x202e)      // bidi embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069)      // bidi isolates
           || c == 0x200e || c == 0x200f || c == 0x061c // bidi marks
           || c == 0x2028 || c == 0x2029;       // line and paragraph separators
}

QString printable(QString text)
{
    // Read first: nearly all text is clean, and writing would copy every string printed.
    const QChar *read = text.constData();
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isUnsafeForTerminal(read[i].unicode()))
            continue;
        QChar *write = text.data();
        for (qsizetype k = i; k < text.size(); ++k) {
            if (isUnsafeForTerminal(write[k].unicode()))
                write[k] = QLatin1Char('?');
        }
        break;
    }
    return text;
}

QString jsonText(const QJsonObject &root)
{
    const QString json = QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact));
    QString out;
    out.reserve(json.size());
    for (const QChar c : json) {
        // Outside strings JSON holds only ASCII punctuation, digits, letters and spaces.
        if (isUnsafeForTerminal(c.unicode()))
            out += QStringLiteral("\\u%1").arg(uint(c.unicode()), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString usage()
{
    QString text = QStringLiteral(
        "Usage: verdict-cli COMMAND [OPTIONS] [ARGS]\n\n"
        "Review AI-generated FSAR proposal reports from the command line.\n\n"
        "Commands:\n");
    for (const Command &c : kCommands)
        text += QStringLiteral("  ") + QString::fromLatin1(c.summary) + QLatin1Char('\n');
    text += QStringLiteral(
        "\nCommon options:\n"
        "  --db URL     database: a path or sqlite:PATH (SQLite), postgresql://... or a\n"
        "               libpq key=value string (PostgreSQL). Default: $VERDICT_DB, else the\n"
        "               per-user data directory's verdict.sqlite.\n"
        "  -h, --help   help for verdict-cli or a command (verdict-cli COMMAND --help)\n"
        "  --version    print the version\n\n"
        "Exit status: 0 ok; 1 the command ran and found errors (bad files, error\n"
        "diagnostics, verification failure); 2 usage or I/O failure.\n");
    return text;
}

int run(const QStringList &args, Io &io)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help")
        || args.first() == QLatin1String("-h") || args.first() == QLatin1String("help")) {
        (args.isEmpty() ? io.err : io.out) << Verbatim{usage()};
        return args.isEmpty() ? ExitUsage : ExitOk;
    }
    if (args.first() == QLatin1String("--version")) {
        io.out << "verdict-cli " << QCoreApplication::applicationVersion() << '\n'
               << "Qt " << qVersion() << ", " << storeLibraryVersions() << '\n';
        return ExitOk;
    }
    const QString name = args.first();
    for (const Command &c : kCommands) {
        if (name == QLatin1String(c.name))
            return c.run(args.mid(1), io);
    }
    io.err << "verdict-cli: unknown command '" << name
           << "'; run 'verdict-cli --help' for the list\n";
    return ExitUsage;
}

void addDbOption(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(
        QStringLiteral("db"),
        QStringLiteral("Database URL: path, sqlite:PATH, postgresql://... or key=value."),
        QStringLiteral("URL")));
}

bool parseArgs(QCommandLineParser &parser, const QStringList &args, const QString &command,
               Io &io, int *exitCode)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList argv = args;
    argv.prepend(QStringLiteral("verdict-cli ") + command);
    if (!parser.parse(argv)) {
        io.err << "verdict-cli " << command << ": " << parser.errorText() << '\n';
        *exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(help)) {
        io.out << Verbatim{parser.helpText()};
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

QString actorName()
{
    return systemUserName();
}

std::unique_ptr<Store> openStoreOrReport(const QCommandLineParser &parser, Io &io)
{
    const QString url = defaultStoreUrl(parser.isSet(QStringLiteral("db"))
                                            ? parser.value(QStringLiteral("db"))
                                            : QString());
    auto store = openStore(url);
    if (!store) {
        io.err << "verdict-cli: cannot open database: "
               << redactStoreUrl(store.errorMessage(), url) << '\n';
        return nullptr;
    }
    return std::move(store).value();
}

} // namespace verdict::cli
