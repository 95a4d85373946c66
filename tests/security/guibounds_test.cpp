// SPDX-License-Identifier: GPL-3.0-or-later
// Trust issue, item 1: one long field must not crash or bloat the GUI. A 300,000-character
// id crashed `verdict` in QTabBar::paintEvent (the window grew as wide as the text), and
// did so on every start once imported. Each row imports one hostile report (plus, for
// the history rows, a hostile decision, and for the diagnostics row a hostile finding)
// into the real MainWindow, shows and grabs it, then checks that every text a person can
// see is bounded and free of control and bidi characters, and that the copy path still
// gives the whole value.
#include "codeview.h"
#include "historyview.h"
#include "importtask.h"
#include "mainwindow.h"
#include "store/storeworker.h"
#include "plaintext.h"
#include "proposalview.h"
#include "queue/diagnosticsmodel.h"
#include "queue/queuemodel.h"
#include "store/store.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocumentFragment>
#include <QTreeWidget>

using namespace verdict;

namespace {

// Where the whole value is copied from in the GUI.
enum class CopyPath {
    WindowIdAction,   // Review > Copy proposal id (Ctrl+Shift+C)
    QueueOpportunity, // the queue's context menu
    TitleLabel,       // the proposal's title label's context menu
    TargetLabels,     // the artifact tab's path label, and the target files field
    RisksLabel,
    HistoryReason,    // the history tree's context menu
    HistoryReviewer,
    DiagnosticMessage // the diagnostics table's context menu
};

// Characters no shown text may hold: they hide or reorder what a reviewer reads.
bool isDangerous(QChar c)
{
    const char16_t u = c.unicode();
    return (u < 0x20 && u != u'\n' && u != u'\t') || u == 0x7f || (u >= 0x80 && u <= 0x9f)
           || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x2028
           || u == 0x2029 || u == 0x200e || u == 0x200f || u == 0xfeff;
}

// Length as shown: the zero-width spaces that let labels wrap take no room.
int shownLength(const QString &text)
{
    return int(text.size() - text.count(QChar(0x200B)));
}

QString controls()
{
    // C0 controls, DEL, a C1 control, bidi overrides and isolates, a line separator:
    // "evil" reads as "live" with U+202E in front of it.
    // Appended piece by piece: GCC 12 at -O3 warns falsely on this as one QStringBuilder.
    QString s = QStringLiteral("a\x01\x07\x1b[31mb\x7f");
    s += QChar(0x85);
    s += QChar(0x202E);
    s += QStringLiteral("evil");
    for (const char16_t c : {u'\u202C', u'\u2066', u'x', u'\u2069', u'\u2028', u'\u200F'})
        s += QChar(c);
    s += QStringLiteral("end");
    return s;
}

QString report(const QString &id, const QString &opportunity, const QString &path,
               const QStringList &risks, const QString &kind = QStringLiteral("idea_impl"))
{
    QString text = QStringLiteral("# FSAR Proposal Report\n- id: ") + id
                   + QStringLiteral("\n- timestamp: 2026-01-02T19:12:25.611Z\n- severity: 6\n"
                                    "- block_execution: false\n- proposal:\n\n")
                   + kind + QStringLiteral(": Create or update the file ") + path
                   + QStringLiteral(" with this complete content:\n\nSELECT 1;\n\n"
                                    "This is for opportunity: ")
                   + opportunity
                   + QStringLiteral("\nMake sure the file is complete, working, and "
                                    "production-ready.\n\n## Risks\n");
    for (const QString &r : risks)
        text += QStringLiteral("- ") + r + QLatin1Char('\n');
    text += QStringLiteral("\n## Mitigations\n- Roll back\n");
    return text;
}

} // namespace

class GuiBoundsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostileField_data();
    void hostileField();

private:
    void checkBounded(QWidget *window);
};

void GuiBoundsTest::initTestCase()
{
    static QTemporaryDir settingsDir;
    QVERIFY(settingsDir.isValid());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("verdict-guibounds-test"));
    QCoreApplication::setApplicationName(QStringLiteral("guibounds_test"));
}

void GuiBoundsTest::hostileField_data()
{
    QTest::addColumn<QString>("reportText");
    QTest::addColumn<QString>("reviewer"); // of a decision recorded first, when not empty
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");  // of a diagnostic, when not empty
    QTest::addColumn<int>("copyPath");
    QTest::addColumn<QString>("full");     // what the copy path must give

    const QString id = QStringLiteral("fsar_11111111-2222-4333-8444-555555555555");
    const QString sql = QStringLiteral("generated_1.sql");
    const QStringList oneRisk{QStringLiteral("Slow failure")};
    const QString opp = QStringLiteral("Make.com Scenario Generation");

    const QString longId = QStringLiteral("fsar_") + QString(300000, QLatin1Char('a'));
    QTest::newRow("300,000-character id")
        << report(longId, opp, sql, oneRisk) << QString() << QString() << QString()
        << int(CopyPath::WindowIdAction) << longId;
    const QString longOpportunity = QString(1 << 20, QLatin1Char('x'));
    QTest::newRow("1 MB opportunity")
        << report(id, longOpportunity, sql, oneRisk) << QString() << QString() << QString()
        << int(CopyPath::TitleLabel) << longOpportunity;
    QTest::newRow("1 MB opportunity, queue copy")
        << report(id, longOpportunity, sql, oneRisk) << QString() << QString() << QString()
        << int(CopyPath::QueueOpportunity) << longOpportunity;
    const QString longPath = QStringLiteral("dir/") + QString(100000, QLatin1Char('p'))
                             + QStringLiteral(".sql");
    QTest::newRow("100,000-character target path")
        << report(id, opp, longPath, oneRisk) << QString() << QString() << QString()
        << int(CopyPath::TargetLabels) << longPath;
    QStringList manyRisks;
    for (int i = 0; i < 100000; ++i)
        manyRisks << QStringLiteral("risk %1").arg(i);
    QTest::newRow("100,000 risks")
        << report(id, opp, sql, manyRisks) << QString() << QString() << QString()
        << int(CopyPath::RisksLabel) << manyRisks.join(QLatin1Char('\n'));
    const QString longReason = QString(1 << 20, QLatin1Char('r'));
    QTest::newRow("1 MB reason in history")
        << report(id, opp, sql, oneRisk) << QStringLiteral("mallory") << longReason
        << QString() << int(CopyPath::HistoryReason) << longReason;
    const QString longReviewer = QString(100000, QLatin1Char('m'));
    QTest::newRow("100,000-character reviewer name")
        << report(id, opp, sql, oneRisk) << longReviewer << QStringLiteral("no")
        << QString() << int(CopyPath::HistoryReviewer) << longReviewer;
    const QString longMessage = QStringLiteral("near ") + QString(1 << 20, QLatin1Char('d'));
    QTest::newRow("1 MB diagnostic message")
        << report(id, opp, sql, oneRisk) << QString() << QString() << longMessage
        << int(CopyPath::DiagnosticMessage) << longMessage;

    // Control characters and bidi overrides in every field at once; each copy path gives
    // them back as they were.
    const QString c = controls();
    const QString controlReport =
        report(QStringLiteral("fsar_") + c, c, QStringLiteral("dir/") + c + QStringLiteral(".sql"),
               {c, QStringLiteral("second ") + c});
    const QString controlId = QStringLiteral("fsar_") + c;
    QTest::newRow("controls: id") << controlReport << QString() << QString() << QString()
                                  << int(CopyPath::WindowIdAction) << controlId;
    QTest::newRow("controls: opportunity") << controlReport << QString() << QString()
                                           << QString() << int(CopyPath::TitleLabel) << c;
    QTest::newRow("controls: target path")
        << controlReport << QString() << QString() << QString() << int(CopyPath::TargetLabels)
        << QStringLiteral("dir/") + c + QStringLiteral(".sql");
    QTest::newRow("controls: risks")
        << controlReport << QString() << QString() << QString() << int(CopyPath::RisksLabel)
        << c + QStringLiteral("\nsecond ") + c;
    QTest::newRow("controls: reason") << controlReport << QStringLiteral("mallory") << c
                                      << QString() << int(CopyPath::HistoryReason) << c;
    QTest::newRow("controls: reviewer") << controlReport << c << QStringLiteral("no")
                                        << QString() << int(CopyPath::HistoryReviewer) << c;
    QTest::newRow("controls: diagnostic message")
        << controlReport << QString() << QString() << c << int(CopyPath::DiagnosticMessage)
        << c;
}

void GuiBoundsTest::hostileField()
{
    QFETCH(QString, reportText);
    QFETCH(QString, reviewer);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    QFETCH(int, copyPath);
    QFETCH(QString, full);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(QStringLiteral("verdict.sqlite"));
    const QString file = dir.filePath(QStringLiteral("hostile.txt"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(reportText.toUtf8());
    }
    const ImportOutcome outcome = ImportTask::run(db, {file}, QStringLiteral("test"));
    QVERIFY2(outcome.ok, qPrintable(ImportTask::describe(outcome)));

    auto store = openStore(db);
    QVERIFY(store);
    auto queue = store.value()->queue();
    QVERIFY(queue && queue->size() == 1);
    const QString proposalId = queue->front().id;
    if (!reviewer.isEmpty()) {
        DecisionRequest request;
        request.proposalId = proposalId;
        request.verdict = Verdict::Reject;
        request.reviewer = reviewer;
        request.reason = reason;
        auto decided = store.value()->decide(request);
        QVERIFY2(decided, qPrintable(decided.errorMessage()));
    }

    MainWindow window(std::move(store).value(), QStringLiteral("alice"));
    QVERIFY(window.storeWorker()->waitForIdle()); // the queue, read on the store thread
    QVERIFY(window.selectRow(0));
    QVERIFY(window.storeWorker()->waitForIdle()); // the proposal, read and shown
    if (!message.isEmpty()) {
        Diagnostic d;
        d.rule = QStringLiteral("syntax-error");
        d.severity = DiagnosticSeverity::Error;
        d.message = message;
        d.proposalId = proposalId;
        d.artifact = window.proposalView()->proposal().proposal.artifacts.at(0).path;
        d.line = window.proposalView()->codeViews().at(0)->firstLine();
        window.setDiagnostics(proposalId, 1, {d});
    }
    if (copyPath == int(CopyPath::HistoryReason) || copyPath == int(CopyPath::HistoryReviewer))
        window.proposalView()->showHistory();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();

    // (a) Rendered: before the fix this crashed (long id, opportunity) or made a grab
    // wider than a PNG may be (long path).
    const QPixmap pixmap = window.grab();
    QVERIFY(!pixmap.isNull());
    QVERIFY2(pixmap.width() <= 1400 && pixmap.height() <= 900,
             qPrintable(QStringLiteral("%1x%2").arg(pixmap.width()).arg(pixmap.height())));
    // Every tab rendered too (the code, the text, risks, history).
    QTabWidget *tabs = window.proposalView()->tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QVERIFY(!window.grab().isNull());
    }

    // (b) Bounded.
    checkBounded(&window);
    if (QTest::currentTestFailed())
        return;

    // (c) The whole value through the copy path a reviewer uses.
    QApplication::clipboard()->clear();
    ProposalView *view = window.proposalView();
    auto labelCopy = [view](const char *name) {
        auto *label = view->findChild<QLabel *>(QLatin1String(name));
        auto *copy = label ? label->findChild<QAction *>(QStringLiteral("copyFull")) : nullptr;
        if (!copy || !label->actions().contains(copy))
            return QStringLiteral("(no copy action on %1)").arg(QLatin1String(name));
        copy->trigger();
        return QApplication::clipboard()->text();
    };
    auto action = [](QWidget *owner, const char *name) {
        auto *a = owner->findChild<QAction *>(QLatin1String(name));
        if (a)
            a->trigger();
        return a ? QApplication::clipboard()->text() : QStringLiteral("(no action)");
    };
    switch (CopyPath(copyPath)) {
    case CopyPath::WindowIdAction:
        QCOMPARE(action(&window, "copyProposalId"), full);
        QApplication::clipboard()->clear();
        QCOMPARE(action(window.queueView(), "copyId"), full);
        QCOMPARE(labelCopy("proposalMeta"), full);
        break;
    case CopyPath::QueueOpportunity:
        QCOMPARE(action(window.queueView(), "copyOpportunity"), full);
        break;
    case CopyPath::TitleLabel:
        QCOMPARE(labelCopy("proposalTitle"), full);
        break;
    case CopyPath::TargetLabels:
        QCOMPARE(labelCopy("artifactInfo"), full);
        QApplication::clipboard()->clear();
        QCOMPARE(labelCopy("proposalTargets"), full);
        QApplication::clipboard()->clear();
        QCOMPARE(action(window.queueView(), "copyTargets"), full);
        break;
    case CopyPath::RisksLabel:
        QCOMPARE(labelCopy("proposalRisks"), full);
        break;
    case CopyPath::HistoryReason:
    case CopyPath::HistoryReviewer: {
        QTreeWidget *tree = view->historyView()->decisionsView();
        QCOMPARE(tree->topLevelItemCount(), 1);
        tree->setCurrentItem(tree->topLevelItem(0));
        QCOMPARE(action(tree, copyPath == int(CopyPath::HistoryReason) ? "copyReason"
                                                                        : "copyReviewer"),
                 full);
        break;
    }
    case CopyPath::DiagnosticMessage: {
        QTableView *table = view->diagnosticsView();
        QCOMPARE(table->model()->rowCount(), 1);
        table->setCurrentIndex(table->model()->index(0, DiagnosticsModel::MessageColumn));
        QCOMPARE(action(table, "copyMessage"), full);
        break;
    }
    }
}

void GuiBoundsTest::checkBounded(QWidget *window)
{
    // What a line of a label may hold: a field and its neighbours ("id · revision · file").
    const int lineLimit = 2 * PlainText::kFieldChars;
    auto checkText = [&](const QString &where, const QString &text, int limit) {
        if (QTest::currentTestFailed())
            return; // one failure says it: a megabyte of them would not
        QVERIFY2(shownLength(text) <= limit,
                 qPrintable(QStringLiteral("%1: %2 characters (limit %3)")
                                .arg(where)
                                .arg(shownLength(text))
                                .arg(limit)));
        // The zero-width spaces are few: a label never holds many times its limit.
        QVERIFY2(text.size() <= limit + limit / 5, qPrintable(where));
        for (const QString &line : text.split(QLatin1Char('\n')))
            QVERIFY2(shownLength(line) <= std::max(lineLimit, std::min(limit, 1000)),
                     qPrintable(where + QStringLiteral(": a line too long")));
        for (const QChar c : text) {
            QVERIFY2(!isDangerous(c), qPrintable(QStringLiteral("%1 shows U+%2")
                                                     .arg(where)
                                                     .arg(c.unicode(), 4, 16, QLatin1Char('0'))));
        }
    };
    auto checkToolTip = [&](const QString &where, const QString &tip) {
        // What the tool tip shows once its escaping is undone.
        const QString shown = QTextDocumentFragment::fromHtml(tip).toPlainText();
        checkText(where + QStringLiteral(" (tool tip)"), shown, PlainText::kToolTipChars + 2);
        QVERIFY2(tip.size() <= 8 * PlainText::kToolTipChars, qPrintable(where));
    };

    checkText(QStringLiteral("window title"), window->windowTitle(), PlainText::kFieldChars + 20);
    if (auto *main = qobject_cast<QMainWindow *>(window)) {
        checkText(QStringLiteral("status bar"), main->statusBar()->currentMessage(),
                  PlainText::kMessageChars);
    }
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        const QString name = QString::fromLatin1(w->metaObject()->className())
                             + QLatin1Char(' ') + w->objectName();
        checkToolTip(name, w->toolTip());
        if (auto *label = qobject_cast<QLabel *>(w))
            checkText(name, label->text(), PlainText::kBlockChars);
        if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i) {
                checkText(name + QStringLiteral(" tab"), bar->tabText(i), PlainText::kShortChars);
                checkToolTip(name + QStringLiteral(" tab"), bar->tabToolTip(i));
            }
        }
        if (auto *edit = qobject_cast<QPlainTextEdit *>(w)) {
            // Text views: bounded lines, a bounded number of them.
            QVERIFY2(edit->document()->blockCount() <= BoundedTextEdit::kMaxLines + 1,
                     qPrintable(name));
            for (QTextBlock b = edit->document()->begin(); b.isValid(); b = b.next()) {
                QVERIFY2(b.length() <= BoundedTextEdit::kMaxLineChars + 200, qPrintable(name));
                for (const QChar c : b.text())
                    QVERIFY2(!isDangerous(c), qPrintable(name + QStringLiteral(" shows one")));
            }
        }
        if (auto *itemView = qobject_cast<QAbstractItemView *>(w)) {
            const QAbstractItemModel *model = itemView->model();
            if (!model)
                continue;
            // A view that wraps shows more of a cell, still bounded.
            const auto *table = qobject_cast<QHeaderView *>(itemView)
                                    ? qobject_cast<QTableView *>(itemView->parentWidget())
                                    : qobject_cast<QTableView *>(itemView);
            const int cellLimit = table && table->wordWrap() ? PlainText::kWrappedChars
                                                             : PlainText::kFieldChars;
            for (int r = 0; r < std::min(model->rowCount(), 50); ++r) {
                for (int c = 0; c < model->columnCount(); ++c) {
                    const QModelIndex i = model->index(r, c);
                    checkText(name + QStringLiteral(" cell"), i.data(Qt::DisplayRole).toString(),
                              cellLimit);
                    // Plain text from the models, PlainText::toolTip() from tree items.
                    QString tip = i.data(Qt::ToolTipRole).toString();
                    if (tip.startsWith(QLatin1String("<p")))
                        tip = QTextDocumentFragment::fromHtml(tip).toPlainText();
                    checkText(name + QStringLiteral(" cell tool tip"), tip,
                              PlainText::kToolTipChars + 2);
                }
            }
        }
    }
}

QTEST_MAIN(GuiBoundsTest)
#include "guibounds_test.moc"
