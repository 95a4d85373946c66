// SPDX-License-Identifier: GPL-3.0-or-later
#include "boundedtextedit.h"
#include "codeview.h"
#include "diagnostics/checkerset.h"
#include "filenotesbar.h"
#include "proposalview.h"
#include "queue/diagnosticsmodel.h"
#include "report/reportparser.h"
#include "syntaxhighlighteradapter.h"

#include <QApplication>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QScrollBar>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <cstdlib>
#include <tuple>

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
    void aFindingOnTheFileShowsItsTop();
    void gutterNumbersTheFilesLines_data();
    void gutterNumbersTheFilesLines();
    void inlineNoteUnderItsLine_data();
    void inlineNoteUnderItsLine();
    void inlineNoteFollowsAWrappedLine();
    void oneNotePerLineMostSevereFirst();
    void nextDiagnosticShowsItsNote_data();
    void nextDiagnosticShowsItsNote();
    void listAndGutterAgreeOnARealProposal();
    void everyRowOfManyIsReachable();
    void theNextProposalStartsOnAFreshPage();
    void aFindingAboutTheFileHasABandAboveTheCode();

private:
    static Proposal sample(const QString &name);
    static Diagnostic diagnostic(const QString &artifact, int line, const QString &message,
                                 DiagnosticSeverity severity = DiagnosticSeverity::Error);
    static int pixelsNear(const QImage &image, const QRect &rect, const QColor &colour);
};

Diagnostic CodeViewTest::diagnostic(const QString &artifact, int line, const QString &message,
                                    DiagnosticSeverity severity)
{
    Diagnostic d;
    d.rule = QStringLiteral("syntax-error");
    d.severity = severity;
    d.message = message;
    d.artifact = artifact;
    d.line = line;
    d.column = 1;
    return d;
}

// Pixels of `rect` within a small distance of `colour` (antialiased text has a few exact).
int CodeViewTest::pixelsNear(const QImage &image, const QRect &rect, const QColor &colour)
{
    int n = 0;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green())
                    + std::abs(c.blue() - colour.blue())
                < 60)
                ++n;
        }
    }
    return n;
}

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

// A finding on the line that names the file (report line 8 of sample 000, before the code):
// about the whole file; its row has no line, and showing it opens the file at its top.
void CodeViewTest::aFindingOnTheFileShowsItsTop()
{
    StoredProposal stored;
    stored.proposal = sample(QStringLiteral("000_471f460746578cde.txt"));
    ProposalView view;
    view.resize(700, 420);
    view.setProposal(stored);
    Diagnostic conflict = diagnostic(QStringLiteral("generated_1.sql"), 8,
                                     QStringLiteral("also written by another proposal"),
                                     DiagnosticSeverity::Warning);
    conflict.rule = QStringLiteral("target-conflict");
    view.setDiagnostics({conflict});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    CodeView *code = view.codeViews().front();
    QVERIFY(code->scrollToLine(31));
    QVERIFY(code->verticalScrollBar()->value() > 0);
    view.tabs()->setCurrentWidget(view.bodyView());
    QCOMPARE(view.diagnosticsModel()->index(0, DiagnosticsModel::LineColumn).data().toString(),
             QString());
    const QString tip =
        view.diagnosticsModel()->index(0, DiagnosticsModel::LineColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("line 8 of the report")), qPrintable(tip));
    QCOMPARE(view.showDiagnostic(0), code);
    QCOMPARE(view.tabs()->currentIndex(), 0);
    QCOMPARE(code->textCursor().blockNumber(), 0);
    QCOMPARE(code->verticalScrollBar()->value(), 0);
    QVERIFY(code->visibleInlineNotes().empty());
}

// The gutter numbers the file's own lines (line 1 is the artifact's first); the report's
// line is in its tool tip.
void CodeViewTest::gutterNumbersTheFilesLines_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("lines");
    QTest::addColumn<int>("firstReportLine");
    QTest::newRow("sample 000 sql") << QStringLiteral("000_471f460746578cde.txt") << 22 << 10;
    QTest::newRow("sample 003 python in .sql")
        << QStringLiteral("003_d73438ddc782444d.txt") << 16 << 10;
}

void CodeViewTest::gutterNumbersTheFilesLines()
{
    QFETCH(QString, file);
    QFETCH(int, lines);
    QFETCH(int, firstReportLine);
    const Proposal p = sample(file);
    CodeView view;
    view.setArtifact(p.artifacts.front());
    QCOMPARE(view.shownLineCount(), lines);
    QCOMPARE(view.gutterLabel(0), QStringLiteral("1"));
    QCOMPARE(view.gutterLabel(2), QStringLiteral("3"));
    QCOMPARE(view.gutterLabel(lines - 1), QString::number(lines));
    QCOMPARE(view.gutterLabel(lines), QString());
    const QString tip = view.lineToolTip(2);
    QVERIFY2(tip.contains(QStringLiteral("Line 3 of generated_1.sql")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("line %1 of the report").arg(firstReportLine + 2)),
             qPrintable(tip));
    // With a diagnostic on the line, the tool tip has its message too.
    view.setDiagnostics({diagnostic(QStringLiteral("generated_1.sql"), firstReportLine + 2,
                                    QStringLiteral("unexpected token"))});
    QVERIFY(view.lineToolTip(2).contains(QStringLiteral("error: unexpected token [syntax-error]")));
    QVERIFY(!view.lineToolTip(3).contains(QStringLiteral("unexpected token")));
}

// The message is drawn in a band under its line, in the severity's colour, with wrapping
// on and off; the next line starts under the band (no code is covered).
void CodeViewTest::inlineNoteUnderItsLine_data()
{
    QTest::addColumn<bool>("wrap");
    QTest::addColumn<int>("severity");
    QTest::newRow("error, no wrap") << false << int(DiagnosticSeverity::Error);
    QTest::newRow("warning, wrap") << true << int(DiagnosticSeverity::Warning);
    QTest::newRow("info, no wrap") << false << int(DiagnosticSeverity::Info);
}

void CodeViewTest::inlineNoteUnderItsLine()
{
    QFETCH(bool, wrap);
    QFETCH(int, severity);
    const Proposal p = sample(QStringLiteral("000_471f460746578cde.txt"));
    CodeView view;
    view.resize(700, 400);
    view.setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    view.setArtifact(p.artifacts.front());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage before = view.viewport()->grab().toImage();
    const qreal lineHeight = view.blockRect(2).height();

    const QString message = QStringLiteral("relation \"users\" is created twice");
    view.setDiagnostics({diagnostic(QStringLiteral("generated_1.sql"), 12, message,
                                    DiagnosticSeverity(severity))});
    QCoreApplication::processEvents();
    QVERIFY(view.hasInlineNote(2));
    QVERIFY(!view.hasInlineNote(3));
    const auto notes = view.visibleInlineNotes();
    QCOMPARE(int(notes.size()), 1);
    const CodeView::InlineNote &note = notes.front();
    QCOMPARE(note.blockNumber, 2);
    QCOMPARE(note.shown, message + QStringLiteral("  [syntax-error]"));
    // Under the line's code, above the next line's.
    const QRectF lineRect = view.blockRect(2);
    QCOMPARE(qRound(lineRect.height()), qRound(lineHeight) + note.band.height());
    QCOMPARE(note.band.top(), qRound(lineRect.top() + lineHeight));
    const QRectF next = view.blockRect(3);
    QVERIFY(next.top() >= note.band.bottom());
    QVERIFY(view.viewport()->rect().contains(note.text));

    // Painted: the note's text is in the severity's colour, where before there was code.
    const QColor colour = severity == int(DiagnosticSeverity::Error)     ? view.colors().error
                          : severity == int(DiagnosticSeverity::Warning) ? view.colors().warning
                                                                         : view.colors().info;
    const QImage after = view.viewport()->grab().toImage();
    const int drawn = pixelsNear(after, note.text, colour);
    QVERIFY2(drawn > 30, qPrintable(QString::number(drawn)));
    QVERIFY2(drawn > pixelsNear(before, note.text, colour) + 30,
             qPrintable(QStringLiteral("%1 vs %2").arg(drawn).arg(pixelsNear(before, note.text,
                                                                              colour))));

    // Gone with the diagnostic; the lines close up again.
    view.setDiagnostics({});
    QCoreApplication::processEvents();
    QVERIFY(view.visibleInlineNotes().empty());
    QCOMPARE(qRound(view.blockRect(2).height()), qRound(lineHeight));
}

void CodeViewTest::inlineNoteFollowsAWrappedLine()
{
    Artifact a;
    a.path = QStringLiteral("long.sql");
    a.language = QStringLiteral("sql");
    a.firstLine = 5;
    a.content = QStringLiteral("SELECT 1;\nSELECT ") + QStringLiteral("column_name, ").repeated(60)
                + QStringLiteral("x FROM t;\nSELECT 3;");
    CodeView view;
    view.resize(600, 400);
    view.setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view.setArtifact(a);
    view.setDiagnostics({diagnostic(a.path, 6, QStringLiteral("too long"))});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QTextBlock block = view.document()->findBlockByNumber(1);
    QVERIFY2(block.layout()->lineCount() > 2, "the long line wraps");
    const auto notes = view.visibleInlineNotes();
    QCOMPARE(int(notes.size()), 1);
    // Under the last visual row of the line, not after its first.
    const QTextLine last = block.layout()->lineAt(block.layout()->lineCount() - 1);
    const QRectF r = view.blockRect(1);
    QCOMPARE(notes.front().band.top(), qRound(r.top() + last.y() + last.height()));
    // Unwrapped, the line is one row and the band follows it.
    view.setLineWrapMode(QPlainTextEdit::NoWrap);
    QCoreApplication::processEvents();
    QCOMPARE(block.layout()->lineCount(), 1);
    const auto unwrapped = view.visibleInlineNotes();
    QCOMPARE(int(unwrapped.size()), 1);
    const QRectF r1 = view.blockRect(1);
    QCOMPARE(unwrapped.front().band.top(),
             qRound(r1.top() + block.layout()->lineAt(0).height()));
    // Scrolled sideways, the note stays in view.
    view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->maximum());
    QCoreApplication::processEvents();
    const auto scrolled = view.visibleInlineNotes();
    QCOMPARE(int(scrolled.size()), 1);
    QVERIFY(scrolled.front().text.left() >= 0);
    QVERIFY(view.viewport()->rect().contains(scrolled.front().text));
}

void CodeViewTest::oneNotePerLineMostSevereFirst()
{
    const Proposal p = sample(QStringLiteral("000_471f460746578cde.txt"));
    CodeView view;
    view.resize(900, 400);
    view.setArtifact(p.artifacts.front());
    view.setDiagnostics({diagnostic(QStringLiteral("generated_1.sql"), 11, QStringLiteral("a hint"),
                                    DiagnosticSeverity::Info),
                         diagnostic(QStringLiteral("generated_1.sql"), 11, QStringLiteral("broken"),
                                    DiagnosticSeverity::Error),
                         diagnostic(QStringLiteral("generated_1.sql"), 11, QStringLiteral("risky"),
                                    DiagnosticSeverity::Warning)});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto notes = view.visibleInlineNotes();
    QCOMPARE(int(notes.size()), 1);
    QCOMPARE(int(notes.front().severity), int(DiagnosticSeverity::Error));
    QVERIFY2(notes.front().shown.startsWith(QStringLiteral("broken  [syntax-error]")),
             qPrintable(notes.front().shown));
    QVERIFY2(notes.front().shown.contains(QStringLiteral("+2 more")),
             qPrintable(notes.front().shown));
}

// F8 from anywhere: the code view shows the diagnostic's line and its note, wrapped or not.
void CodeViewTest::nextDiagnosticShowsItsNote_data()
{
    QTest::addColumn<bool>("wrap");
    QTest::newRow("no wrap") << false;
    QTest::newRow("wrap") << true;
}

void CodeViewTest::nextDiagnosticShowsItsNote()
{
    QFETCH(bool, wrap);
    StoredProposal stored;
    stored.proposal = sample(QStringLiteral("000_471f460746578cde.txt"));
    ProposalView view;
    view.resize(700, 420); // a few lines of code: the last ones are out of view
    view.setWrapCode(wrap);
    view.setProposal(stored);
    view.setDiagnostics({diagnostic(QStringLiteral("generated_1.sql"), 11, QStringLiteral("first")),
                         diagnostic(QStringLiteral("generated_1.sql"), 31, QStringLiteral("last"))});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.tabs()->setCurrentWidget(view.bodyView());
    CodeView *code = view.codeViews().front();
    for (const auto &[step, block, text] :
         {std::tuple{1, 1, QStringLiteral("first")}, std::tuple{1, 21, QStringLiteral("last")},
          std::tuple{1, 1, QStringLiteral("first")}, std::tuple{-1, 21, QStringLiteral("last")}}) {
        view.stepDiagnostic(step);
        QCoreApplication::processEvents();
        QCOMPARE(view.tabs()->currentIndex(), 0);
        QCOMPARE(code->textCursor().blockNumber(), block);
        // The list's Line is the gutter's number of that line.
        const int row = view.diagnosticsView()->currentIndex().row();
        QCOMPARE(view.diagnosticsModel()
                     ->index(row, DiagnosticsModel::LineColumn)
                     .data()
                     .toString(),
                 code->gutterLabel(block));
        const auto notes = code->visibleInlineNotes();
        const auto note = std::find_if(notes.begin(), notes.end(), [block = block](const auto &n) {
            return n.blockNumber == block;
        });
        QVERIFY2(note != notes.end(), qPrintable(text));
        QVERIFY(note->shown.startsWith(text));
        QVERIFY2(code->viewport()->rect().contains(note->band),
                 qPrintable(QStringLiteral("band %1,%2 in a viewport of height %3")
                                .arg(note->band.top())
                                .arg(note->band.bottom())
                                .arg(code->viewport()->height())));
    }
}

// Sample-like proposal with four files, checked by the real checkers: every finding on a
// line of a file is listed with that file and the line number its gutter shows there.
void CodeViewTest::listAndGutterAgreeOnARealProposal()
{
    const ParsedFile file = ReportParser::parseFile(QStringLiteral(VERDICT_TEST_DATA)
                                                    + QStringLiteral("/diagnostics/reports/mixed.txt"));
    QVERIFY(file.error.isEmpty());
    QCOMPARE(int(file.proposals.size()), 1);
    StoredProposal stored;
    stored.proposal = file.proposals.front();
    QCOMPARE(int(stored.proposal.artifacts.size()), 4);
    CheckerSet checkers;
    std::vector<Diagnostic> all;
    for (const Artifact &a : stored.proposal.artifacts) {
        const auto found = checkers.check(a, stored.proposal);
        all.insert(all.end(), found.begin(), found.end());
    }
    ProposalView view;
    view.resize(900, 700);
    view.setProposal(stored);
    view.setDiagnostics(all);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY2(!view.diagnosticsView()->isColumnHidden(DiagnosticsModel::FileColumn),
             "four files: the list says which");
    DiagnosticsModel *model = view.diagnosticsModel();
    QVERIFY(model->rowCount() >= 3);
    QSet<QString> files;
    int onLines = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const Diagnostic *d = model->diagnosticAt(row);
        CodeView *code = view.showDiagnostic(row);
        QVERIFY(code);
        QCOMPARE(code->artifact().path, d->artifact);
        QCOMPARE(view.tabs()->currentWidget()->findChild<CodeView *>(), code);
        const QString shownLine = model->index(row, DiagnosticsModel::LineColumn).data().toString();
        if (shownLine.isEmpty())
            continue; // on the line that names the file
        ++onLines;
        files << d->artifact;
        QCOMPARE(code->gutterLabel(code->textCursor().blockNumber()), shownLine);
        QCOMPARE(code->lineNumberOfBlock(code->textCursor().blockNumber()), d->line);
        QCOMPARE(model->index(row, DiagnosticsModel::FileColumn).data().toString(),
                 QFileInfo(d->artifact).fileName());
        QVERIFY(code->hasInlineNote(code->textCursor().blockNumber()));
    }
    QVERIFY2(files.size() >= 3, qPrintable(QStringList(files.values()).join(QLatin1Char(' '))));
    QVERIFY(onLines >= 3);

    // The severity cell draws the gutter's marker in the severity's colour.
    QTableView *list = view.diagnosticsView();
    list->setCurrentIndex(QModelIndex());
    list->scrollToTop();
    QCoreApplication::processEvents();
    const QColor error = view.codeViews().front()->colors().error;
    const QImage cells = list->viewport()->grab().toImage();
    bool markedAnError = false;
    for (int row = 0; row < model->rowCount() && !markedAnError; ++row) {
        const QModelIndex index = model->index(row, DiagnosticsModel::SeverityColumn);
        const QRect cell = list->visualRect(index);
        if (cell.isEmpty() || !list->viewport()->rect().contains(cell)
            || model->diagnosticAt(row)->severity != DiagnosticSeverity::Error)
            continue;
        QVERIFY2(pixelsNear(cells, cell, error) > 10, qPrintable(QString::number(row)));
        QCOMPARE(index.data(Qt::ToolTipRole).toString(), QStringLiteral("Error"));
        markedAnError = true;
    }
    QVERIFY(markedAnError);

    // One file and findings on it only: no File column.
    StoredProposal single;
    single.proposal = sample(QStringLiteral("000_471f460746578cde.txt"));
    view.setProposal(single);
    view.setDiagnostics({diagnostic(QStringLiteral("generated_1.sql"), 12, QStringLiteral("x"))});
    QVERIFY(view.diagnosticsView()->isColumnHidden(DiagnosticsModel::FileColumn));
}

// 37 findings: each row can be brought into view whole, and F8 walks all of them.
void CodeViewTest::everyRowOfManyIsReachable()
{
    StoredProposal stored;
    stored.proposal = sample(QStringLiteral("000_471f460746578cde.txt"));
    std::vector<Diagnostic> many;
    for (int i = 0; i < 37; ++i) {
        many.push_back(diagnostic(QStringLiteral("generated_1.sql"), 10 + i % 22,
                                  QStringLiteral("finding %1").arg(i),
                                  DiagnosticSeverity(i % 3)));
    }
    ProposalView view;
    view.resize(670, 560); // the proposal's side of a 1280x720 window
    view.setProposal(stored);
    view.setDiagnostics(many);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView *list = view.diagnosticsView();
    QCOMPARE(list->model()->rowCount(), 37);
    QSet<QString> seen;
    for (int row = 0; row < 37; ++row) {
        const QModelIndex index = list->model()->index(row, DiagnosticsModel::MessageColumn);
        list->scrollTo(index);
        QCoreApplication::processEvents();
        const QRect r = list->visualRect(index);
        QVERIFY2(list->viewport()->rect().contains(r),
                 qPrintable(QStringLiteral("row %1 at %2..%3 of %4")
                                .arg(row)
                                .arg(r.top())
                                .arg(r.bottom())
                                .arg(list->viewport()->height())));
        seen << index.data().toString();
    }
    QCOMPARE(seen.size(), 37);
    // More than a handful at once.
    const int rowHeight = list->visualRect(list->model()->index(0, 0)).height();
    QVERIFY(rowHeight > 0);
    QVERIFY2(list->viewport()->height() / rowHeight >= 4,
             qPrintable(QString::number(list->viewport()->height() / rowHeight)));
    list->setCurrentIndex(QModelIndex());
    for (int i = 0; i < 37; ++i)
        view.stepDiagnostic(1);
    QCOMPARE(list->currentIndex().row(), 36);
    view.stepDiagnostic(1);
    QCOMPARE(list->currentIndex().row(), 0);
}

// The file pages are reused from proposal to proposal (J/K fills them, it does not build
// them): nothing of the last proposal may show through. Its scroll position, colours,
// notes, extra tabs and "more files" tab are gone, and a pinned file tab stays in range.
void CodeViewTest::theNextProposalStartsOnAFreshPage()
{
    const auto file = [](const QString &path, const QString &language, int lines, int first) {
        Artifact a;
        a.path = path;
        a.declaredLanguage = language;
        a.language = language;
        QStringList text;
        for (int i = 0; i < lines; ++i)
            text << QStringLiteral("x_%1 = %1").arg(i);
        a.content = text.join(QLatin1Char('\n'));
        a.firstLine = first;
        a.lastLine = first + lines - 1;
        return a;
    };
    const auto proposal = [&](const QString &id, int files, const QString &language) {
        StoredProposal stored;
        stored.proposal.id = id;
        stored.revision = 1;
        for (int i = 0; i < files; ++i) {
            stored.proposal.artifacts.push_back(
                file(QStringLiteral("f%1.%2").arg(i).arg(language == QLatin1String("python")
                                                              ? QStringLiteral("py")
                                                              : QStringLiteral("sql")),
                     language, 400, 10 + i * 410));
        }
        return stored;
    };
    ProposalView view;
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int fixedTabs = 3; // text, risks, history

    view.setProposal(proposal(QStringLiteral("fsar_three"), 3, QStringLiteral("python")));
    QCOMPARE(view.codeViews().size(), 3);
    QCOMPARE(view.tabs()->count(), 3 + fixedTabs);
    CodeView *first = view.codeViews().front();
    view.setDiagnostics({diagnostic(QStringLiteral("f0.py"), 20, QStringLiteral("old note"))});
    QVERIFY(first->hasInlineNote(10));
    first->verticalScrollBar()->setValue(first->verticalScrollBar()->maximum());
    QVERIFY(first->verticalScrollBar()->value() > 0);
    const QString python = first->definitionName();
    view.setTabPinned(true);
    view.tabs()->setCurrentIndex(2); // the third file

    view.setProposal(proposal(QStringLiteral("fsar_one"), 1, QStringLiteral("sql")));
    QCOMPARE(view.codeViews().size(), 1);
    QCOMPARE(view.tabs()->count(), 1 + fixedTabs);
    QCOMPARE(view.tabs()->tabText(0), QStringLiteral("f0.sql"));
    QCOMPARE(view.tabs()->currentIndex(), 0); // the pinned third file is now the last file
    CodeView *code = view.codeViews().front();
    QCOMPARE(code->verticalScrollBar()->value(), 0);
    QVERIFY(!code->hasInlineNote(10));
    QVERIFY(code->definitionName() != python);
    QCOMPARE(code->definitionName(),
             SyntaxHighlighterAdapter::definitionName(QStringLiteral("f0.sql"),
                                                      QStringLiteral("sql")));
    QCOMPARE(code->firstLine(), 10);
    QVERIFY(code->toPlainText().startsWith(QStringLiteral("x_0 = 0")));

    view.setTabPinned(false);
    const int many = ProposalView::kMaxCodeTabs + 2;
    view.setProposal(proposal(QStringLiteral("fsar_many"), many, QStringLiteral("sql")));
    QCOMPARE(view.codeViews().size(), ProposalView::kMaxCodeTabs);
    QCOMPARE(view.tabs()->count(), ProposalView::kMaxCodeTabs + 1 + fixedTabs);
    QCOMPARE(view.tabs()->tabText(ProposalView::kMaxCodeTabs), QStringLiteral("2 more files"));
    QCOMPARE(view.tabs()->currentIndex(), 0);

    view.clear();
    QCOMPARE(view.codeViews().size(), 0);
    QCOMPARE(view.tabs()->count(), fixedTabs);
    QCOMPARE(view.tabs()->currentWidget(), static_cast<QWidget *>(view.bodyView()));
}

// A finding about the whole file (another proposal writes it, a dangerous target: on the
// line that names the file, not one of its lines) is shown above the code, drawn like the
// notes under lines; at most three rows, the last counting the rest.
void CodeViewTest::aFindingAboutTheFileHasABandAboveTheCode()
{
    const Proposal p = sample(QStringLiteral("000_471f460746578cde.txt"));
    const Artifact &a = p.artifacts.front();
    CodeView view;
    view.setArtifact(a);
    view.resize(700, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int codeTop = view.viewport()->geometry().top();
    QVERIFY(!view.fileNotes()->isVisible());

    std::vector<Diagnostic> findings = {
        diagnostic(a.path, a.firstLine - 1, QStringLiteral("also written by fsar_other"),
                   DiagnosticSeverity::Warning),
        diagnostic(a.path, a.firstLine + 2, QStringLiteral("on its line")),
    };
    findings.front().rule = QStringLiteral("target-conflict");
    view.setDiagnostics(findings);
    QCOMPARE(view.fileNotes()->rowTexts(),
             QStringList{QStringLiteral("also written by fsar_other  [target-conflict]")});
    QVERIFY(view.fileNotes()->isVisible());
    const QRect band = view.fileNotes()->geometry();
    QVERIFY(band.height() > 0);
    // The code moves down by the band; the line's own note stays under its line.
    QCOMPARE(view.viewport()->geometry().top(), codeTop + band.height());
    QVERIFY(view.hasInlineNote(2));
    QCOMPARE(int(view.diagnostics().size()), 1);
    QApplication::processEvents();
    const QImage image = view.grab().toImage();
    QVERIFY2(pixelsNear(image, band, view.colors().warning) > 20,
             "the band is drawn in the warning colour");

    // Four about the file: two rows of them, and a row that counts the other two.
    for (int i = 0; i < 3; ++i)
        findings.push_back(diagnostic(a.path, 0, QStringLiteral("finding %1").arg(i)));
    view.setDiagnostics(findings);
    const QStringList rows = view.fileNotes()->rowTexts();
    QCOMPARE(rows.size(), FileNotesBar::kMaxRows);
    QVERIFY2(rows.front().startsWith(QStringLiteral("finding 0")), qPrintable(rows.front()));
    QVERIFY2(rows.back().startsWith(QStringLiteral("+2 more")), qPrintable(rows.back()));
    QVERIFY(view.fileNotes()->toolTip().contains(QStringLiteral("also written by fsar_other")));

    view.setDiagnostics({});
    QVERIFY(!view.fileNotes()->isVisible());
    QCOMPARE(view.viewport()->geometry().top(), codeTop);
}

QTEST_MAIN(CodeViewTest)
#include "codeview_test.moc"
