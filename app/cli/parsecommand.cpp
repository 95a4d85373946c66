// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "report/reportparser.h"

namespace verdict::cli {

namespace {

// JSON text written by hand to keep DESIGN.md's key order (QJsonObject sorts keys).
// Everything outside ASCII is \u-escaped, so the output is the same whatever encoding
// the stream or the locale uses.
QString jsonString(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out += QLatin1String("\\\""); break;
        case u'\\': out += QLatin1String("\\\\"); break;
        case u'\n': out += QLatin1String("\\n"); break;
        case u'\r': out += QLatin1String("\\r"); break;
        case u'\t': out += QLatin1String("\\t"); break;
        case u'\b': out += QLatin1String("\\b"); break;
        case u'\f': out += QLatin1String("\\f"); break;
        default:
            if (u < 0x20 || u > 0x7e)
                out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString jsonOptional(const std::optional<QString> &s)
{
    return s ? jsonString(*s) : QStringLiteral("null");
}

QString jsonStrings(const QStringList &list)
{
    QString out = QStringLiteral("[");
    for (int i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += jsonString(list.at(i));
    }
    return out + QLatin1Char(']');
}

QString proposalJson(const Proposal &p)
{
    QString out = QStringLiteral("{\"source_line\":") + QString::number(p.sourceLine)
        + QStringLiteral(",\"id\":")
        + (p.id.isEmpty() ? QStringLiteral("null") : jsonString(p.id))
        + QStringLiteral(",\"timestamp\":") + jsonOptional(p.timestamp)
        + QStringLiteral(",\"severity\":")
        + (p.severity ? QString::number(*p.severity) : QStringLiteral("null"))
        + QStringLiteral(",\"block_execution\":")
        + (p.blockExecution ? (*p.blockExecution ? QStringLiteral("true")
                                                 : QStringLiteral("false"))
                            : QStringLiteral("null"))
        + QStringLiteral(",\"kind\":") + jsonOptional(p.kind)
        + QStringLiteral(",\"opportunity\":") + jsonOptional(p.opportunity)
        + QStringLiteral(",\"artifacts\":[");
    for (size_t i = 0; i < p.artifacts.size(); ++i) {
        const Artifact &a = p.artifacts[i];
        if (i > 0)
            out += QLatin1Char(',');
        out += QStringLiteral("{\"path\":") + jsonString(a.path)
            + QStringLiteral(",\"declared_language\":") + jsonString(a.declaredLanguage)
            + QStringLiteral(",\"language\":") + jsonString(a.language)
            + QStringLiteral(",\"first_line\":") + QString::number(a.firstLine)
            + QStringLiteral(",\"last_line\":") + QString::number(a.lastLine)
            + QStringLiteral(",\"sha256\":") + jsonString(a.sha256) + QLatin1Char('}');
    }
    out += QStringLiteral("],\"risks\":") + jsonStrings(p.risks)
        + QStringLiteral(",\"mitigations\":") + jsonStrings(p.mitigations)
        + QStringLiteral(",\"problems\":[");
    for (size_t i = 0; i < p.problems.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += QStringLiteral("{\"line\":") + QString::number(p.problems[i].line)
            + QStringLiteral(",\"message\":") + jsonString(p.problems[i].message)
            + QLatin1Char('}');
    }
    out += QStringLiteral("],\"sha256\":") + jsonString(p.sha256) + QLatin1Char('}');
    return out;
}

// A duplicate id is an error (the store would make one report a revision of the other);
// the parser's other problems are warnings: the report is kept as it is.
bool hasErrors(const ParsedFile &f)
{
    for (const Proposal &p : f.proposals) {
        for (const Problem &problem : p.problems) {
            if (ReportParser::isDuplicateId(problem))
                return true;
        }
    }
    return false;
}

void writeText(const ParsedFile &f, Io &io)
{
    for (const Proposal &p : f.proposals) {
        const qsizetype n = qsizetype(p.artifacts.size());
        io.out << f.path << ':' << p.sourceLine << ": "
               << (p.id.isEmpty() ? QStringLiteral("(no id)") : p.id) << ' '
               << (p.kind ? *p.kind : QStringLiteral("(no kind)")) << " severity "
               << (p.severity ? QString::number(*p.severity) : QStringLiteral("?")) << ", "
               << n << (n == 1 ? " artifact" : " artifacts") << '\n';
        for (const Problem &problem : p.problems) {
            io.out << f.path << ':' << problem.line
                   << (ReportParser::isDuplicateId(problem) ? ": error: " : ": warning: ")
                   << problem.message << '\n';
        }
    }
}

} // namespace

int runParse(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print the proposals found in FSAR report files and folders."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print JSON (DESIGN.md) instead of text."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Report files or folders (recursive)."),
                                 QStringLiteral("PATH..."));
    int code = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("parse"), io, &code))
        return code;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        io.err << "verdict-cli parse: no PATH given; usage: verdict-cli parse [--json] "
                  "PATH...\n";
        return ExitUsage;
    }
    QStringList missing;
    const QStringList files = ReportParser::collectFiles(paths, &missing);
    if (!missing.isEmpty()) {
        for (const QString &m : missing)
            io.err << "verdict-cli parse: " << m << ": no such file or directory\n";
        return ExitUsage;
    }

    const bool asJson = parser.isSet(json);
    bool anyError = false;
    if (asJson)
        io.out << "{\"files\":[";
    for (int i = 0; i < files.size(); ++i) {
        const ParsedFile f = ReportParser::parseFile(files.at(i));
        if (!f.error.isEmpty()) {
            anyError = true;
            io.err << "verdict-cli parse: " << f.path << ": " << f.error << '\n';
        }
        anyError = anyError || hasErrors(f);
        if (asJson) {
            if (i > 0)
                io.out << ',';
            io.out << "{\"path\":" << jsonString(f.path) << ",\"error\":"
                   << (f.error.isEmpty() ? QStringLiteral("null") : jsonString(f.error))
                   << ",\"proposals\":[";
            for (size_t k = 0; k < f.proposals.size(); ++k) {
                if (k > 0)
                    io.out << ',';
                io.out << proposalJson(f.proposals[k]);
            }
            io.out << "]}";
        } else {
            writeText(f, io);
        }
    }
    if (asJson)
        io.out << "]}\n";
    return anyError ? ExitFound : ExitOk;
}

} // namespace verdict::cli
