// SPDX-License-Identifier: GPL-3.0-or-later
#include "codeview.h"
#include "proposalview.h"
#include "queue/diagnosticsmodel.h"
#include "report/reportparser.h"
#include "syntaxhighlighteradapter.h"

#include <QApplication>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace verdict;

class CodeViewTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineNumbersFollowTheReport_data();
    void lineNumbersFollowTheReport();
    void highlightsKeywords();
    void coloursFollowAConfidentMismatch_data();
    void coloursFollowAConfidentMismatch();
    void proposalCodeIsColoured();
    void diagnosticsUnderlineTheirLine();
    void diagnosticsOfOtherArtifactsAreIgnored();
    void scrollToLine();
    void activatingADiagnosticScrollsTheCode();

private:
    static Proposal sample(const QString &name);
};

Proposal CodeViewTest::sample(const QString &name)
{
    const ParsedFile file =
        ReportParser::parseFile(QStringLiteral(VERDICT_SAMPLES "/") + name);
    if (!file.error.isEmpty() || file.proposals.empty())
        return {};
    return file.proposals.front();
}

void CodeViewTest::lineNumbersFollowTheReport_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("firstLine");
    QTest::addColumn<int>("lastLine");

    QTest::newRow("sample 000 sql") << QStringLiteral("000_471f460746578cde.txt") << 10 << 31;
    QTest::newRow("sample 003 python in .sql")
        << QStringLiteral("003_d73438ddc782444d.txt") << 10 << 25;
}

void CodeViewTest::lineNumbersFollowTheReport()
{
    QFETCH(QString, file);
    QFETCH(int, firstLine);
    QFETCH(int, lastLine);
    const Proposal p = sample(file);
    QCOMPARE(int(p.artifacts.size()), 1);
    CodeView view;
    view.setArtifact(p.artifacts.front());
    QCOMPARE(view.firstLine(), firstLine);
    QCOMPARE(view.lineNumberOfBlock(0), firstLine);
    QCOMPARE(view.lineNumberOfBlock(view.document()->blockCount() - 1), lastLine);
    QVERIFY(view.gutterWidth() > 0);
}

void CodeViewTest::highlightsKeywords()
{
    Artifact a;
    a.path = QStringLiteral("schema.sql");
    a.language = QStringLiteral("sql");
    a.firstLine = 1;
    a.content = QStringLiteral("SELECT id FROM users;\nplain words here");
    CodeView view;
    view.setArtifact(a);
    QVERIFY2(!view.definitionName().isEmpty(), "an .sql file has a definition");
    const QVector<QTextLayout::FormatRange> formats =
        view.document()->firstBlock().layout()->formats();
    const auto keyword = std::find_if(formats.begin(), formats.end(),
                                      [](const QTextLayout::FormatRange &r) {
                                          return r.start == 0 && r.length == 6;
                                      });
    QVERIFY2(keyword != formats.end(), "SELECT gets a format of its own");
    QVERIFY(keyword->format.fontWeight() > QFont::Normal || keyword->format.hasProperty(
                                                                QTextFormat::ForegroundBrush));
}

// The file name picks the colours, except when the content is confidently another
// language: sample 003's generated_1.sql holds Python and is coloured (and checked) as such.
void CodeViewTest::coloursFollowAConfidentMismatch_data()
{
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QString>("definition");
    QTest::newRow("sample 000: SQL named .sql") << QStringLiteral("000_471f460746578cde.txt")
                                                << QStringLiteral("SQL");
    QTest::newRow("sample 003: Python named .sql") << QStringLiteral("003_d73438ddc782444d.txt")
                                                   << QStringLiteral("Python");
}

void CodeViewTest::coloursFollowAConfidentMismatch()
{
    QFETCH(QString, sample);
    QFETCH(QString, definition);
    const Proposal p = CodeViewTest::sample(sample);
    QCOMPARE(int(p.artifacts.size()), 1);
    CodeView view;
    view.setArtifact(p.artifacts.front());
    QCOMPARE(view.definitionName(), definition);
}

void CodeViewTest::proposalCodeIsColoured()
{
    StoredProposal stored;
    stored.proposal = sample(QStringLiteral("000_471f460746578cde.txt"));
    ProposalView view;
    view.setProposal(stored);
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.codeViews().size(), 1);
    // By file name: KF5 names *.sql "SQL", KF6 "SQL (PostgreSQL)"; either way coloured.
    QVERIFY(!view.codeViews().front()->definitionName().isEmpty());
    QCOMPARE(view.codeViews().front()->definitionName(),
             SyntaxHighlighterAdapter::definitionName(QStringLiteral("generated_1.sql"),
                                                      QStringLiteral("sql")));
}

void CodeViewTest::diagnosticsUnderlineTheirLine()
{
    const Proposal p = sample(QStringLiteral("000_471f460746578cde.txt"));
    CodeView view;
    view.setArtifact(p.artifacts.front());
    Diagnostic error;
    error.rule = QStringLiteral("syntax-error");
    error.severity = DiagnosticSeverity::Error;
    error.message = QStringLiteral("<b>not bold</b>");
    error.artifact = QStringLiteral("generated_1.sql");
    error.line = 12;
    error.column = 5;
    Diagnostic warning = error;
    warning.severity = DiagnosticSeverity::Warning;
    warning.line = 22;
    warning.column = 0;
    view.setDiagnostics({error, warning});

    const QList<QTextEdit::ExtraSelection> selections = view.extraSelections();
    QCOMPARE(selections.size(), 2);
    QCOMPARE(view.lineNumberOfBlock(selections.at(0).cursor.block().blockNumber()), 12);
    QCOMPARE(selections.at(0).cursor.selectionStart() - selections.at(0).cursor.block().position(),
             4);
    QCOMPARE(selections.at(0).format.underlineStyle(), QTextCharFormat::WaveUnderline);
    QCOMPARE(selections.at(0).format.underlineColor(), view.colors().error);
    QCOMPARE(view.lineNumberOfBlock(selections.at(1).cursor.block().blockNumber()), 22);
    QCOMPARE(selections.at(1).format.underlineColor(), view.colors().warning);
    QVERIFY2(view.colors().error != view.colors().warning, "severities look different");
    QCOMPARE(int(view.diagnosticsAtLine(12).size()), 1);
    QCOMPARE(int(view.diagnosticsAtLine(13).size()), 0);
}

void CodeViewTest::diagnosticsOfOtherArtifactsAreIgnored()
{
    const Proposal p = sample(QStringLiteral("000_471f460746578cde.txt"));
    CodeView view;
    view.setArtifact(p.artifacts.front());
    Diagnostic other;
    other.artifact = QStringLiteral("other.sql");
    other.line = 12;
    Diagnostic outside;
    outside.artifact = QStringLiteral("generated_1.sql");
    outside.line = 3; // the report header, not this artifact
    view.setDiagnostics({other, outside});
    QCOMPARE(int(view.diagnostics().size()), 0);
    QCOMPARE(view.extraSelections().size(), 0);
}

void CodeViewTest::scrollToLine()
{
    const Proposal p = sample(QStringLiteral("000_471f460746578cde.txt"));
    CodeView view;
    view.setArtifact(p.artifacts.front());
    QVERIFY(view.scrollToLine(25, 3));
    QCOMPARE(view.lineNumberOfBlock(view.textCursor().blockNumber()), 25);
    QCOMPARE(view.textCursor().positionInBlock(), 2);
    QVERIFY(!view.scrollToLine(9));
    QVERIFY(!view.scrollToLine(32));
}

void CodeViewTest::activatingADiagnosticScrollsTheCode()
{
    StoredProposal stored;
    stored.proposal = sample(QStringLiteral("000_471f460746578cde.txt"));
    ProposalView view;
    view.setProposal(stored);
    Diagnostic d;
    d.rule = QStringLiteral("destructive-sql");
    d.severity = DiagnosticSeverity::Warning;
    d.message = QStringLiteral("ON DELETE CASCADE");
    d.artifact = QStringLiteral("generated_1.sql");
    d.line = 27;
    d.column = 1;
    view.setDiagnostics({d});
    view.tabs()->setCurrentWidget(view.bodyView());
    QCOMPARE(view.diagnosticsModel()->rowCount(), 1);
    CodeView *code = view.showDiagnostic(0);
    QVERIFY(code);
    QCOMPARE(view.tabs()->currentIndex(), 0);
    QCOMPARE(code->lineNumberOfBlock(code->textCursor().blockNumber()), 27);
}

QTEST_MAIN(CodeViewTest)
#include "codeview_test.moc"
