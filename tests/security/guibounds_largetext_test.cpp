// SPDX-License-Identifier: GPL-3.0-or-later
// Trust issue, item 1: a 50 MB single-line artifact took 163 s to open and a 1,000,000-line
// one 34 s (QPlainTextEdit laid out the giant line; KSyntaxHighlighting coloured every
// line on the GUI thread). The code and text views now show a bounded text with markers
// that say what is hidden, and Copy still gives the whole text. Behaviour, not timing:
// the figures are in docs/PERFORMANCE.md.
#include "boundedtextedit.h"
#include "codeview.h"
#include "plaintext.h"
#include "proposalview.h"
#include "syntaxhighlighteradapter.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>

using namespace verdict;

class GuiBoundsLargeTextTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fiftyMegabyteLine();
    void millionLines();
    void selectionMapsToTheReportText_data();
    void selectionMapsToTheReportText();
    void controlsKeepLinesAndColumns();
    void emptyArtifact();
    void proposalViewShowsTheNotes();
    void thousandsOfFilesGetBoundedTabs();

private:
    static Artifact artifact(const QString &content, const QString &path = {});
    static QString copyAll(QPlainTextEdit *view);
};

Artifact GuiBoundsLargeTextTest::artifact(const QString &content, const QString &path)
{
    Artifact a;
    a.path = path.isEmpty() ? QStringLiteral("generated_1.sql") : path;
    a.declaredLanguage = QStringLiteral("sql");
    a.language = QStringLiteral("sql");
    a.firstLine = 10;
    a.lastLine = 10 + int(content.count(QLatin1Char('\n')));
    a.content = content;
    return a;
}

QString GuiBoundsLargeTextTest::copyAll(QPlainTextEdit *view)
{
    QApplication::clipboard()->clear();
    view->selectAll();
    view->copy();
    return QApplication::clipboard()->text();
}

void GuiBoundsLargeTextTest::fiftyMegabyteLine()
{
    const QString content = QStringLiteral("SELECT '") + QString(50 << 20, QLatin1Char('y'))
                            + QStringLiteral("';\nSELECT 2;");
    CodeView view;
    view.resize(800, 400);
    view.setArtifact(artifact(content));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.grab().isNull());

    // Shown: the line's first characters, then the marker; the next line as it is.
    QCOMPARE(view.document()->blockCount(), 2);
    const QString first = view.document()->firstBlock().text();
    QVERIFY2(first.size() <= BoundedTextEdit::kMaxLineChars + 200, qPrintable(first.right(200)));
    QVERIFY(first.startsWith(QStringLiteral("SELECT 'yyy")));
    // 50 MiB + "SELECT '" + "';" less the 5,000 shown.
    QVERIFY2(first.contains(QStringLiteral("52,423,810 more characters on this line not shown")),
             qPrintable(first.right(120)));
    QVERIFY(first.contains(QStringLiteral("Copy gets them")));
    QCOMPARE(view.document()->lastBlock().text(), QStringLiteral("SELECT 2;"));
    QCOMPARE(view.cutLineCount(), 1);
    QCOMPARE(view.textLengthOfBlock(0), BoundedTextEdit::kMaxLineChars);
    QVERIFY(!view.limitsNote().isEmpty());
    QVERIFY(view.scrollToLine(11));

    // The whole text through Copy.
    const QString copied = copyAll(&view);
    QCOMPARE(copied.size(), content.size());
    QVERIFY(copied == content);
}

void GuiBoundsLargeTextTest::millionLines()
{
    QStringList lines;
    lines.reserve(1000000);
    for (int i = 0; i < 1000000; ++i)
        lines << QStringLiteral("SELECT %1 FROM t;").arg(i);
    const QString content = lines.join(QLatin1Char('\n'));
    CodeView view;
    view.resize(800, 400);
    view.setArtifact(artifact(content));
    QVERIFY(!view.definitionName().isEmpty());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.grab().isNull());

    QCOMPARE(view.shownLineCount(), BoundedTextEdit::kMaxLines);
    QCOMPARE(view.hiddenLineCount(), 1000000 - BoundedTextEdit::kMaxLines);
    QCOMPARE(view.document()->blockCount(), BoundedTextEdit::kMaxLines + 1);
    const QString marker = view.document()->lastBlock().text();
    QVERIFY2(marker.contains(QStringLiteral("900,000 more lines")), qPrintable(marker));
    QVERIFY(view.colouredLineCount() <= SyntaxHighlighterAdapter::kMaxColouredLines);
    QVERIFY(view.colouredLineCount() > 0);
    QVERIFY2(view.limitsNote().contains(QStringLiteral("Colours stop")),
             qPrintable(view.limitsNote()));
    // The last shown line is the report's line; the hidden ones cannot be scrolled to.
    QVERIFY(view.scrollToLine(10 + BoundedTextEdit::kMaxLines - 1));
    QVERIFY(!view.scrollToLine(10 + BoundedTextEdit::kMaxLines));
    Diagnostic shown;
    shown.artifact = QStringLiteral("generated_1.sql");
    shown.line = 12;
    shown.message = QStringLiteral("shown");
    Diagnostic hidden = shown;
    hidden.line = 500000;
    view.setDiagnostics({shown, hidden});
    QCOMPARE(int(view.diagnostics().size()), 1);
    // Underlines follow the visible lines (scrolled to the end: line 12 is far away).
    QCOMPARE(view.extraSelections().size(), 0);
    QVERIFY(view.scrollToLine(12));
    QCOMPARE(view.extraSelections().size(), 1);

    QVERIFY(copyAll(&view) == content);
}

void GuiBoundsLargeTextTest::selectionMapsToTheReportText_data()
{
    QTest::addColumn<int>("fromLine");
    QTest::addColumn<int>("fromColumn"); // a column past the line's text: in the marker
    QTest::addColumn<int>("toLine");
    QTest::addColumn<int>("toColumn");

    QTest::newRow("inside a short line") << 1 << 2 << 1 << 5;
    QTest::newRow("short line to inside a cut line's text") << 1 << 0 << 2 << 100;
    QTest::newRow("cut line's text to its marker") << 2 << 10 << 2 << 5050;
    QTest::newRow("from a marker to a later line") << 2 << 5030 << 4 << 3;
    QTest::newRow("across two cut lines") << 0 << 4999 << 3 << 6000;
    QTest::newRow("after the cuts") << 4 << 1 << 4 << 8;
}

void GuiBoundsLargeTextTest::selectionMapsToTheReportText()
{
    QFETCH(int, fromLine);
    QFETCH(int, fromColumn);
    QFETCH(int, toLine);
    QFETCH(int, toColumn);
    const QStringList lines{QString(7000, QLatin1Char('a')), QStringLiteral("short one"),
                            QString(9000, QLatin1Char('b')) + QStringLiteral("END"),
                            QString(12000, QLatin1Char('c')), QStringLiteral("tail line")};
    const QString text = lines.join(QLatin1Char('\n'));
    BoundedTextEdit view;
    view.setFullText(text);
    QCOMPARE(view.cutLineCount(), 3);
    // Expected: the report's text between the same line/column points, a column in the
    // marker standing for the end of the line (the hidden part included).
    auto offset = [&](int line, int column, bool isEnd) {
        qsizetype o = 0;
        for (int i = 0; i < line; ++i)
            o += lines.at(i).size() + 1;
        const int kept = lines.at(line).size() > BoundedTextEdit::kMaxLineChars
                             ? BoundedTextEdit::kMaxLineChars
                             : int(lines.at(line).size());
        if (column > kept)
            column = isEnd ? int(lines.at(line).size()) : kept;
        return o + column;
    };
    auto position = [&](int line, int column) {
        const QTextBlock b = view.document()->findBlockByNumber(line);
        return b.position() + std::min(column, b.length() - 1);
    };
    const qsizetype start = offset(fromLine, fromColumn, false);
    const qsizetype end = offset(toLine, std::min<int>(toColumn,
                                                       view.document()
                                                           ->findBlockByNumber(toLine)
                                                           .length() - 1),
                                 true);
    QCOMPARE(view.fullTextBetween(position(fromLine, fromColumn), position(toLine, toColumn)),
             text.mid(start, end - start));

    QTextCursor cursor(view.document());
    cursor.setPosition(position(fromLine, fromColumn));
    cursor.setPosition(position(toLine, toColumn), QTextCursor::KeepAnchor);
    view.setTextCursor(cursor);
    QApplication::clipboard()->clear();
    view.copy();
    QCOMPARE(QApplication::clipboard()->text(), text.mid(start, end - start));
}

void GuiBoundsLargeTextTest::controlsKeepLinesAndColumns()
{
    // '\r', U+2029 and U+FDD0 would each start a block of their own in QTextDocument
    // (line numbers off by one from there on); bidi overrides would reorder what is read.
    const QString evil = QStringLiteral("SELECT 1;\r -- x") + QChar(0x2029)
                         + QStringLiteral("y") + QChar(0xFDD0) + QChar(0x202E)
                         + QStringLiteral("cilbup") + QChar(0x202C)
                         + QStringLiteral("\nDROP TABLE t;\n\x01\x1b[2J");
    CodeView view;
    view.setArtifact(artifact(evil));
    QCOMPARE(view.document()->blockCount(), 3);
    QCOMPARE(view.lineNumberOfBlock(1), 11);
    QCOMPARE(view.document()->findBlockByNumber(1).text(), QStringLiteral("DROP TABLE t;"));
    const QString shown = view.toPlainText();
    QCOMPARE(shown.size(), evil.size()); // one symbol for one character
    for (const QChar c : {QChar(0x0D), QChar(0x2029), QChar(0xFDD0), QChar(0x202E),
                          QChar(0x01), QChar(0x1B)})
        QVERIFY2(!shown.contains(c), qPrintable(QString::number(c.unicode(), 16)));
    QVERIFY(copyAll(&view) == evil);
}

// Found by fuzz_proposalview (a check of its own, not a crash): an artifact with no
// content ("Create or update the file docs/empty.md" and nothing after it) copies as "".
void GuiBoundsLargeTextTest::emptyArtifact()
{
    CodeView view;
    view.setArtifact(artifact(QString()));
    QCOMPARE(view.shownLineCount(), 1);
    QCOMPARE(view.fullTextBetween(0, 100), QString());
    QApplication::clipboard()->setText(QStringLiteral("before"));
    QApplication::clipboard()->clear();
    view.selectAll();
    view.copy();
    QCOMPARE(QApplication::clipboard()->text(), QString());
    QVERIFY(view.limitsNote().isEmpty());
}

void GuiBoundsLargeTextTest::proposalViewShowsTheNotes()
{
    StoredProposal stored;
    stored.revision = 1;
    stored.latestRevision = 1;
    Proposal &p = stored.proposal;
    p.id = QStringLiteral("fsar_large");
    p.sourceFile = QStringLiteral("large.txt");
    p.sourceLine = 1;
    const QString longLine = QStringLiteral("This is for opportunity: ")
                             + QString(1 << 20, QLatin1Char('o'));
    p.body = QStringLiteral("idea_implementation: text\n") + longLine;
    p.artifacts.push_back(artifact(QString(60000, QLatin1Char('z'))));
    ProposalView view;
    view.resize(900, 700);
    view.setProposal(stored);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.grab().isNull());

    // The note over the code says what is hidden; the body shows its long line cut.
    auto *info = view.findChild<QLabel *>(QStringLiteral("artifactInfo"));
    QVERIFY(info);
    QVERIFY2(info->text().contains(QStringLiteral("cut at")), qPrintable(info->text()));
    QVERIFY(view.bodyView()->cutLineCount() == 1);
    QVERIFY(view.bodyView()->document()->lastBlock().text().contains(
        QStringLiteral("more characters on this line not shown")));
    QVERIFY(copyAll(view.bodyView()) == p.body);
    QVERIFY(copyAll(view.codeViews().front()) == p.artifacts.front().content);
}

void GuiBoundsLargeTextTest::thousandsOfFilesGetBoundedTabs()
{
    // A code view per file named: 20,000 of them took minutes and gigabytes.
    StoredProposal stored;
    stored.revision = 1;
    stored.latestRevision = 1;
    stored.proposal.id = QStringLiteral("fsar_many");
    for (int i = 0; i < 20000; ++i)
        stored.proposal.artifacts.push_back(artifact(QStringLiteral("SELECT %1;").arg(i),
                                                     QStringLiteral("f%1.sql").arg(i)));
    ProposalView view;
    view.setProposal(stored);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.grab().isNull());
    QCOMPARE(view.codeViews().size(), ProposalView::kMaxCodeTabs);
    QVERIFY(view.tabs()->count() <= ProposalView::kMaxCodeTabs + 4);
    auto *targets = view.findChild<QLabel *>(QStringLiteral("proposalTargets"));
    QVERIFY(targets);
    QVERIFY(targets->text().size() <= PlainText::kBlockChars);
    QCOMPARE(PlainText::copyText(targets).count(QLatin1Char('\n')), 19999);
}

QTEST_MAIN(GuiBoundsLargeTextTest)
#include "guibounds_largetext_test.moc"
