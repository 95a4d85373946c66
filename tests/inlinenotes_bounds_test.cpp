// SPDX-License-Identifier: GPL-3.0-or-later
// Room to read: a diagnostic's message is drawn under its line in the code view, and the
// list opens the current one whole. A message is report text (a checker quotes the code),
// so both stay bounded whatever it holds: megabytes, control and bidi characters, tens of
// thousands of findings. Behaviour, not timing.
#include "codeview.h"
#include "plaintext.h"
#include "proposalview.h"
#include "queue/diagnosticsmodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextDocumentFragment>

using namespace verdict;

class InlineNotesBoundsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hugeMessage_data();
    void hugeMessage();
    void tensOfThousandsOfFindings();
    void findingsPastTheShownLines();
    void hugeMessageInTheList();
    void placeholdersInAPath();

private:
    static Artifact artifact(int lines);
    static Diagnostic diagnostic(int line, const QString &message, const QString &rule = {});
};

Artifact InlineNotesBoundsTest::artifact(int lines)
{
    QStringList text;
    text.reserve(lines);
    for (int i = 0; i < lines; ++i)
        text << QStringLiteral("SELECT %1 FROM t;").arg(i);
    Artifact a;
    a.path = QStringLiteral("generated_1.sql");
    a.declaredLanguage = QStringLiteral("sql");
    a.language = QStringLiteral("sql");
    a.firstLine = 10;
    a.lastLine = 10 + lines - 1;
    a.content = text.join(QLatin1Char('\n'));
    return a;
}

Diagnostic InlineNotesBoundsTest::diagnostic(int line, const QString &message, const QString &rule)
{
    Diagnostic d;
    d.rule = rule.isEmpty() ? QStringLiteral("syntax-error") : rule;
    d.severity = DiagnosticSeverity::Error;
    d.message = message;
    d.artifact = QStringLiteral("generated_1.sql");
    d.line = line;
    d.column = 1;
    return d;
}

void InlineNotesBoundsTest::hugeMessage_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("wrap");
    QTest::newRow("300k characters") << QString(300000, QLatin1Char('m')) << QString() << false;
    QTest::newRow("300k characters, wrapped") << QString(300000, QLatin1Char('m')) << QString()
                                              << true;
    QTest::newRow("300k words") << QStringLiteral("word ").repeated(60000) << QString() << true;
    // Appended piece by piece: GCC 12 at -O3 warns falsely on this as one QStringBuilder.
    QString piece = QStringLiteral("fine\n\u202Eevil\u202C");
    piece += QLatin1Char('\0');
    piece += QStringLiteral("\r\u200B");
    QTest::newRow("newlines, bidi, controls")
        << piece.repeated(20000)
        << QString()
        << false;
    QTest::newRow("300k-character rule") << QStringLiteral("short") << QString(300000, QLatin1Char('r'))
                                         << false;
}

void InlineNotesBoundsTest::hugeMessage()
{
    QFETCH(QString, message);
    QFETCH(QString, rule);
    QFETCH(bool, wrap);
    CodeView view;
    view.resize(800, 400);
    view.setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    view.setArtifact(artifact(20));
    view.setDiagnostics({diagnostic(12, message, rule), diagnostic(12, message, rule)});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.grab().isNull());

    const auto notes = view.visibleInlineNotes();
    QCOMPARE(int(notes.size()), 1);
    const CodeView::InlineNote &note = notes.front();
    QCOMPARE(note.blockNumber, 2);
    // One row of the view's width: cut, on one line, every character visible.
    QVERIFY(note.shown.size() <= CodeView::kNoteChars + PlainText::kShortChars + 40);
    QVERIFY(QFontMetrics(QApplication::font()).horizontalAdvance(note.shown)
            <= note.text.width() + 40);
    QVERIFY(note.band.height() < 3 * view.fontMetrics().height());
    for (const QChar c : note.shown) {
        QVERIFY2(c != QLatin1Char('\n') && c != QChar(0x202E) && c != QChar(0) && c != QChar(0x200B)
                     && c != QLatin1Char('\r'),
                 qPrintable(QString::number(c.unicode(), 16)));
    }
    // The band is one row under the line whatever the message: the next line follows it.
    QVERIFY(view.blockRect(3).top() >= note.band.bottom());
    QVERIFY(view.blockRect(2).height() < 5 * view.fontMetrics().height());
    // The tool tip is bounded too, and tells both lines.
    const QString tip = view.lineToolTip(2);
    QVERIFY(tip.size() <= 8 * PlainText::kToolTipChars);
    QString shownTip = QTextDocumentFragment::fromHtml(tip).toPlainText();
    QVERIFY(shownTip.size() <= PlainText::kToolTipChars + 2);
    QVERIFY2(shownTip.remove(QChar(0x200B))
                 .startsWith(QStringLiteral("Line 3 of generated_1.sql · line 12 of the report")),
             qPrintable(shownTip.left(80)));
}

// A finding on every line (and a hundred on one): each line gets its band, only the lines
// in view are laid out as notes, and the last line can be reached with its note in view.
void InlineNotesBoundsTest::tensOfThousandsOfFindings()
{
    constexpr int kLines = 20000;
    std::vector<Diagnostic> many;
    many.reserve(kLines + 100);
    for (int i = 0; i < kLines; ++i)
        many.push_back(diagnostic(10 + i, QStringLiteral("finding on line %1").arg(i + 1)));
    for (int i = 0; i < 100; ++i)
        many.push_back(diagnostic(15, QStringLiteral("one of a hundred")));
    CodeView view;
    view.resize(800, 400);
    view.setArtifact(artifact(kLines));
    view.setDiagnostics(many);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.hasInlineNote(0));
    QVERIFY(view.hasInlineNote(kLines - 1));
    const int rowsInView = view.viewport()->height() / view.fontMetrics().height() + 1;
    const auto top = view.visibleInlineNotes();
    QVERIFY(!top.empty());
    QVERIFY(int(top.size()) <= rowsInView);
    const auto crowded = std::find_if(top.begin(), top.end(),
                                      [](const CodeView::InlineNote &n) { return n.blockNumber == 5; });
    QVERIFY(crowded != top.end());
    QVERIFY2(crowded->shown.contains(QStringLiteral("+100 more")), qPrintable(crowded->shown));

    QVERIFY(view.scrollToLine(10 + kLines - 1));
    QCoreApplication::processEvents();
    QVERIFY(!view.grab().isNull());
    const auto bottom = view.visibleInlineNotes();
    QVERIFY(int(bottom.size()) <= rowsInView);
    const auto last = std::find_if(bottom.begin(), bottom.end(), [](const CodeView::InlineNote &n) {
        return n.blockNumber == kLines - 1;
    });
    QVERIFY(last != bottom.end());
    QVERIFY(view.viewport()->rect().contains(last->band));
    QCOMPARE(last->shown, QStringLiteral("finding on line %1  [syntax-error]").arg(kLines));
}

// Lines the view does not show (past BoundedTextEdit::kMaxLines) get no band, nor does the
// "lines not shown" marker.
void InlineNotesBoundsTest::findingsPastTheShownLines()
{
    const int lines = BoundedTextEdit::kMaxLines + 50;
    CodeView view;
    view.resize(800, 400);
    view.setArtifact(artifact(lines));
    QCOMPARE(view.shownLineCount(), BoundedTextEdit::kMaxLines);
    view.setDiagnostics({diagnostic(10 + lines - 1, QStringLiteral("hidden")),
                         diagnostic(10 + BoundedTextEdit::kMaxLines - 1, QStringLiteral("last shown"))});
    QCOMPARE(int(view.diagnostics().size()), 1);
    QVERIFY(view.hasInlineNote(BoundedTextEdit::kMaxLines - 1));
    QVERIFY(!view.hasInlineNote(BoundedTextEdit::kMaxLines));
    QCOMPARE(view.gutterLabel(BoundedTextEdit::kMaxLines), QString());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.scrollToLine(10 + BoundedTextEdit::kMaxLines - 1));
    QCoreApplication::processEvents();
    QVERIFY(!view.grab().isNull());
}

// The list opens the current row to its whole message: bounded like every cell (the
// model's display text), so the row stays a few lines, not thousands.
void InlineNotesBoundsTest::hugeMessageInTheList()
{
    StoredProposal stored;
    stored.proposal.id = QStringLiteral("fsar_huge");
    stored.proposal.sourceFile = QStringLiteral("huge.txt");
    stored.proposal.artifacts.push_back(artifact(30));
    ProposalView view;
    view.resize(670, 560);
    view.setProposal(stored);
    view.setDiagnostics({diagnostic(12, QStringLiteral("word ").repeated(60000)),
                         diagnostic(13, QString(300000, QLatin1Char('m')))});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView *list = view.diagnosticsView();
    const int oneLine = list->verticalHeader()->defaultSectionSize();
    for (int row = 0; row < 2; ++row) {
        view.stepDiagnostic(1);
        QCoreApplication::processEvents();
        QCOMPARE(list->currentIndex().row(), row);
        const int height = list->rowHeight(row);
        QVERIFY2(height > oneLine || row == 1, qPrintable(QString::number(height)));
        QVERIFY2(height < 60 * oneLine, qPrintable(QString::number(height)));
        // The row before closes again.
        if (row > 0)
            QCOMPARE(list->rowHeight(row - 1), oneLine);
        QVERIFY(!view.grab().isNull());
    }
    // Copy still gives the whole message.
    QCOMPARE(list->currentIndex().data(DiagnosticsModel::MessageRole).toString().size(), 300000);
}

// A path is report text: "%1" in it is not a placeholder of the tool tip's sentence.
void InlineNotesBoundsTest::placeholdersInAPath()
{
    Artifact a = artifact(5);
    a.path = QStringLiteral("x%1%2%3.sql");
    CodeView view;
    view.setArtifact(a);
    const QString tip = QTextDocumentFragment::fromHtml(view.lineToolTip(1)).toPlainText().remove(
        QChar(0x200B));
    QVERIFY2(tip.startsWith(QStringLiteral("Line 2 of x%1%2%3.sql · line 11 of the report")),
             qPrintable(tip));
}

QTEST_MAIN(InlineNotesBoundsTest)
#include "inlinenotes_bounds_test.moc"
