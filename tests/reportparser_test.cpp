// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportparser.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class ReportParserTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void files_data();
    void files();
    void proposals_data();
    void proposals();
    void artifacts_data();
    void artifacts();
    void risksAndMitigations_data();
    void risksAndMitigations();
    void contentIsTheExactLines_data();
    void contentIsTheExactLines();
    void sameReportSameIdentity_data();
    void sameReportSameIdentity();
    void body();
    void bodyBytesAreTheBody_data();
    void bodyBytesAreTheBody();
    void oddInputNeverBreaks_data();
    void oddInputNeverBreaks();
    void collectFiles();
    void unreadableFile();
};

namespace {

QString report(const QString &name)
{
    if (name.startsWith(QLatin1String("sample:"))) {
        const QDir dir(QStringLiteral(VERDICT_SAMPLES));
        const QStringList match =
            dir.entryList({name.mid(7) + QLatin1String("_*.txt")}, QDir::Files);
        return match.isEmpty() ? QString() : dir.filePath(match.first());
    }
    return QStringLiteral(VERDICT_TEST_DATA "/reports/") + name;
}

ParsedFile parsed(const QString &name)
{
    return ReportParser::parseFile(report(name));
}

QString optional(const std::optional<QString> &s)
{
    return s ? *s : QStringLiteral("null");
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QStringList fileLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(f.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return text.split(QLatin1Char('\n'));
}

} // namespace

// Which files are reports and how many reports each holds; the rest is an error for that
// file alone, with a reason a person can act on.
void ReportParserTest::files_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("proposals");
    QTest::newRow("sample 000") << QStringLiteral("sample:000") << QString() << 1;
    QTest::newRow("sample 003") << QStringLiteral("sample:003") << QString() << 1;
    QTest::newRow("sample 004") << QStringLiteral("sample:004") << QString() << 1;
    QTest::newRow("multi-report") << QStringLiteral("multi.txt") << QString() << 3;
    QTest::newRow("fenced") << QStringLiteral("fenced_python.txt") << QString() << 1;
    QTest::newRow("several files") << QStringLiteral("several_files.txt") << QString() << 1;
    QTest::newRow("crlf") << QStringLiteral("crlf.txt") << QString() << 1;
    QTest::newRow("bom") << QStringLiteral("bom.txt") << QString() << 1;
    QTest::newRow("no final newline")
        << QStringLiteral("no_final_newline.txt") << QString() << 1;
    QTest::newRow("missing fields") << QStringLiteral("missing_fields.txt") << QString() << 1;
    QTest::newRow("malformed fields")
        << QStringLiteral("malformed_fields.txt") << QString() << 2;
    QTest::newRow("unterminated fence")
        << QStringLiteral("unterminated_fence.txt") << QString() << 1;
    QTest::newRow("no content") << QStringLiteral("no_content.txt") << QString() << 1;
    QTest::newRow("weird spacing") << QStringLiteral("weird_spacing.txt") << QString() << 1;
    QTest::newRow("empty") << QStringLiteral("empty.txt") << QStringLiteral("empty file") << 0;
    QTest::newRow("binary") << QStringLiteral("binary.bin")
                            << QStringLiteral("binary file (NUL byte at offset 7)") << 0;
    QTest::newRow("not utf-8")
        << QStringLiteral("latin_noise.dat")
        << QStringLiteral("binary file (not UTF-8 text: 346 invalid byte sequences)") << 0;
    QTest::newRow("prose only") << QStringLiteral("prose_only.txt")
                                << QStringLiteral("no '# FSAR Proposal Report' header found")
                                << 0;
    QTest::newRow("a source file") << QStringLiteral("languages/worker.py")
                                   << QStringLiteral("no '# FSAR Proposal Report' header found")
                                   << 0;
}

void ReportParserTest::files()
{
    QFETCH(QString, file);
    QFETCH(QString, error);
    QFETCH(int, proposals);
    const ParsedFile f = parsed(file);
    QCOMPARE(f.path, report(file));
    QCOMPARE(f.error, error);
    QCOMPARE(int(f.proposals.size()), proposals);
    for (const Proposal &p : f.proposals)
        QCOMPARE(p.sourceFile, report(file));
}

// Header fields, extent and problems of each report. severity -1 = null; problems are
// "LINE:start of message" joined with '|'.
void ReportParserTest::proposals_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("sourceLine");
    QTest::addColumn<int>("endLine");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("timestamp");
    QTest::addColumn<int>("severity");
    QTest::addColumn<QString>("blockExecution");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("opportunity");
    QTest::addColumn<int>("artifacts");
    QTest::addColumn<QString>("problems");

    QTest::newRow("sample 000")
        << QStringLiteral("sample:000") << 0 << 1 << 44
        << QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9")
        << QStringLiteral("2026-01-02T19:12:25.611Z") << 6 << QStringLiteral("false")
        << QStringLiteral("idea_implementation")
        << QStringLiteral("Make.com Scenario Generation") << 1 << QString();
    QTest::newRow("sample 003")
        << QStringLiteral("sample:003") << 0 << 1 << 38
        << QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130")
        << QStringLiteral("2026-01-01T22:57:44.337Z") << 6 << QStringLiteral("false")
        << QStringLiteral("idea_implementation")
        << QStringLiteral("LifeOS Overlay Game Development") << 1 << QString();
    QTest::newRow("sample 004")
        << QStringLiteral("sample:004") << 0 << 1 << 54
        << QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972")
        << QStringLiteral("2026-01-01T22:48:09.592Z") << 6 << QStringLiteral("false")
        << QStringLiteral("self_improvement") << QStringLiteral("null") << 0 << QString();
    QTest::newRow("multi #1")
        << QStringLiteral("multi.txt") << 0 << 1 << 24
        << QStringLiteral("fsar_11111111-1111-4111-8111-111111111111")
        << QStringLiteral("2026-01-03T08:00:00.000Z") << 4 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("Event Log") << 1
        << QString();
    QTest::newRow("multi #2")
        << QStringLiteral("multi.txt") << 1 << 25 << 41
        << QStringLiteral("fsar_22222222-2222-4222-8222-222222222222")
        << QStringLiteral("2026-01-03T09:30:00Z") << 2 << QStringLiteral("true")
        << QStringLiteral("self_improvement") << QStringLiteral("null") << 0 << QString();
    QTest::newRow("multi #3 duplicate id")
        << QStringLiteral("multi.txt") << 2 << 42 << 62
        << QStringLiteral("fsar_11111111-1111-4111-8111-111111111111")
        << QStringLiteral("2026-01-03T10:00:00.000Z") << 7 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("Housekeeping") << 1
        << QStringLiteral("42:duplicate id 'fsar_11111111-1111-4111-8111-111111111111' "
                          "(also the report at line 1)");
    QTest::newRow("fenced")
        << QStringLiteral("fenced_python.txt") << 0 << 1 << 30
        << QStringLiteral("fsar_33333333-3333-4333-8333-333333333333")
        << QStringLiteral("2026-01-04T12:00:00.000Z") << 5 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("Resilient Jobs") << 1
        << QString();
    QTest::newRow("crlf")
        << QStringLiteral("crlf.txt") << 0 << 1 << 30
        << QStringLiteral("fsar_33333333-3333-4333-8333-333333333333")
        << QStringLiteral("2026-01-04T12:00:00.000Z") << 5 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("Resilient Jobs") << 1
        << QString();
    QTest::newRow("bom")
        << QStringLiteral("bom.txt") << 0 << 1 << 23
        << QStringLiteral("fsar_11111111-1111-4111-8111-111111111111")
        << QStringLiteral("2026-01-03T08:00:00.000Z") << 4 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("Event Log") << 1
        << QString();
    QTest::newRow("several files")
        << QStringLiteral("several_files.txt") << 0 << 1 << 37
        << QStringLiteral("fsar_44444444-4444-4444-8444-444444444444")
        << QStringLiteral("2026-01-05T07:15:00.250Z") << 6 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("One-Command Startup") << 3
        << QString();
    QTest::newRow("no final newline")
        << QStringLiteral("no_final_newline.txt") << 0 << 1 << 20
        << QStringLiteral("fsar_88888888-8888-4888-8888-888888888888")
        << QStringLiteral("2026-01-07T00:00:00.000Z") << 1 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("Documentation") << 1
        << QString();
    QTest::newRow("missing fields")
        << QStringLiteral("missing_fields.txt") << 0 << 1 << 11 << QString()
        << QStringLiteral("null") << -1 << QStringLiteral("false")
        << QStringLiteral("self_improvement") << QStringLiteral("null") << 0
        << QStringLiteral("1:missing field 'id'|1:missing field 'timestamp'"
                          "|1:missing field 'severity'");
    QTest::newRow("malformed fields")
        << QStringLiteral("malformed_fields.txt") << 0 << 1 << 15
        << QStringLiteral("fsar_66666666-6666-4666-8666-666666666666")
        << QStringLiteral("null") << -1 << QStringLiteral("null")
        << QStringLiteral("self_improvement") << QStringLiteral("null") << 0
        << QStringLiteral("3:malformed timestamp 'yesterday evening'"
                          "|4:malformed severity 'high'|5:malformed block_execution 'maybe'");
    QTest::newRow("malformed: out of range, duplicate field, no kind")
        << QStringLiteral("malformed_fields.txt") << 1 << 16 << 27
        << QStringLiteral("fsar_77777777-7777-4777-8777-777777777777")
        << QStringLiteral("null") << -1 << QStringLiteral("false") << QStringLiteral("null")
        << QStringLiteral("null") << 0
        << QStringLiteral("18:malformed timestamp '2026-13-02T10:00:00Z'"
                          "|19:malformed severity '11'"
                          "|21:duplicate field 'severity'"
                          "|24:the proposal does not start with its kind");
    QTest::newRow("unterminated fence")
        << QStringLiteral("unterminated_fence.txt") << 0 << 1 << 23
        << QStringLiteral("fsar_55555555-5555-4555-8555-555555555555")
        << QStringLiteral("2026-01-06T18:45:10.000Z") << 3 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("Price Display") << 1
        << QStringLiteral("10:unterminated code fence");
    QTest::newRow("no content")
        << QStringLiteral("no_content.txt") << 0 << 1 << 16
        << QStringLiteral("fsar_88888888-8888-4888-8888-888888888888")
        << QStringLiteral("2026-01-07T00:00:00.000Z") << 1 << QStringLiteral("false")
        << QStringLiteral("idea_implementation") << QStringLiteral("Documentation") << 1
        << QStringLiteral("8:no content after 'Create or update the file docs/empty.md'");
    QTest::newRow("weird spacing")
        << QStringLiteral("weird_spacing.txt") << 0 << 3 << 27
        << QStringLiteral("fsar_99999999-9999-4999-8999-999999999999")
        << QStringLiteral("2026-01-08T23:59:59+02:00") << 9 << QStringLiteral("true")
        << QStringLiteral("idea_implementation") << QStringLiteral("Seed Data") << 1
        << QString();
}

void ReportParserTest::proposals()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    const ParsedFile f = parsed(file);
    QVERIFY2(f.error.isEmpty(), qPrintable(f.error));
    QVERIFY(index < int(f.proposals.size()));
    const Proposal &p = f.proposals.at(size_t(index));

    QTEST(p.sourceLine, "sourceLine");
    QTEST(p.endLine, "endLine");
    QTEST(p.id, "id");
    QTEST(optional(p.timestamp), "timestamp");
    QTEST(p.severity.value_or(-1), "severity");
    QTEST(p.blockExecution ? QString::fromLatin1(*p.blockExecution ? "true" : "false")
                           : QStringLiteral("null"),
          "blockExecution");
    QTEST(optional(p.kind), "kind");
    QTEST(optional(p.opportunity), "opportunity");
    QTEST(int(p.artifacts.size()), "artifacts");

    QFETCH(QString, problems);
    const QStringList expected = problems.split(QLatin1Char('|'), Qt::SkipEmptyParts);
    QStringList actual;
    for (const Problem &problem : p.problems)
        actual << QString::number(problem.line) + QLatin1Char(':') + problem.message;
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY2(actual.at(i).startsWith(expected.at(i)),
                 qPrintable(actual.at(i) + QLatin1String(" vs ") + expected.at(i)));
    QCOMPARE(p.sha256.size(), 64);
}

// Exact lines, languages and fences of each artifact; first/last start the first and last
// content lines as written in the file (trimmed).
void ReportParserTest::artifacts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("proposal");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("firstLine");
    QTest::addColumn<int>("lastLine");
    QTest::addColumn<bool>("fenced");
    QTest::addColumn<QString>("fenceTag");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");

    QTest::newRow("sample 000: unfenced sql, no final newline")
        << QStringLiteral("sample:000") << 0 << 0 << QStringLiteral("generated_1.sql")
        << QStringLiteral("sql") << QStringLiteral("sql") << 10 << 31 << false << QString()
        << QStringLiteral("CREATE TABLE IF NOT EXISTS users (") << QStringLiteral(");");
    QTest::newRow("sample 003: python declared sql")
        << QStringLiteral("sample:003") << 0 << 0 << QStringLiteral("generated_1.sql")
        << QStringLiteral("sql") << QStringLiteral("python") << 10 << 25 << false
        << QString() << QStringLiteral("from django.db import models")
        << QStringLiteral("return GameSession(user=get_current_user(), created_at=djtz.now())");
    QTest::newRow("multi #1 sql")
        << QStringLiteral("multi.txt") << 0 << 0 << QStringLiteral("migrations/001_events.sql")
        << QStringLiteral("sql") << QStringLiteral("sql") << 10 << 14 << false << QString()
        << QStringLiteral("CREATE TABLE IF NOT EXISTS events (") << QStringLiteral(");");
    QTest::newRow("multi #3 shell")
        << QStringLiteral("multi.txt") << 2 << 0 << QStringLiteral("tools/cleanup.sh")
        << QStringLiteral("bash") << QStringLiteral("bash") << 51 << 54 << false << QString()
        << QStringLiteral("#!/bin/sh") << QStringLiteral("echo \"cache cleared\"");
    QTest::newRow("fenced python")
        << QStringLiteral("fenced_python.txt") << 0 << 0 << QStringLiteral("app/retry.py")
        << QStringLiteral("python") << QStringLiteral("python") << 11 << 21 << true
        << QStringLiteral("python") << QStringLiteral("import time")
        << QStringLiteral("time.sleep(delay)");
    QTest::newRow("crlf fenced python")
        << QStringLiteral("crlf.txt") << 0 << 0 << QStringLiteral("app/retry.py")
        << QStringLiteral("python") << QStringLiteral("python") << 11 << 21 << true
        << QStringLiteral("python") << QStringLiteral("import time")
        << QStringLiteral("time.sleep(delay)");
    QTest::newRow("bom sql")
        << QStringLiteral("bom.txt") << 0 << 0 << QStringLiteral("migrations/001_events.sql")
        << QStringLiteral("sql") << QStringLiteral("sql") << 10 << 14 << false << QString()
        << QStringLiteral("CREATE TABLE IF NOT EXISTS events (") << QStringLiteral(");");
    QTest::newRow("several files: fenced yaml")
        << QStringLiteral("several_files.txt") << 0 << 0 << QStringLiteral("config/app.yml")
        << QStringLiteral("yaml") << QStringLiteral("yaml") << 11 << 15 << true
        << QStringLiteral("yaml") << QStringLiteral("server:")
        << QStringLiteral("url: postgres://localhost/app");
    QTest::newRow("several files: unfenced bash")
        << QStringLiteral("several_files.txt") << 0 << 1 << QStringLiteral("scripts/start.sh")
        << QStringLiteral("bash") << QStringLiteral("bash") << 20 << 23 << false << QString()
        << QStringLiteral("#!/usr/bin/env bash") << QStringLiteral("exec python -m app");
    QTest::newRow("several files: json right before the opportunity")
        << QStringLiteral("several_files.txt") << 0 << 2 << QStringLiteral("web/settings.json")
        << QStringLiteral("json") << QStringLiteral("json") << 26 << 29 << false << QString()
        << QStringLiteral("{") << QStringLiteral("}");
    QTest::newRow("unterminated fence runs to the opportunity line")
        << QStringLiteral("unterminated_fence.txt") << 0 << 0 << QStringLiteral("lib/format.js")
        << QStringLiteral("javascript") << QStringLiteral("javascript") << 11 << 15 << true
        << QStringLiteral("javascript") << QStringLiteral("function formatCents(cents) {")
        << QStringLiteral("module.exports = { formatCents };");
    QTest::newRow("no content")
        << QStringLiteral("no_content.txt") << 0 << 0 << QStringLiteral("docs/empty.md")
        << QStringLiteral("markdown") << QStringLiteral("markdown") << 10 << 9 << false
        << QString() << QString() << QString();
    QTest::newRow("no final newline markdown")
        << QStringLiteral("no_final_newline.txt") << 0 << 0 << QStringLiteral("docs/empty.md")
        << QStringLiteral("markdown") << QStringLiteral("markdown") << 10 << 12 << false
        << QString() << QStringLiteral("# Empty") << QStringLiteral("Nothing here yet.");
    QTest::newRow("weird spacing: quoted path, indented content")
        << QStringLiteral("weird_spacing.txt") << 0 << 0 << QStringLiteral("db/seed.sql")
        << QStringLiteral("sql") << QStringLiteral("sql") << 17 << 19 << false << QString()
        << QStringLiteral("INSERT INTO customers (email) VALUES ('a@example.invalid');")
        << QStringLiteral("DELETE FROM customers WHERE email LIKE '%@test.invalid';");
}

void ReportParserTest::artifacts()
{
    QFETCH(QString, file);
    QFETCH(int, proposal);
    QFETCH(int, index);
    const ParsedFile f = parsed(file);
    QVERIFY(proposal < int(f.proposals.size()));
    const Proposal &p = f.proposals.at(size_t(proposal));
    QVERIFY(index < int(p.artifacts.size()));
    const Artifact &a = p.artifacts.at(size_t(index));

    QTEST(a.path, "path");
    QTEST(a.declaredLanguage, "declared");
    QTEST(a.language, "language");
    QTEST(a.firstLine, "firstLine");
    QTEST(a.lastLine, "lastLine");
    QTEST(a.fenced, "fenced");
    QTEST(a.fenceTag, "fenceTag");
    const QStringList lines = a.content.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), a.content.isEmpty() ? 1 : a.lastLine - a.firstLine + 1);
    // Prefixes: sample lines run long; contentIsTheExactLines checks every character.
    QFETCH(QString, first);
    QFETCH(QString, last);
    QVERIFY2(lines.first().trimmed().startsWith(first), qPrintable(lines.first()));
    QVERIFY2(lines.last().trimmed().startsWith(last), qPrintable(lines.last()));
    QVERIFY(!a.content.contains(QLatin1Char('\r')));
    QCOMPARE(a.sha256, sha256(a.content.toUtf8()));
}

void ReportParserTest::risksAndMitigations_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("index");
    QTest::addColumn<QStringList>("risks");
    QTest::addColumn<QStringList>("mitigations");
    QTest::newRow("sample 000")
        << QStringLiteral("sample:000") << 0
        << QStringList{QStringLiteral("Slow failure: unnoticed degradation accumulating by "
                                      "2028-01-02"),
                       QStringLiteral("Unintended consequence: incentives shift toward "
                                      "short-term metrics, long-term reliability decays"),
                       QStringLiteral("Incentive drift: stakeholders habituate to optimistic "
                                      "outputs, raising risk of silent defects")}
        << QStringList{QStringLiteral("Add scheduled adversarial audits with hard pass/fail "
                                      "gates"),
                       QStringLiteral("Track leading indicators for drift and trust "
                                      "inflation; alert on trend change"),
                       QStringLiteral("Prefer reversible rollouts; keep rollback artifacts "
                                      "warm and tested")};
    QTest::newRow("multi #2")
        << QStringLiteral("multi.txt") << 1
        << QStringList{QStringLiteral("Stale cache after an edit"), QStringLiteral("Disk usage")}
        << QStringList{QStringLiteral("Key the cache by content hash")};
    QTest::newRow("weird spacing: wrapped item, '##Mitigations', '*' bullets")
        << QStringLiteral("weird_spacing.txt") << 0
        << QStringList{QStringLiteral("Seeds reach production continued on a second line")}
        << QStringList{QStringLiteral("Guard with an environment check")};
    QTest::newRow("no mitigations section")
        << QStringLiteral("malformed_fields.txt") << 1
        << QStringList{QStringLiteral("Slower writes")} << QStringList();
}

void ReportParserTest::risksAndMitigations()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    const ParsedFile f = parsed(file);
    QVERIFY(index < int(f.proposals.size()));
    QTEST(f.proposals.at(size_t(index)).risks, "risks");
    QTEST(f.proposals.at(size_t(index)).mitigations, "mitigations");
}

// Artifact content is exactly the file's lines firstLine..lastLine.
void ReportParserTest::contentIsTheExactLines_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("sample 000") << QStringLiteral("sample:000");
    QTest::newRow("sample 003") << QStringLiteral("sample:003");
    QTest::newRow("several files") << QStringLiteral("several_files.txt");
    QTest::newRow("crlf") << QStringLiteral("crlf.txt");
    QTest::newRow("bom") << QStringLiteral("bom.txt");
    QTest::newRow("multi") << QStringLiteral("multi.txt");
    QTest::newRow("weird spacing") << QStringLiteral("weird_spacing.txt");
}

void ReportParserTest::contentIsTheExactLines()
{
    QFETCH(QString, file);
    const ParsedFile f = parsed(file);
    const QStringList lines = fileLines(report(file));
    int checked = 0;
    for (const Proposal &p : f.proposals) {
        for (const Artifact &a : p.artifacts) {
            const QStringList slice = lines.mid(a.firstLine - 1, a.lastLine - a.firstLine + 1);
            QCOMPARE(a.content, slice.join(QLatin1Char('\n')));
            ++checked;
        }
    }
    QVERIFY(checked > 0);
}

// The bytes the parser hands the store for the body are the body, or absent (CRLF,
// invalid UTF-8, the body starting on the "- proposal:" line): every fixture and sample.
void ReportParserTest::bodyBytesAreTheBody_data()
{
    QTest::addColumn<QString>("path");
    const QDir data(QStringLiteral(VERDICT_TEST_DATA "/reports"));
    for (const QString &name : data.entryList(QDir::Files))
        QTest::newRow(qPrintable(name)) << data.filePath(name);
    const QDir samples(QStringLiteral(VERDICT_SAMPLES));
    for (const QString &name : samples.entryList({QStringLiteral("*.txt")}, QDir::Files))
        QTest::newRow(qPrintable(QStringLiteral("sample ") + name)) << samples.filePath(name);
}

void ReportParserTest::bodyBytesAreTheBody()
{
    QFETCH(QString, path);
    const ParsedFile f = ReportParser::parseFile(path);
    for (const Proposal &p : f.proposals) {
        if (!p.bodyUtf8.isEmpty())
            QCOMPARE(p.bodyUtf8, p.body.toUtf8());
    }
    // CRLF: the bytes are not the text. The samples: plain LF files, the bytes are taken.
    for (const Proposal &p : f.proposals) {
        if (path.endsWith(QLatin1String("crlf.txt")))
            QVERIFY(p.bodyUtf8.isEmpty());
        else if (path.startsWith(QStringLiteral(VERDICT_SAMPLES)))
            QVERIFY(!p.bodyUtf8.isEmpty());
    }
}

// The revision identity ignores line-end style, a BOM and whether the report is followed
// by another one.
void ReportParserTest::sameReportSameIdentity_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::newRow("crlf = lf") << QStringLiteral("crlf.txt")
                               << QStringLiteral("fenced_python.txt");
    QTest::newRow("bom + alone = first of several") << QStringLiteral("bom.txt")
                                                    << QStringLiteral("multi.txt");
}

void ReportParserTest::sameReportSameIdentity()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    const Proposal pa = parsed(a).proposals.at(0);
    const Proposal pb = parsed(b).proposals.at(0);
    QCOMPARE(pa.sha256, pb.sha256);
    QCOMPARE(pa.artifacts.at(0).sha256, pb.artifacts.at(0).sha256);
    QCOMPARE(pa.body, pb.body);

    // And the identity is the SHA-256 of the report's text with '\n' line ends.
    QStringList lines = fileLines(report(b)).mid(pb.sourceLine - 1,
                                                 pb.endLine - pb.sourceLine + 1);
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    QCOMPARE(pb.sha256, sha256(lines.join(QLatin1Char('\n')).toUtf8()));
}

void ReportParserTest::body()
{
    const Proposal p = parsed(QStringLiteral("sample:000")).proposals.at(0);
    QCOMPARE(p.bodyFirstLine, 8);
    QVERIFY(p.body.startsWith(QLatin1String("idea_implementation: Create or update the file")));
    QVERIFY(p.body.endsWith(QLatin1String("Make sure the file is complete, working, and "
                                          "production-ready.")));
    QCOMPARE(p.body.count(QLatin1Char('\n')), 34 - 8); // lines 8..34

    const Proposal self = parsed(QStringLiteral("sample:004")).proposals.at(0);
    QVERIFY(self.body.startsWith(QLatin1String("self_improvement:  To address")));
    QVERIFY(!self.body.contains(QLatin1String("## Risks")));
}

// Hostile or odd bytes: never a crash, a hang or an exception; always a file error or
// proposals. (The fuzz target explores this further.)
void ReportParserTest::oddInputNeverBreaks_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("proposals");
    const QByteArray header = "# FSAR Proposal Report\n";
    QTest::newRow("whitespace only") << QByteArray(" \n\t\r\n") << QStringLiteral("empty file")
                                     << 0;
    QTest::newRow("bom only") << QByteArray("\xEF\xBB\xBF") << QStringLiteral("empty file") << 0;
    QTest::newRow("header only") << header << QString() << 1;
    QTest::newRow("header without newline") << header.trimmed() << QString() << 1;
    QTest::newRow("header repeated") << header.repeated(2000) << QString() << 2000;
    QTest::newRow("lone CR line ends")
        << QByteArray("# FSAR Proposal Report\r- id: x\r- proposal:\r\rk: t\r") << QString()
        << 1;
    QTest::newRow("many unterminated fences")
        << header + QByteArray("- proposal:\nidea: x\n")
               + QByteArray("Create or update the file a.py with this complete content:\n```\n")
                     .repeated(3000)
        << QString() << 1;
    QTest::newRow("create marker at end of file")
        << header + QByteArray("- proposal:\nCreate or update the file") << QString() << 1;
    QTest::newRow("marker split across lines")
        << header + QByteArray("Create or update\nthe file x.sql with this complete content:")
        << QString() << 1;
    QTest::newRow("invalid utf-8 here and there")
        << header + QByteArray("- id: \xFF\xFEx\n- proposal:\nk: \xC3(\n") << QString() << 1;
    QTest::newRow("huge line") << header + QByteArray(2 * 1024 * 1024, 'x') << QString() << 1;
    QTest::newRow("nul byte late") << header + QByteArray("abc\0def", 7)
                                   << QStringLiteral("binary file (NUL byte at offset 26)")
                                   << 0;
}

void ReportParserTest::oddInputNeverBreaks()
{
    QFETCH(QByteArray, data);
    const ParsedFile f = ReportParser::parse(data, QStringLiteral("odd.txt"));
    QTEST(f.error, "error");
    QTEST(int(f.proposals.size()), "proposals");
    for (const Proposal &p : f.proposals) {
        QVERIFY(p.sourceLine >= 1);
        QVERIFY(p.endLine >= p.sourceLine);
        for (const Artifact &a : p.artifacts) {
            QVERIFY(a.firstLine > p.sourceLine);
            QVERIFY(a.lastLine <= p.endLine);
        }
        for (const Problem &problem : p.problems)
            QVERIFY(problem.line >= 1 && problem.line <= p.endLine);
    }
}

void ReportParserTest::collectFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QDir root(dir.path());
    QVERIFY(root.mkpath(QStringLiteral("b/deeper")));
    QVERIFY(root.mkpath(QStringLiteral(".hidden")));
    for (const char *name : {"a.txt", "b/c.txt", "b/deeper/d.txt", ".hidden/e.txt", "b/.f.txt"}) {
        QFile f(root.filePath(QString::fromLatin1(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QStringList missing;
    const QStringList files = ReportParser::collectFiles(
        {root.filePath(QStringLiteral("b")), dir.path(), root.filePath(QStringLiteral("a.txt")),
         root.filePath(QStringLiteral("nope")), root.filePath(QStringLiteral("b/../a.txt"))},
        &missing);
    QCOMPARE(files, (QStringList{root.filePath(QStringLiteral("a.txt")),
                                 root.filePath(QStringLiteral("b/c.txt")),
                                 root.filePath(QStringLiteral("b/deeper/d.txt"))}));
    QCOMPARE(missing, QStringList{root.filePath(QStringLiteral("nope"))});
    QCOMPARE(ReportParser::collectFiles({}), QStringList());
}

void ReportParserTest::unreadableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A folder passed as a file cannot be read as one.
    const ParsedFile f = ReportParser::parseFile(dir.path());
    QVERIFY(f.error.startsWith(QLatin1String("cannot read")));
    QVERIFY(f.proposals.empty());
}

QTEST_GUILESS_MAIN(ReportParserTest)
#include "reportparser_test.moc"
