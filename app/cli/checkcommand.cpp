// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "diagnostics/diagnosticsengine.h"
#include "diagnostics/rules.h"
#include "report/reportparser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace verdict::cli {

namespace {

// SARIF 2.1.0's level for a severity.
QString sarifLevel(DiagnosticSeverity s)
{
    switch (s) {
    case DiagnosticSeverity::Error:
        return QStringLiteral("error");
    case DiagnosticSeverity::Warning:
        return QStringLiteral("warning");
    case DiagnosticSeverity::Info:
        break;
    }
    return QStringLiteral("note");
}

// A report path as a URI reference: relative paths stay relative (a pipeline's checkout
// root is where a code-scanning service resolves them), absolute ones become file: URIs.
QString fileUri(const QString &path)
{
    if (QDir::isAbsolutePath(path))
        return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded);
    QString relative = QDir::fromNativeSeparators(path);
    // "a:b.txt" would read as a URI with the scheme "a".
    if (relative.section(QLatin1Char('/'), 0, 0).contains(QLatin1Char(':')))
        relative.prepend(QStringLiteral("./"));
    QUrl url;
    url.setPath(relative, QUrl::DecodedMode);
    return url.toString(QUrl::FullyEncoded);
}

QJsonObject sarifRule(const RuleInfo &r)
{
    return QJsonObject{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("name"), r.name},
        {QStringLiteral("shortDescription"), QJsonObject{{QStringLiteral("text"), r.description}}},
        {QStringLiteral("defaultConfiguration"),
         QJsonObject{{QStringLiteral("level"), sarifLevel(r.level)}}},
    };
}

// One SARIF 2.1.0 log with one run: every rule Verdict knows (and every ShellCheck code that
// was found), one result per diagnostic, located in the report file, and the files that
// were no report as tool notifications.
QJsonObject sarifLog(const std::vector<Diagnostic> &diagnostics, const QStringList &fileErrors)
{
    QJsonArray rules;
    QHash<QString, int> ruleIndex;
    auto addRule = [&](const RuleInfo &r) {
        ruleIndex.insert(r.id, int(rules.size()));
        rules.append(sarifRule(r));
    };
    for (const RuleInfo &r : Rules::known())
        addRule(r);
    QJsonArray results;
    for (const Diagnostic &d : diagnostics) {
        if (!ruleIndex.contains(d.rule)) {
            RuleInfo r = Rules::describe(d.rule);
            r.level = d.severity; // a ShellCheck code's level is fixed for the code
            addRule(r);
        }
        QJsonObject properties{{QStringLiteral("proposalId"), d.proposalId}};
        if (!d.artifact.isEmpty())
            properties.insert(QStringLiteral("artifact"), d.artifact);
        results.append(QJsonObject{
            {QStringLiteral("ruleId"), d.rule},
            {QStringLiteral("ruleIndex"), ruleIndex.value(d.rule)},
            {QStringLiteral("level"), sarifLevel(d.severity)},
            {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), d.message}}},
            {QStringLiteral("locations"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("physicalLocation"),
                  QJsonObject{
                      {QStringLiteral("artifactLocation"),
                       QJsonObject{{QStringLiteral("uri"), fileUri(d.file)}}},
                      {QStringLiteral("region"),
                       QJsonObject{{QStringLiteral("startLine"), std::max(1, d.line)},
                                   {QStringLiteral("startColumn"), std::max(1, d.column)}}},
                  }}}}},
            {QStringLiteral("properties"), properties},
        });
    }
    QJsonArray notifications;
    for (const QString &e : fileErrors) {
        notifications.append(QJsonObject{
            {QStringLiteral("level"), QStringLiteral("error")},
            {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), e}}},
        });
    }
    const QString version = QCoreApplication::applicationVersion();
    QJsonObject driver{
        {QStringLiteral("name"), QStringLiteral("Verdict")},
        {QStringLiteral("fullName"), QStringLiteral("verdict-cli check")},
        {QStringLiteral("rules"), rules},
    };
    if (!version.isEmpty())
        driver.insert(QStringLiteral("version"), version);
    QJsonObject invocation{{QStringLiteral("executionSuccessful"), true}};
    if (!notifications.isEmpty())
        invocation.insert(QStringLiteral("toolExecutionNotifications"), notifications);
    return QJsonObject{
        {QStringLiteral("$schema"),
         QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
        {QStringLiteral("version"), QStringLiteral("2.1.0")},
        {QStringLiteral("runs"),
         QJsonArray{QJsonObject{
             {QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), driver}}},
             {QStringLiteral("invocations"), QJsonArray{invocation}},
             // Diagnostics count columns in UTF-16 units, as editors do.
             {QStringLiteral("columnKind"), QStringLiteral("utf16CodeUnits")},
             {QStringLiteral("results"), results},
         }}},
    };
}

// The team's disabled rules from --db URL or $VERDICT_DB, when one is given; `check` only
// reads it (no cache written, no database created). Empty when none is given.
bool teamDisabledRules(const QCommandLineParser &parser, Io &io, QString *rules)
{
    QString url = parser.value(QStringLiteral("db"));
    if (url.isEmpty())
        url = qEnvironmentVariable("VERDICT_DB");
    if (url.isEmpty())
        return true;
    const QString file = sqlitePathOf(url);
    if (!isServerUrl(url) && !QFileInfo::exists(file)) {
        io.err << "verdict-cli check: no database at " << redactStoreUrl(url)
               << " (--db or $VERDICT_DB): its disabled_rules cannot be read\n";
        return false;
    }
    auto store = openStore(url);
    if (!store) {
        io.err << "verdict-cli check: cannot open database: "
               << redactStoreUrl(store.errorMessage(), url) << '\n';
        return false;
    }
    const auto value = (*store)->setting(DisabledRules::kSettingKey);
    if (!value) {
        io.err << "verdict-cli check: cannot read disabled_rules: "
               << redactStoreUrl(value.errorMessage(), url) << '\n';
        return false;
    }
    *rules = *value;
    return true;
}

} // namespace

// check [--format text|json|sarif] [--disable RULE]... [--db URL] PATH...: every rule over
// every proposal found; cross-proposal rules see all of them. Exit 1 when any error
// diagnostic (of the rules not disabled) or any file that is not a readable report.
int runCheck(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Diagnose the proposals in report files (files or folders). Text output is one\n"
        "GCC-style line per finding: FILE:LINE:COL: error|warning|info: MESSAGE [rule].\n"
        "--format sarif writes one SARIF 2.1.0 log (rule metadata, each result located in\n"
        "its report file with startLine/startColumn, UTF-16 columns) for code-scanning\n"
        "services and pipeline gates.\n"
        "Rules can be turned off: with --disable, and with the team setting disabled_rules\n"
        "of the database named by --db or $VERDICT_DB (read only; without either, no\n"
        "database is used). A list holds rule ids (shellcheck/SC2086), families (pyflakes,\n"
        "shellcheck: every rule under them) or prefixes ending in * (shellcheck/SC20*),\n"
        "separated by commas. Disabled rules are neither printed nor counted for the exit\n"
        "status."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print JSON (the same as --format json)."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output format: text (default), json or "
                                                   "sarif."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption disable(
        QStringLiteral("disable"),
        QStringLiteral("Do not report RULES (comma-separated; repeatable)."),
        QStringLiteral("RULES"));
    parser.addOption(json);
    parser.addOption(format);
    parser.addOption(disable);
    addDbOption(parser);
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Report files or folders."),
                                 QStringLiteral("PATH..."));
    int exitCode = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("check"), io, &exitCode))
        return exitCode;
    QString outputFormat = parser.value(format);
    if (parser.isSet(json)) {
        if (parser.isSet(format) && outputFormat != QLatin1String("json")) {
            io.err << "verdict-cli check: --json and --format " << outputFormat
                   << " disagree\n";
            return ExitUsage;
        }
        outputFormat = QStringLiteral("json");
    }
    if (outputFormat != QLatin1String("text") && outputFormat != QLatin1String("json")
        && outputFormat != QLatin1String("sarif")) {
        io.err << "verdict-cli check: unknown --format " << outputFormat
               << " (text, json or sarif)\n";
        return ExitUsage;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        io.err << "verdict-cli check: no PATH given; run 'verdict-cli check --help'\n";
        return ExitUsage;
    }
    QString disabled = parser.values(disable).join(QLatin1Char(','));
    QString team;
    if (!teamDisabledRules(parser, io, &team))
        return ExitUsage;
    if (!team.isEmpty())
        disabled += QLatin1Char(',') + team;

    QStringList missing;
    const QStringList files = ReportParser::collectFiles(paths, &missing);
    bool failed = false;
    QStringList fileErrors;
    for (const QString &m : missing) {
        io.err << "verdict-cli check: " << m << ": no such file or folder\n";
        fileErrors << m + QStringLiteral(": no such file or folder");
        failed = true;
    }
    std::vector<Proposal> proposals;
    for (const QString &file : files) {
        ParsedFile parsed = ReportParser::parseFile(file);
        if (!parsed.error.isEmpty()) {
            io.err << file << ": " << parsed.error << '\n';
            fileErrors << file + QStringLiteral(": ") + parsed.error;
            failed = true;
            continue;
        }
        for (Proposal &p : parsed.proposals)
            proposals.push_back(std::move(p));
    }

    const std::vector<Diagnostic> diagnostics =
        DiagnosticsEngine::diagnoseAll(proposals, {}, {}, disabled);
    if (outputFormat == QLatin1String("sarif")) {
        io.out << jsonText(sarifLog(diagnostics, fileErrors)) << '\n';
    } else if (outputFormat == QLatin1String("json")) {
        QJsonArray list;
        for (const Diagnostic &d : diagnostics) {
            list.append(QJsonObject{
                {QStringLiteral("file"), d.file},
                {QStringLiteral("proposal_id"), d.proposalId},
                {QStringLiteral("artifact"),
                 d.artifact.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.artifact)},
                {QStringLiteral("line"), d.line},
                {QStringLiteral("column"), d.column},
                {QStringLiteral("severity"), severityId(d.severity)},
                {QStringLiteral("rule"), d.rule},
                {QStringLiteral("message"), d.message},
            });
        }
        io.out << jsonText(QJsonObject{{QStringLiteral("diagnostics"), list}}) << '\n';
    } else {
        for (const Diagnostic &d : diagnostics) {
            // One finding per line, whatever a parser's message holds (io.out makes every
            // other control character a '?').
            QString message = d.message;
            message.replace(QLatin1Char('\n'), QLatin1Char(' '))
                .replace(QLatin1Char('\r'), QLatin1Char(' '))
                .replace(QLatin1Char('\t'), QLatin1Char(' '));
            io.out << d.file << ':' << d.line << ':' << d.column << ": " << severityId(d.severity)
                   << ": " << message << " [" << d.rule << "]\n";
        }
    }
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == DiagnosticSeverity::Error)
            failed = true;
    }
    return failed ? ExitFound : ExitOk;
}

} // namespace verdict::cli
