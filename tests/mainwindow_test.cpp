// SPDX-License-Identifier: GPL-3.0-or-later
#include "actionregistry.h"
#include "cheatsheet.h"
#include "codeview.h"
#include "filenotesbar.h"
#include "queuecelldelegate.h"
#include "decisioncontroller.h"
#include "filterbar.h"
#include "folderwatcher.h"
#include "guardbar.h"
#include "historyview.h"
#include "importtask.h"
#include "mainwindow.h"
#include "proposalview.h"
#include "queue/approvalguard.h"
#include "queue/diagnosticsmodel.h"
#include "queue/queuefilterproxy.h"
#include "queue/queuemodel.h"
#include "reasonbar.h"
#include "recentdecisions.h"
#include "savedviews.h"
#include "settingsdialog.h"
#include "queuefilter.h"
#include "viewcounter.h"
#include "store/sqlitestore.h"
#include "settle.h"
#include "store/storeworker.h"
#include "workstationtools.h"

#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTreeWidget>

#include <limits>

using namespace verdict;

namespace {
// A value computed by a call that asked the store for something, once it has answered.
template <typename T>
T settled(T value)
{
    verdict::test::settle();
    return value;
}
} // namespace

Q_DECLARE_METATYPE(verdict::Verdict)
Q_DECLARE_METATYPE(verdict::Decision)

class MainWindowTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheQueue();
    void approveRecordsAndMovesOn();
    void rejectWithReason_data();
    void rejectWithReason();
    void escapeRecordsNothing();
    void emptyReasonIsRefused();
    void lastPendingWrapsToTheTop();
    void jkMove();
    void buttonsDoTheSame();
    void diagnosticsReachQueueAndCode();
    void emptyState();
    void importRunsInTheBackground();
    // Triage flows.
    void undoRetractsAndReselects();
    void undoWithNothingToUndo();
    void undoAcrossRestarts();
    void freeWordsSearchTheWholeText_data();
    void freeWordsSearchTheWholeText();
    void bulkApproveAsksOnceWithTheCount();
    void bulkApproveCancelled();
    void bulkRejectOneReasonFromAPreset();
    void reasonPresetsAreSharedThroughTheStore();
    void cheatSheetListsEveryShortcut();
    void historyShowsDecisionsConflictsAndRevisions();
    void leadResolvesAConflict_data();
    void leadResolvesAConflict();
    void resolveOnlyOnAConflict();
    void refusedResolutionChangesNothing();
    // Finding work.
    void filterQueries_data();
    void filterQueries();
    void noMatchEmptyState();
    void savedViews();
    void restoresSessionState();
    void watchFolderImportsWithoutStealingSelection();
    // A reviewer's day: keyboard paths that never break.
    void noTwoActionsShareAShortcut();
    void shortcutClashesAreFound();
    void singleKeysNeverFireInTextFields();
    void tabInTheFilterCompletesAndLettersNeverDecide();
    void invalidFilterSaysWhatIsShown();
    void decisionButtonsFollowTheSelectionAcrossViews();
    void approvingTwiceRecordsOnce();
    void reviewerNameFromSettingsAppliesEverywhere();
    void guardedApprovalTakesTwoSteps();
    void guardDisarmsOnEscapeAndMovingOn();
    void bulkApprovalListsTheGuarded();
    void otherWriterIsOneKeyAway();
    void countsAreNeverWrong();
    void reasonBoxTakesTheWidth();
    void readingKeysKeepTheFocusInTheQueue();
    void codeWrapIsRemembered();
    void deferSkipsAndIsListed();
    void recentDecisionsLeadBack();
    void sharedRisksAreMarkedGeneric();
    // Room to read: the layout.
    void codeGetsTheRoom_data();
    void codeGetsTheRoom();
    void narrowCellsShowTheirIconAlone();
    void aRuleTurnedOffInSettingsLeavesTheWindow();
    void eachViewCountsItsProposals();
    void askingNeverMovesTheCode();

private:
    QString writeReport(const QString &dir, const QString &name, const QString &newId,
                        const QString &extraLine = {}) const;
    QStringList statusesOf(const QString &id) const;
    std::unique_ptr<MainWindow> makeWindow(bool import = true, bool guarded = false,
                                           QSize size = {});
    QString idAt(int proxyRow) const;
    std::vector<Decision> decisionsOf(const QString &id) const;
    // Runs on the window's store thread, after everything the window asked of it.
    template <typename Job>
    auto onStore(Job job) const
    {
        return m_window->storeWorker()->wait(std::move(job));
    }
    // The window's requests answered and applied.
    void settle() const
    {
        if (!m_window->storeWorker()->waitForIdle())
            qWarning("the store is still busy");
    }
    void makeConflict(Store *store, const QString &id) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    std::unique_ptr<MainWindow> m_window;
};

void MainWindowTest::initTestCase()
{
    // Settings (views, session state, watch folders) go to a folder of this run only.
    static QTemporaryDir settingsDir;
    QVERIFY(settingsDir.isValid());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("verdict-mainwindow-test"));
    QCoreApplication::setApplicationName(QStringLiteral("mainwindow_test"));
    qRegisterMetaType<verdict::Decision>();
    qRegisterMetaType<verdict::ImportOutcome>();
}

void MainWindowTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(QStringLiteral("verdict.sqlite"));
}

void MainWindowTest::cleanup()
{
    m_window.reset();
    QSettings().clear();
    m_dir.reset();
}

std::unique_ptr<MainWindow> MainWindowTest::makeWindow(bool import, bool guarded, QSize size)
{
    if (import) {
        const ImportOutcome outcome = ImportTask::run(m_db, {QStringLiteral(VERDICT_SAMPLES)},
                                                      QStringLiteral("test"));
        if (!outcome.ok || outcome.summary.added != 3)
            qWarning("import failed: %s", qUtf8Printable(ImportTask::describe(outcome)));
    }
    auto store = openStore(m_db);
    if (!store)
        return nullptr;
    if (!guarded) {
        // These tests are about the flows after a decision; the approval guard (every
        // sample has a reason to be guarded) has its own tests below.
        if (!(*store)->setSetting(ApprovalGuard::kRulesKey, QStringLiteral("none"))
            || !(*store)->setSetting(ApprovalGuard::kSeverityKey, QStringLiteral("0")))
            qWarning("cannot turn the approval guard off");
    }
    auto window = std::make_unique<MainWindow>(std::move(store).value(), QStringLiteral("alice"));
    if (size.isValid())
        window->resize(size); // before the first show, which places the panes for it
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active: shortcuts will not fire");
    window->storeWorker()->waitForIdle(); // the queue, read on the store thread
    window->queueView()->setFocus();
    return window;
}

QString MainWindowTest::idAt(int proxyRow) const
{
    return m_window->queueProxy()->index(proxyRow, 0).data(QueueModel::IdRole).toString();
}

std::vector<Decision> MainWindowTest::decisionsOf(const QString &id) const
{
    settle(); // what the keys asked of the store is written, and its answers applied
    auto decisions = onStore([id](Store &store) { return store.decisions(id); });
    return decisions ? decisions.value() : std::vector<Decision>{};
}

void MainWindowTest::showsTheQueue()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QCOMPARE(m_window->queueProxy()->rowCount(), 3);
    QCOMPARE(m_window->currentProposalId(), idAt(0));
    QCOMPARE(m_window->proposalView()->proposalId(), idAt(0));
    // Sample 004 is a self_improvement: no artifact, no code view.
    QVERIFY(settled(m_window->selectProposal(QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972"))));
    QCOMPARE(m_window->proposalView()->codeViews().size(), 0);
    QVERIFY(settled(m_window->selectProposal(QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130"))));
    QCOMPARE(m_window->proposalView()->codeViews().size(), 1);
    QCOMPARE(m_window->proposalView()->codeViews().front()->firstLine(), 10);
}

void MainWindowTest::approveRecordsAndMovesOn()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    const QString second = idAt(1);
    QSignalSpy recorded(m_window.get(), &MainWindow::decisionRecorded);
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(recorded.count(), 1);
    const auto decisions = decisionsOf(first);
    QCOMPARE(int(decisions.size()), 1);
    QCOMPARE(decisions.front().verdict, Verdict::Approve);
    QCOMPARE(decisions.front().reviewer, QStringLiteral("alice"));
    QCOMPARE(m_window->currentProposalId(), second);
    QCOMPARE(m_window->proposalView()->proposalId(), second);
    const int sourceRow = m_window->queueModel()->rowForId(first);
    QCOMPARE(m_window->queueModel()->index(sourceRow, QueueModel::StatusColumn).data().toString(),
             QStringLiteral("Approved"));
}

void MainWindowTest::rejectWithReason_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<Verdict>("expected");
    QTest::newRow("R rejects") << int(Qt::Key_R) << Verdict::Reject;
    QTest::newRow("C asks for changes") << int(Qt::Key_C) << Verdict::Changes;
}

void MainWindowTest::rejectWithReason()
{
    QFETCH(int, key);
    QFETCH(Verdict, expected);
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    test::keyClick(m_window->queueView(), Qt::Key(key));
    ReasonBar *bar = m_window->reasonBar();
    QVERIFY(bar->isAsking());
    QCOMPARE(bar->verdict(), expected);
    QCOMPARE(QApplication::focusWidget(), bar->lineEdit());
    // Letters go into the reason, not to the A/R/C shortcuts.
    test::keyClicks(bar->lineEdit(), QStringLiteral("drops a table"));
    QCOMPARE(int(decisionsOf(first).size()), 0);
    test::keyClick(bar->lineEdit(), Qt::Key_Return);
    QVERIFY(!bar->isAsking());
    const auto decisions = decisionsOf(first);
    QCOMPARE(int(decisions.size()), 1);
    QCOMPARE(decisions.front().verdict, expected);
    QCOMPARE(decisions.front().reason, QStringLiteral("drops a table"));
    QCOMPARE(m_window->currentProposalId(), idAt(1));
}

void MainWindowTest::escapeRecordsNothing()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    test::keyClick(m_window->queueView(), Qt::Key_R);
    test::keyClicks(m_window->reasonBar()->lineEdit(), QStringLiteral("maybe"));
    test::keyClick(m_window->reasonBar()->lineEdit(), Qt::Key_Escape);
    QVERIFY(!m_window->reasonBar()->isAsking());
    QCOMPARE(int(decisionsOf(first).size()), 0);
    QCOMPARE(m_window->currentProposalId(), first);
}

void MainWindowTest::emptyReasonIsRefused()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    test::keyClick(m_window->queueView(), Qt::Key_R);
    test::keyClicks(m_window->reasonBar()->lineEdit(), QStringLiteral("   "));
    test::keyClick(m_window->reasonBar()->lineEdit(), Qt::Key_Return);
    QVERIFY(m_window->reasonBar()->isAsking());
    QVERIFY(!m_window->reasonBar()->message().isEmpty());
    QCOMPARE(int(decisionsOf(first).size()), 0);
}

void MainWindowTest::lastPendingWrapsToTheTop()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QVERIFY(settled(m_window->selectRow(2)));
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(m_window->currentProposalId(), idAt(0));
    test::keyClick(m_window->queueView(), Qt::Key_A); // row 0 -> row 1, the last pending
    QCOMPARE(m_window->currentProposalId(), idAt(1));
    QCOMPARE(m_window->queueModel()->pendingCount(), 1);
}

void MainWindowTest::jkMove()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    test::keyClick(m_window->queueView(), Qt::Key_J);
    QCOMPARE(m_window->currentProposalId(), idAt(1));
    test::keyClick(m_window->queueView(), Qt::Key_J);
    test::keyClick(m_window->queueView(), Qt::Key_J); // stays on the last row
    QCOMPARE(m_window->currentProposalId(), idAt(2));
    test::keyClick(m_window->queueView(), Qt::Key_K);
    QCOMPARE(m_window->currentProposalId(), idAt(1));
    test::keyClick(m_window->queueView(), Qt::Key_Up);
    QCOMPARE(m_window->currentProposalId(), idAt(0));
    test::keyClick(m_window->queueView(), Qt::Key_Down);
    QCOMPARE(m_window->currentProposalId(), idAt(1));
}

void MainWindowTest::buttonsDoTheSame()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    auto buttons = m_window->findChildren<QPushButton *>();
    QPushButton *approve = nullptr;
    for (QPushButton *b : buttons) {
        if (b->text().startsWith(QStringLiteral("Approve")))
            approve = b;
    }
    QVERIFY(approve);
    test::mouseClick(approve, Qt::LeftButton);
    QCOMPARE(int(decisionsOf(first).size()), 1);
    QCOMPARE(m_window->currentProposalId(), idAt(1));
}

void MainWindowTest::diagnosticsReachQueueAndCode()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString id = QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9");
    QVERIFY(settled(m_window->selectProposal(id)));
    Diagnostic d;
    d.rule = QStringLiteral("destructive-sql");
    d.severity = DiagnosticSeverity::Warning;
    d.message = QStringLiteral("ON DELETE CASCADE deletes rows");
    d.proposalId = id;
    d.artifact = QStringLiteral("generated_1.sql");
    d.line = 27;
    Diagnostic e = d;
    e.rule = QStringLiteral("syntax-error");
    e.severity = DiagnosticSeverity::Error;
    e.line = 12;
    m_window->setDiagnostics(id, 1, {d, e});

    const int row = m_window->queueModel()->rowForId(id);
    const QModelIndex counts = m_window->queueModel()->index(row, QueueModel::DiagnosticsColumn);
    QCOMPARE(counts.data().toString(), QStringLiteral("1 err · 1 warn"));
    CodeView *code = m_window->proposalView()->codeViews().front();
    QCOMPARE(int(code->diagnostics().size()), 2);
    QCOMPARE(code->extraSelections().size(), 2);
    QCOMPARE(m_window->proposalView()->diagnosticsModel()->rowCount(), 2);
    // A stale revision is not shown.
    m_window->setDiagnostics(id, 7, {});
    QCOMPARE(int(code->diagnostics().size()), 2);
}

void MainWindowTest::emptyState()
{
    m_window = makeWindow(false);
    QVERIFY(m_window);
    auto *empty = m_window->findChild<QLabel *>(QStringLiteral("emptyState"));
    QVERIFY(empty);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("File > Open reports")));
    test::keyClick(m_window->queueView(), Qt::Key_A); // nothing to decide: no crash
}

void MainWindowTest::importRunsInTheBackground()
{
    m_window = makeWindow(false);
    QVERIFY(m_window);
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importPaths({QStringLiteral(VERDICT_SAMPLES)});
    QVERIFY(finished.wait(30000));
    QCOMPARE(m_window->queueProxy()->rowCount(), 3);
    QVERIFY(!m_window->findChild<QLabel *>(QStringLiteral("emptyState"))->isVisible());
    QCOMPARE(m_window->currentProposalId(), idAt(0));
}

namespace {
const QString kSample000 = QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9");
const QString kSample003 = QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130");
const QString kSample004 = QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972");
} // namespace

QString MainWindowTest::writeReport(const QString &dir, const QString &name,
                                    const QString &newId, const QString &extraLine) const
{
    // Sample 000 under another id (a new proposal), or with an extra line of SQL (a new
    // revision of the same id).
    QFile in(QStringLiteral(VERDICT_SAMPLES "/000_471f460746578cde.txt"));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(in.readAll());
    text.replace(kSample000, newId);
    if (!extraLine.isEmpty())
        text.replace(QStringLiteral("CREATE TABLE IF NOT EXISTS scenarios ("),
                     extraLine + QStringLiteral("\nCREATE TABLE IF NOT EXISTS scenarios ("));
    const QString path = dir + QLatin1Char('/') + name;
    QFile out(path + QStringLiteral(".part"));
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(text.toUtf8());
    out.close();
    // Dropped in one rename, as a finished download arrives.
    QFile::remove(path);
    QFile::rename(path + QStringLiteral(".part"), path);
    return path;
}

QStringList MainWindowTest::statusesOf(const QString &id) const
{
    QStringList out;
    for (const Decision &d : decisionsOf(id))
        out << verdictId(d.verdict) + QLatin1Char('/') + d.reviewer;
    return out;
}

void MainWindowTest::undoRetractsAndReselects()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(m_window->currentProposalId(), idAt(1)); // advanced at once
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    // A new superseding event: the audit trail keeps both.
    const auto decisions = decisionsOf(first);
    QCOMPARE(int(decisions.size()), 2);
    QCOMPARE(decisions[0].verdict, Verdict::Approve);
    QCOMPARE(decisions[1].verdict, Verdict::Retract);
    QCOMPARE(decisions[1].supersedes, decisions[0].uuid);
    QCOMPARE(decisions[1].reviewer, QStringLiteral("alice"));
    // Back in the queue, pending and selected.
    const int row = m_window->queueModel()->rowForId(first);
    QCOMPARE(m_window->queueModel()->entryAt(row)->status, Status::Pending);
    QCOMPARE(m_window->currentProposalId(), first);
    QCOMPARE(m_window->proposalView()->proposalId(), first);
    QCOMPARE(m_window->queueModel()->pendingCount(), 3);
}

void MainWindowTest::undoWithNothingToUndo()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(int(decisionsOf(first).size()), 0);
    // Undo twice after one decision: the second has nothing left.
    test::keyClick(m_window->queueView(), Qt::Key_A);
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(int(decisionsOf(first).size()), 2);
}

void MainWindowTest::bulkApproveAsksOnceWithTheCount()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QStringList questions;
    m_window->setConfirmHandler([&questions](const QString &q) {
        questions << q;
        return true;
    });
    // Shift+Down twice extends the selection from the first row over all three.
    test::keyClick(m_window->queueView(), Qt::Key_Down, Qt::ShiftModifier);
    test::keyClick(m_window->queueView(), Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(m_window->selectedProposalIds().size(), 3);
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(questions, QStringList{QStringLiteral("Approve 3 proposals?")});
    for (const QString &id : {kSample000, kSample003, kSample004})
        QCOMPARE(statusesOf(id), QStringList{QStringLiteral("approve/alice")});
    QCOMPARE(m_window->queueModel()->pendingCount(), 0);
    // One undo takes back the whole bulk decision and selects all of it.
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_window->queueModel()->pendingCount(), 3);
    QCOMPARE(m_window->selectedProposalIds().size(), 3);
}

void MainWindowTest::bulkApproveCancelled()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    m_window->setConfirmHandler([](const QString &) { return false; });
    test::keyClick(m_window->queueView(), Qt::Key_Down, Qt::ShiftModifier);
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(int(decisionsOf(idAt(0)).size()), 0);
    QCOMPARE(int(decisionsOf(idAt(1)).size()), 0);
}

void MainWindowTest::bulkRejectOneReasonFromAPreset()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString a = idAt(0);
    const QString b = idAt(1);
    test::keyClick(m_window->queueView(), Qt::Key_Down, Qt::ShiftModifier);
    test::keyClick(m_window->queueView(), Qt::Key_R);
    ReasonBar *bar = m_window->reasonBar();
    QVERIFY(bar->isAsking());
    QVERIFY(bar->presetHint().contains(QStringLiteral("1 wrong language")));
    test::keyClick(bar->lineEdit(), Qt::Key_2); // the second preset
    QCOMPARE(bar->lineEdit()->text(), QStringLiteral("unsafe operation"));
    test::keyClick(bar->lineEdit(), Qt::Key_Return);
    for (const QString &id : {a, b}) {
        const auto d = decisionsOf(id);
        QCOMPARE(int(d.size()), 1);
        QCOMPARE(d.front().verdict, Verdict::Reject);
        QCOMPARE(d.front().reason, QStringLiteral("unsafe operation"));
    }
    QCOMPARE(m_window->currentProposalId(), idAt(2));
}

void MainWindowTest::reasonPresetsAreSharedThroughTheStore()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QCOMPARE(m_window->reasonPresets().size(), 5);
    m_window->setReasonPresets({QStringLiteral("drops a table"), QStringLiteral(" "),
                                QStringLiteral("needs tests")});
    settle();
    m_window.reset();
    auto store = SqliteStore::open(m_db);
    QVERIFY(store.ok());
    QCOMPARE(store.value()->meta(QStringLiteral("reason_presets")).value(),
             QStringLiteral("[\"drops a table\",\"needs tests\"]"));
    store.value().reset();
    m_window = makeWindow(false);
    QCOMPARE(m_window->reasonPresets(),
             (QStringList{QStringLiteral("drops a table"), QStringLiteral("needs tests")}));
}

void MainWindowTest::cheatSheetListsEveryShortcut()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    test::keyClick(m_window->queueView(), Qt::Key_F1);
    CheatSheet *sheet = m_window->cheatSheet();
    QVERIFY(sheet);
    QVERIFY(sheet->isVisible());
    QCOMPARE(sheet->shortcutFor(QStringLiteral("Approve")), QStringLiteral("A"));
    QCOMPARE(sheet->shortcutFor(QStringLiteral("Undo my last decision")),
             QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText));
    QCOMPARE(sheet->shortcutFor(QStringLiteral("View: Pending")), QStringLiteral("Ctrl+2"));
    // Every registered window-wide action is listed, with all of its keys.
    for (const QAction *a : m_window->actionRegistry()->actions()) {
        if (a->shortcutContext() == Qt::WidgetShortcut)
            continue;
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        const QString text = QString(a->text()).remove(QLatin1Char('&'));
        QVERIFY2(sheet->shortcutFor(text) == keys.join(QStringLiteral(" or ")), qPrintable(text));
    }
    // Every action in the menus has keys, and its tool tip names them.
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->isSeparator() || a->text().isEmpty() || a->menu())
            continue;
        if (!a->shortcut().isEmpty()) {
            QVERIFY2(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)),
                     qPrintable(a->toolTip()));
        }
    }
}

void MainWindowTest::historyShowsDecisionsConflictsAndRevisions()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    test::keyClick(m_window->queueView(), Qt::Key_A); // alice approves
    // bob rejects the same revision from his own laptop: a conflict.
    DecisionRequest r;
    r.proposalId = kSample000;
    r.verdict = Verdict::Reject;
    r.reviewer = QStringLiteral("bob");
    r.reason = QStringLiteral("drops data");
    QVERIFY(onStore([&](Store &store) { return store.decide(r); }).ok());
    // alice changes her mind: her approval is superseded.
    r.reviewer = QStringLiteral("alice");
    r.verdict = Verdict::Changes;
    r.reason = QStringLiteral("add an index");
    QVERIFY(onStore([&](Store &store) { return store.decide(r); }).ok());
    // A changed report with the same id: revision 2.
    QTemporaryDir dir;
    const QString changed = writeReport(dir.path(), QStringLiteral("000.txt"), kSample000,
                                        QStringLiteral("CREATE INDEX ON users (email);"));
    const ImportOutcome outcome = ImportTask::run(m_db, {changed}, QStringLiteral("test"));
    QCOMPARE(outcome.summary.revised, 1);
    m_window->reloadQueue();
    settle();
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    test::keyClick(m_window->queueView(), Qt::Key_H);
    QVERIFY(m_window->proposalView()->isHistoryShown());
    HistoryView *history = m_window->proposalView()->historyView();
    QTreeWidget *tree = history->decisionsView();
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("alice"));
    QCOMPARE(tree->topLevelItem(0)->text(2), QStringLiteral("Approved"));
    QCOMPARE(tree->topLevelItem(0)->text(4), QStringLiteral("superseded"));
    QCOMPARE(tree->topLevelItem(1)->text(5), QStringLiteral("drops data"));
    QCOMPARE(tree->topLevelItem(1)->text(4), QString());
    // Revision 2 is shown (no decisions on it yet); the diff compares 1 with 2.
    const QString diff = history->diffView()->toPlainText();
    QVERIFY2(diff.contains(QStringLiteral("\n+ CREATE INDEX ON users (email);\n")),
             qPrintable(diff));
    QVERIFY(diff.contains(QStringLiteral("=== generated_1.sql  (1 lines changed)")));
    QVERIFY(!history->diffView()->extraSelections().isEmpty());
    // Revision 1 is the conflict: summary names it.
    QVERIFY(history->showDiff(2, 1));
    QVERIFY(history->diffView()->toPlainText().contains(
        QStringLiteral("\n- CREATE INDEX ON users (email);\n")));
    QVERIFY(m_window->proposalView()->tabs()->tabText(
                m_window->proposalView()->tabs()->currentIndex())
                .startsWith(QStringLiteral("History (3)")));
    // Moving on opens the next proposal on its code, unless the tab is pinned (P).
    test::keyClick(m_window->queueView(), Qt::Key_J);
    QVERIFY(!m_window->proposalView()->isHistoryShown());
    QCOMPARE(m_window->proposalView()->tabs()->currentIndex(), 0);
    test::keyClick(m_window->queueView(), Qt::Key_H);
    test::keyClick(m_window->queueView(), Qt::Key_P);
    test::keyClick(m_window->queueView(), Qt::Key_K);
    QVERIFY(m_window->proposalView()->isHistoryShown());
    test::keyClick(m_window->queueView(), Qt::Key_J);
    QVERIFY(m_window->proposalView()->isHistoryShown());
}

namespace {

// A team server for someone outside verdict_lead: resolutions are refused the way
// PostgreSQL refuses them (SQLSTATE 42501); everything else goes to SQLite.
class NonLeadStore final : public Store
{
public:
    explicit NonLeadStore(std::unique_ptr<Store> inner) : m_inner(std::move(inner)) {}
    QString url() const override { return m_inner->url(); }
    Result<ImportSummary> importFiles(const std::vector<ParsedFile> &files,
                                      const QString &actor) override
    {
        return m_inner->importFiles(files, actor);
    }
    Result<std::vector<QueueEntry>> queue() override { return m_inner->queue(); }
    Result<StoredProposal> proposal(const QString &id, int revision) override
    {
        return m_inner->proposal(id, revision);
    }
    Result<Decision> decide(const DecisionRequest &request) override
    {
        if (request.resolution) {
            return makeError(QStringLiteral("PostgreSQL: verdict: only members of verdict_lead "
                                            "may resolve conflicts (user carol) "
                                            "[SQLSTATE 42501]"),
                             QStringLiteral("42501"));
        }
        return m_inner->decide(request);
    }
    Result<QStringList> searchText(const QStringList &words) override
    {
        return m_inner->searchText(words);
    }
    Result<std::vector<Decision>> decisions(const QString &proposalId) override
    {
        return m_inner->decisions(proposalId);
    }
    Result<std::vector<Decision>> allDecisions(const QDateTime &since) override
    {
        return m_inner->allDecisions(since);
    }
    Result<std::vector<AuditEvent>> auditEvents(const QDateTime &since) override
    {
        return m_inner->auditEvents(since);
    }
    Result<std::optional<std::vector<Diagnostic>>>
    cachedDiagnostics(const QString &sha256, const QString &version) override
    {
        return m_inner->cachedDiagnostics(sha256, version);
    }
    Result<void> cacheDiagnostics(const QString &sha256, const QString &version,
                                  const std::vector<Diagnostic> &diagnostics) override
    {
        return m_inner->cacheDiagnostics(sha256, version, diagnostics);
    }
    Result<void> setDiagnosticCounts(const QString &proposalId, int revision, int errors,
                                     int warnings, int infos) override
    {
        return m_inner->setDiagnosticCounts(proposalId, revision, errors, warnings, infos);
    }
    Result<QString> setting(const QString &key) override { return m_inner->setting(key); }
    Result<void> setSetting(const QString &key, const QString &value) override
    {
        return m_inner->setSetting(key, value);
    }
    Result<AuditEvent> recordAuditEvent(const AuditEvent &event) override
    {
        return m_inner->recordAuditEvent(event);
    }
    Result<void> forEachRiskList(const std::function<void(const QStringList &)> &each) override
    {
        return m_inner->forEachRiskList(each);
    }

private:
    std::unique_ptr<Store> m_inner;
};

} // namespace

void MainWindowTest::makeConflict(Store *store, const QString &id) const
{
    // Two reviewers disagree on the same revision, each from their own laptop.
    DecisionRequest r;
    r.proposalId = id;
    r.verdict = Verdict::Approve;
    r.reviewer = QStringLiteral("bob");
    QVERIFY(store->decide(r).ok());
    r.verdict = Verdict::Reject;
    r.reviewer = QStringLiteral("dave");
    r.reason = QStringLiteral("drops data");
    QVERIFY(store->decide(r).ok());
}

void MainWindowTest::leadResolvesAConflict_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QString>("status");
    QTest::newRow("Shift+A approves") << int(Qt::Key_A) << QString() << Verdict::Approve
                                      << QStringLiteral("Approved");
    QTest::newRow("Shift+R rejects with a reason")
        << int(Qt::Key_R) << QStringLiteral("unsafe migration") << Verdict::Reject
        << QStringLiteral("Rejected");
    QTest::newRow("Shift+C asks for changes with a reason")
        << int(Qt::Key_C) << QStringLiteral("split the migration") << Verdict::Changes
        << QStringLiteral("Changes");
}

void MainWindowTest::leadResolvesAConflict()
{
    QFETCH(int, key);
    QFETCH(QString, reason);
    QFETCH(Verdict, verdict);
    QFETCH(QString, status);
    m_window = makeWindow();
    QVERIFY(m_window);
    onStore([&](Store &store) { makeConflict(&store, kSample000); return 0; });
    m_window->reloadQueue();
    settle();
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    const int sourceRow = m_window->queueModel()->rowForId(kSample000);
    const QModelIndex statusCell =
        m_window->queueModel()->index(sourceRow, QueueModel::StatusColumn);
    QCOMPARE(statusCell.data().toString(), QStringLiteral("Conflict"));
    test::keyClick(m_window->queueView(), Qt::Key(key), Qt::ShiftModifier);
    ReasonBar *bar = m_window->reasonBar();
    if (!reason.isEmpty()) {
        QVERIFY(bar->isAsking());
        QVERIFY(bar->isResolution());
        QCOMPARE(bar->verdict(), verdict);
        // An empty reason is refused, as for any reject.
        test::keyClick(bar->lineEdit(), Qt::Key_Return);
        QVERIFY(bar->isAsking());
        QVERIFY(!bar->message().isEmpty());
        QCOMPARE(int(decisionsOf(kSample000).size()), 2);
        test::keyClicks(bar->lineEdit(), reason);
        test::keyClick(bar->lineEdit(), Qt::Key_Return);
    }
    QVERIFY(!bar->isAsking());
    QCOMPARE(statusCell.data().toString(), status);
    const auto decisions = decisionsOf(kSample000);
    QCOMPARE(int(decisions.size()), 3);
    QCOMPARE(decisions.back().verdict, verdict);
    QCOMPARE(decisions.back().reviewer, QStringLiteral("alice"));
    QCOMPARE(decisions.back().reason, reason);
    QVERIFY(decisions.back().resolution);
    QVERIFY(!decisions.front().resolution);
    auto stored = onStore([](Store &store) { return store.proposal(kSample000); });
    QVERIFY(stored.ok());
    QCOMPARE(statusLabel(stored->status), status);
}

void MainWindowTest::resolveOnlyOnAConflict()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    QAction *resolve = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(Qt::SHIFT | Qt::Key_A))
            resolve = a;
    }
    QVERIFY(resolve);
    QVERIFY(!resolve->isEnabled());
    QSignalSpy recorded(m_window.get(), &MainWindow::decisionRecorded);
    for (int key : {int(Qt::Key_A), int(Qt::Key_R), int(Qt::Key_C)})
        test::keyClick(m_window->queueView(), Qt::Key(key), Qt::ShiftModifier);
    QCOMPARE(recorded.count(), 0);
    QVERIFY(!m_window->reasonBar()->isAsking());
    QCOMPARE(int(decisionsOf(first).size()), 0);
    QCOMPARE(m_window->currentProposalId(), first);
    // Enabled exactly while a proposal in conflict is selected.
    onStore([&](Store &store) { makeConflict(&store, kSample003); return 0; });
    m_window->reloadQueue();
    settle();
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    QVERIFY(resolve->isEnabled());
    QVERIFY(settled(m_window->selectProposal(kSample004)));
    QVERIFY(!resolve->isEnabled());
    // The cheat sheet lists it (built from the menus).
    test::keyClick(m_window->queueView(), Qt::Key_F1);
    QCOMPARE(m_window->cheatSheet()->shortcutFor(QStringLiteral("Resolve conflict: approve")),
             QKeySequence(Qt::SHIFT | Qt::Key_A).toString(QKeySequence::NativeText));
}

void MainWindowTest::refusedResolutionChangesNothing()
{
    QVERIFY(ImportTask::run(m_db, {QStringLiteral(VERDICT_SAMPLES)}, QStringLiteral("test")).ok);
    auto inner = openStore(m_db);
    QVERIFY(inner.ok());
    makeConflict(inner.value().get(), kSample000);
    m_window = std::make_unique<MainWindow>(
        std::make_unique<NonLeadStore>(std::move(inner).value()), QStringLiteral("carol"));
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->queueView()->setFocus();
    test::settle(); // the queue, read on the store thread
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    QSignalSpy recorded(m_window.get(), &MainWindow::decisionRecorded);
    test::keyClick(m_window->queueView(), Qt::Key_A, Qt::ShiftModifier);
    QCOMPARE(recorded.count(), 0);
    QCOMPARE(int(decisionsOf(kSample000).size()), 2);
    const int sourceRow = m_window->queueModel()->rowForId(kSample000);
    QCOMPARE(m_window->queueModel()->index(sourceRow, QueueModel::StatusColumn).data().toString(),
             QStringLiteral("Conflict"));
    QCOMPARE(m_window->currentProposalId(), kSample000);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("only a lead")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("verdict_lead")), qPrintable(message));
    // One line in the status bar, no dialog (a modal one would also block this test).
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void MainWindowTest::filterQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("error");
    QTest::newRow("none") << QString() << 3 << QString();
    QTest::newRow("content language") << QStringLiteral("lang:python") << 1 << QString();
    QTest::newRow("kind") << QStringLiteral("kind:self_improvement") << 1 << QString();
    QTest::newRow("negated kind") << QStringLiteral("-kind:self_improvement") << 2 << QString();
    QTest::newRow("target") << QStringLiteral("target:generated_1.sql") << 2 << QString();
    QTest::newRow("free words") << QStringLiteral("lifeos overlay") << 1 << QString();
    QTest::newRow("severity") << QStringLiteral("severity>=6 status:pending") << 3 << QString();
    QTest::newRow("malformed keeps the rows") << QStringLiteral("status:done") << 3
                                              << QStringLiteral("⚠ column 8: status cannot be");
    QTest::newRow("malformed at the end") << QStringLiteral("lang:python has:")
                                          << 3 << QStringLiteral("⚠ column 17:");
}

void MainWindowTest::filterQueries()
{
    QFETCH(QString, query);
    QFETCH(int, rows);
    QFETCH(QString, error);
    m_window = makeWindow();
    QVERIFY(m_window);
    test::keyClick(m_window->queueView(), Qt::Key_F, Qt::ControlModifier);
    QLineEdit *edit = m_window->filterBar()->lineEdit();
    QCOMPARE(QApplication::focusWidget(), edit);
    if (error.isEmpty())
        test::keyClicks(edit, query);
    else
        edit->setText(query); // pasted: half-typed words are filters of their own
    // Letters went into the filter, not to the decision shortcuts.
    QCOMPARE(int(decisionsOf(kSample000).size()), 0);
    QCOMPARE(edit->text(), query);
    QCOMPARE(m_window->queueProxy()->rowCount(), rows);
    QVERIFY2(m_window->filterBar()->errorText().startsWith(error),
             qPrintable(m_window->filterBar()->errorText()));
    QCOMPARE(m_window->filterBar()->errorText().isEmpty(), error.isEmpty());
    QVERIFY(m_window->currentProposalId().isEmpty() == (rows == 0));
    // Enter goes back to the queue with the filter kept.
    // A completion list shown while the store answered took the window's activation with
    // it (offscreen): closed, and the window active again, as after a real one.
    m_window->filterBar()->completer()->popup()->hide();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    test::keyClick(edit, Qt::Key_Return);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
}

void MainWindowTest::noMatchEmptyState()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    m_window->filterBar()->setText(QStringLiteral("zebra"));
    QCOMPARE(m_window->queueProxy()->rowCount(), 0);
    auto *noMatch = m_window->findChild<QLabel *>(QStringLiteral("noMatch"));
    QVERIFY(noMatch && noMatch->isVisible());
    QVERIFY(noMatch->text().startsWith(QStringLiteral("No proposal matches “zebra”.")));
    test::keyClick(m_window->queueView(), Qt::Key_A); // nothing selected: nothing recorded
    QCOMPARE(int(decisionsOf(kSample000).size()), 0);
    // Esc in the filter clears it and the queue is back.
    m_window->filterBar()->lineEdit()->setFocus();
    test::keyClick(m_window->filterBar()->lineEdit(), Qt::Key_Escape);
    QCOMPARE(m_window->queueProxy()->rowCount(), 3);
    QVERIFY(!noMatch->isVisible());
    QCOMPARE(m_window->currentProposalId(), idAt(0));
}

void MainWindowTest::savedViews()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    test::keyClick(m_window->queueView(), Qt::Key_R);
    test::keyClicks(m_window->reasonBar()->lineEdit(), QStringLiteral("no"));
    test::keyClick(m_window->reasonBar()->lineEdit(), Qt::Key_Return);
    // Ctrl+2: the built-in "Pending" view.
    test::keyClick(m_window->queueView(), Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->filterBar()->text(), QStringLiteral("status:pending"));
    QCOMPARE(m_window->queueProxy()->rowCount(), 2);
    QCOMPARE(m_window->savedViews()->currentItem()->text(), QStringLiteral("Pending"));
    // Ctrl+6: decided by me (alice rejected one).
    test::keyClick(m_window->queueView(), Qt::Key_6, Qt::ControlModifier);
    QCOMPARE(m_window->queueProxy()->rowCount(), 1);
    // A view of one's own is stored and comes back in a new window.
    m_window->filterBar()->setText(QStringLiteral("lang:python"));
    m_window->savedViews()->addView(QStringLiteral("Python in disguise"),
                                    m_window->filterBar()->text());
    m_window.reset();
    SavedViews fresh;
    const auto views = fresh.views();
    QCOMPARE(int(views.size()), 9);
    QCOMPARE(views.back().name, QStringLiteral("Python in disguise"));
    QCOMPARE(views.back().query, QStringLiteral("lang:python"));
    QVERIFY(fresh.activate(0));
    QSignalSpy activated(&fresh, &SavedViews::viewActivated);
    QVERIFY(fresh.activate(8));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toString(), QStringLiteral("lang:python"));
    QVERIFY(fresh.removeView(QStringLiteral("Python in disguise")));
    QVERIFY(!fresh.removeView(QStringLiteral("Pending"))); // built-in
    QCOMPARE(int(SavedViews().views().size()), 8);
}

void MainWindowTest::restoresSessionState()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    m_window->restoreSession(); // nothing stored yet: defaults
    QCOMPARE(m_window->filterBar()->text(), QString());
    m_window->filterBar()->setText(QStringLiteral("target:generated_1.sql"));
    m_window->queueView()->sortByColumn(QueueModel::OpportunityColumn, Qt::DescendingOrder);
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    m_window->queueView()->horizontalHeader()->resizeSection(QueueModel::KindColumn, 77);
    m_window->close(); // saves
    m_window.reset();

    m_window = makeWindow(false);
    m_window->restoreSession();
    QCOMPARE(m_window->filterBar()->text(), QStringLiteral("target:generated_1.sql"));
    QCOMPARE(m_window->queueProxy()->rowCount(), 2);
    QHeaderView *header = m_window->queueView()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(QueueModel::OpportunityColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(header->sectionSize(QueueModel::KindColumn), 77);
    QCOMPARE(idAt(0), kSample000); // "Make.com" after "LifeOS", descending
    QCOMPARE(m_window->currentProposalId(), kSample000);
}

void MainWindowTest::watchFolderImportsWithoutStealingSelection()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QTemporaryDir inbox;
    m_window->folderWatcher()->setDebounce(50);
    m_window->setWatchFolders({inbox.path()});
    QCOMPARE(FolderWatcher::configuredFolders(), QStringList{inbox.path()});
    QVERIFY(settled(m_window->selectRow(2)));
    const QString selected = m_window->currentProposalId();
    // The reviewer is typing a reason when the report arrives.
    test::keyClick(m_window->queueView(), Qt::Key_R);
    test::keyClicks(m_window->reasonBar()->lineEdit(), QStringLiteral("half"));

    QSignalSpy imported(m_window.get(), &MainWindow::importFinished);
    const QString newId = QStringLiteral("fsar_00000000-1111-2222-3333-444444444444");
    QVERIFY(!writeReport(inbox.path(), QStringLiteral("new.txt"), newId).isEmpty());
    QVERIFY(imported.wait(20000));
    QCOMPARE(m_window->queueModel()->rowCount(), 4);
    QVERIFY(m_window->queueModel()->rowForId(newId) >= 0);
    QCOMPARE(m_window->currentProposalId(), selected);
    QVERIFY(m_window->reasonBar()->isAsking());
    QCOMPARE(m_window->reasonBar()->lineEdit()->text(), QStringLiteral("half"));

    // A changed file is imported again: a new revision.
    QVERIFY(!writeReport(inbox.path(), QStringLiteral("new.txt"), newId,
                         QStringLiteral("-- changed")).isEmpty());
    QVERIFY(imported.wait(20000));
    const int row = m_window->queueModel()->rowForId(newId);
    QCOMPARE(m_window->queueModel()->entryAt(row)->revision, 2);
    QCOMPARE(m_window->currentProposalId(), selected);
}

// Qt treats a shortcut bound to two actions as ambiguous and fires neither (Ctrl+Shift+S was
// both "Save filter as a view" and "Sync now"). Every action of the window goes through the
// registry (the tools' and the menus' too), so the registry's check sees all of them.
void MainWindowTest::noTwoActionsShareAShortcut()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    ActionRegistry *registry = m_window->actionRegistry();
    QVERIFY(registry->actions().size() > 40);
    const QStringList clashes = registry->clashes();
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
    // Nothing with keys bypasses the registry: an action made elsewhere is a view's own
    // (Ctrl+C in the diagnostics table), bound to its widget and checked with the rest.
    QStringList bypassing;
    const QList<QAction *> all = m_window->findChildren<QAction *>();
    for (QAction *a : all) {
        if (!a->shortcuts().isEmpty() && !registry->actions().contains(a)
            && a->shortcutContext() != Qt::WidgetShortcut)
            bypassing << a->text();
    }
    QVERIFY2(bypassing.isEmpty(), qPrintable(bypassing.join(QStringLiteral(", "))));
    const QStringList everywhere = ActionRegistry::clashes(all);
    QVERIFY2(everywhere.isEmpty(), qPrintable(everywhere.join(QStringLiteral("; "))));
    // Every window-wide action is in a menu, hence in the cheat sheet.
    QVERIFY2(registry->unplaced().isEmpty(),
             qPrintable(registry->unplaced().join(QStringLiteral(", "))));
    QSet<QString> keys;
    for (const QAction *a : registry->actions()) {
        for (const QKeySequence &key : a->shortcuts())
            keys.insert(key.toString(QKeySequence::PortableText));
    }
    // The window's, the tools' (Settings, Sync now, Export), the menus' and the queue's own.
    for (const QString &key : {QStringLiteral("A"), QStringLiteral("R"), QStringLiteral("C"),
                               QStringLiteral("Ctrl+Shift+S"), QStringLiteral("F5"),
                               QStringLiteral("Ctrl+,"), QStringLiteral("Ctrl+Shift+E"),
                               QStringLiteral("Ctrl+Shift+N"),
                               QKeySequence(QKeySequence::Copy).toString()})
        QVERIFY2(keys.contains(key), qPrintable(key));
}

// The check above can fail: two window-wide actions on one key clash, a widget's own
// shortcut clashes with a window-wide one, two widgets' own do not.
void MainWindowTest::shortcutClashesAreFound()
{
    QMainWindow window;
    QWidget a(&window);
    QWidget b(&window);
    ActionRegistry registry(&window);
    using Spec = ActionRegistry::Spec;
    registry.add(Spec{QStringLiteral("one"), QStringLiteral("One"), {QKeySequence(Qt::Key_X)}});
    QVERIFY(registry.clashes().isEmpty());
    registry.add(Spec{QStringLiteral("copyA"), QStringLiteral("Copy A"),
                      {QKeySequence(QKeySequence::Copy)}, Qt::WidgetShortcut, &a});
    registry.add(Spec{QStringLiteral("copyB"), QStringLiteral("Copy B"),
                      {QKeySequence(QKeySequence::Copy)}, Qt::WidgetShortcut, &b});
    QVERIFY2(registry.clashes().isEmpty(), qPrintable(registry.clashes().join(QLatin1Char(';'))));
    registry.add(Spec{QStringLiteral("two"), QStringLiteral("Two"),
                      {QKeySequence(Qt::Key_Y), QKeySequence(Qt::Key_X)}});
    QCOMPARE(registry.clashes(), QStringList{QStringLiteral("X: One / Two")});
    registry.add(Spec{QStringLiteral("copyAll"), QStringLiteral("Copy all"),
                      {QKeySequence(QKeySequence::Copy)}});
    QCOMPARE(registry.clashes().size(), 3);
    // Registered in the window (keys work with the menu bar hidden), or in their widget.
    QVERIFY(window.actions().contains(registry.action(QStringLiteral("one"))));
    QVERIFY(a.actions().contains(registry.action(QStringLiteral("copyA"))));
    QCOMPARE(registry.unplaced().size(), 3);
    registry.addMenu(QStringLiteral("&Edit"), {QStringLiteral("one"), QString(),
                                               QStringLiteral("two"), QStringLiteral("copyAll")});
    QVERIFY(registry.unplaced().isEmpty());
}

namespace {
// A key of one keystroke that types a character (a letter, a digit, ?, ], Space), alone or
// with Shift: a text field takes it as text.
bool typesText(const QKeySequence &key)
{
    if (key.count() != 1)
        return false;
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
    const int combined = key[0].toCombined();
#else
    const int combined = key[0];
#endif
    const int modifiers = combined & int(Qt::KeyboardModifierMask);
    return (combined & ~int(Qt::KeyboardModifierMask)) < int(Qt::Key_Escape)
           && (modifiers & ~int(Qt::ShiftModifier | Qt::KeypadModifier)) == 0;
}
} // namespace

// No registered single-key shortcut (A, R, C, J, Space, ?, Shift+A...) fires while a text
// field has the focus, whoever registered it: the filter and the reason box take the keys.
void MainWindowTest::singleKeysNeverFireInTextFields()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QList<QPair<QAction *, QKeySequence>> typed;
    for (QAction *a : m_window->actionRegistry()->actions()) {
        for (const QKeySequence &key : a->shortcuts()) {
            if (typesText(key))
                typed.append({a, key});
        }
    }
    QVERIFY(typed.size() >= 15);
    QLineEdit *filter = m_window->filterBar()->lineEdit();
    test::keyClick(m_window->queueView(), Qt::Key_R);
    QLineEdit *reason = m_window->reasonBar()->lineEdit();
    QVERIFY(m_window->reasonBar()->isAsking());
    for (QLineEdit *edit : {reason, filter}) {
        for (const auto &[action, key] : std::as_const(typed)) {
            edit->setFocus();
            QSignalSpy fired(action, &QAction::triggered);
#if QT_VERSION >= QT_VERSION_CHECK(6, 0, 0)
            const int combined = key[0].toCombined();
#else
            const int combined = key[0];
#endif
            test::keyClick(edit, Qt::Key(combined & ~int(Qt::KeyboardModifierMask)),
                            Qt::KeyboardModifiers(combined & int(Qt::KeyboardModifierMask)));
            QVERIFY2(fired.isEmpty(), qPrintable(key.toString() + QLatin1String(" fired ")
                                                 + action->text() + QLatin1String(" in ")
                                                 + edit->objectName()));
            m_window->filterBar()->completer()->popup()->hide();
            edit->clear();
        }
    }
    for (const QString &id : {kSample000, kSample003, kSample004})
        QCOMPARE(int(decisionsOf(id).size()), 0);
}

// Tab completes in the filter and keeps the focus there: the letters typed next are the
// filter's, never A/R/C decisions.
void MainWindowTest::tabInTheFilterCompletesAndLettersNeverDecide()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    test::keyClick(m_window->queueView(), Qt::Key_F, Qt::ControlModifier);
    QLineEdit *edit = m_window->filterBar()->lineEdit();
    QCOMPARE(QApplication::focusWidget(), edit);
    test::keyClicks(edit, QStringLiteral("stat"));
    QWidget *target = QApplication::focusWidget(); // the completion list when it is open
    test::keyClick(target ? target : edit, Qt::Key_Tab);
    QVERIFY2(edit->text().startsWith(QStringLiteral("status:")), qPrintable(edit->text()));
    test::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY2(edit->hasFocus() || m_window->filterBar()->completer()->popup()->hasFocus(),
             "Tab left the filter");
    for (const Qt::Key key : {Qt::Key_A, Qt::Key_R, Qt::Key_C})
        test::keyClick(QApplication::focusWidget(), key);
    for (const QString &id : {kSample000, kSample003, kSample004})
        QCOMPARE(int(decisionsOf(id).size()), 0);
}

// While the text is not a valid filter the rows shown are the last valid filter's, and the
// message says so.
void MainWindowTest::invalidFilterSaysWhatIsShown()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    test::keyClick(m_window->queueView(), Qt::Key_F, Qt::ControlModifier);
    QLineEdit *edit = m_window->filterBar()->lineEdit();
    edit->setText(QStringLiteral("lang:sql"));
    const int rows = m_window->queueProxy()->rowCount();
    edit->setText(QStringLiteral("lang:sql severity>="));
    const QString error = m_window->filterBar()->errorText();
    QVERIFY2(error.contains(QStringLiteral("last valid filter: lang:sql")), qPrintable(error));
    QCOMPARE(m_window->queueProxy()->rowCount(), rows);
}

void MainWindowTest::decisionButtonsFollowTheSelectionAcrossViews()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const auto buttons = m_window->findChildren<QPushButton *>(QStringLiteral("approveButton"));
    QCOMPARE(buttons.size(), 1);
    QVERIFY(buttons.front()->isEnabled());
    // Ctrl+2 (Pending), then Ctrl+1 (All): a row is current in each, so A/R/C are usable.
    test::keyClick(m_window->queueView(), Qt::Key_2, Qt::ControlModifier);
    test::keyClick(m_window->queueView(), Qt::Key_1, Qt::ControlModifier);
    QVERIFY(m_window->queueView()->currentIndex().isValid());
    QVERIFY(buttons.front()->isEnabled());
}

// A on a proposal I already approved writes nothing: no second audit event, no undo step.
void MainWindowTest::approvingTwiceRecordsOnce()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(int(decisionsOf(kSample000).size()), 1);
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(int(decisionsOf(kSample000).size()), 1);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("Already approved")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(m_window->currentProposalId(), kSample000);
    // A different verdict is a real change of mind.
    test::keyClick(m_window->queueView(), Qt::Key_R);
    auto *reason = m_window->findChild<ReasonBar *>();
    QVERIFY(reason && reason->isVisible());
    test::keyClicks(QApplication::focusWidget(), QStringLiteral("drops a table"));
    test::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(int(decisionsOf(kSample000).size()), 2);
}

// A name set in Settings is the name everywhere: decisions, "reviewer:me", the status bar.
void MainWindowTest::reviewerNameFromSettingsAppliesEverywhere()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QSettings().setValue(QStringLiteral("reviewer"), QStringLiteral("Alice Liddell"));
    m_window->tools()->applySettings();
    QCOMPARE(m_window->decisions()->reviewer(), QStringLiteral("Alice Liddell"));
    const auto *proxy = qobject_cast<QueueFilterProxy *>(m_window->queueProxy());
    QVERIFY(proxy);
    QCOMPARE(proxy->me(), QStringLiteral("Alice Liddell"));
    bool shown = false;
    for (const QLabel *l : m_window->statusBar()->findChildren<QLabel *>())
        shown = shown || l->text().contains(QStringLiteral("Alice Liddell"));
    QVERIFY(shown);
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(decisionsOf(kSample000).front().reviewer, QStringLiteral("Alice Liddell"));
}

// Sample 003 holds broken Python and writes the file sample 000 writes: the first A says
// why, inline, and records nothing; the second A approves.
void MainWindowTest::guardedApprovalTakesTwoSteps()
{
    m_window = makeWindow(true, true);
    QVERIFY(m_window);
    m_window->enableDiagnostics();
    QVERIFY(m_window->waitForDiagnostics(60000));
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(int(decisionsOf(kSample003).size()), 0);
    auto *bar = m_window->findChild<GuardBar *>();
    QVERIFY(bar && bar->isVisible());
    QVERIFY2(bar->text().contains(QStringLiteral("error diagnostic")), qPrintable(bar->text()));
    QVERIFY2(bar->text().contains(kSample000), qPrintable(bar->text()));
    QCOMPARE(m_window->currentProposalId(), kSample003);
    test::keyClick(m_window->queueView(), Qt::Key_A);
    const auto decisions = decisionsOf(kSample003);
    QCOMPARE(int(decisions.size()), 1);
    QCOMPARE(decisions.front().verdict, Verdict::Approve);
    QVERIFY(!bar->isVisible());
}

void MainWindowTest::guardDisarmsOnEscapeAndMovingOn()
{
    m_window = makeWindow(true, true);
    QVERIFY(m_window);
    auto *bar = m_window->findChild<GuardBar *>();
    QVERIFY(bar);
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QVERIFY(bar->isVisible());
    test::keyClick(m_window->queueView(), Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    test::keyClick(m_window->queueView(), Qt::Key_A); // asks again, records nothing
    QVERIFY(bar->isVisible());
    test::keyClick(m_window->queueView(), Qt::Key_J);
    QVERIFY(!bar->isVisible());
    test::keyClick(m_window->queueView(), Qt::Key_K);
    QCOMPARE(m_window->currentProposalId(), kSample003);
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QVERIFY(bar->isVisible());
    QCOMPARE(int(decisionsOf(kSample003).size()), 0);
}

void MainWindowTest::bulkApprovalListsTheGuarded()
{
    m_window = makeWindow(true, true);
    QVERIFY(m_window);
    QString asked;
    m_window->setConfirmHandler([&asked](const QString &question) {
        asked = question;
        return false;
    });
    m_window->queueView()->selectAll();
    test::keyClick(m_window->queueView(), Qt::Key_A);
    // 000 and 003 write the same file; 004 (a self-improvement, no file) is not guarded.
    QVERIFY2(asked.contains(QStringLiteral("2 of them need a second look")), qPrintable(asked));
    QVERIFY2(asked.contains(QStringLiteral("• ") + kSample000), qPrintable(asked));
    QVERIFY2(asked.contains(QStringLiteral("• ") + kSample003), qPrintable(asked));
    QVERIFY2(!asked.contains(QStringLiteral("• ") + kSample004), qPrintable(asked));
    for (const QString &id : {kSample000, kSample003, kSample004})
        QCOMPARE(int(decisionsOf(id).size()), 0);
}

// Samples 000 and 003 write the same file: O goes from one to the other and back; the
// Shared targets view lists exactly them.
void MainWindowTest::otherWriterIsOneKeyAway()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    test::keyClick(m_window->queueView(), Qt::Key_O);
    QCOMPARE(m_window->currentProposalId(), kSample003);
    test::keyClick(m_window->queueView(), Qt::Key_O);
    QCOMPARE(m_window->currentProposalId(), kSample000);
    QVERIFY(settled(m_window->selectProposal(kSample004))); // writes no file
    test::keyClick(m_window->queueView(), Qt::Key_O);
    QCOMPARE(m_window->currentProposalId(), kSample004);
    test::keyClick(m_window->queueView(), Qt::Key_7, Qt::ControlModifier);
    QCOMPARE(m_window->queueProxy()->rowCount(), 2);
    QStringList shown{idAt(0), idAt(1)};
    shown.sort();
    QStringList expected{kSample000, kSample003};
    expected.sort();
    QCOMPARE(shown, expected);
}

// Position, what the filter shows, what is left and what I did today, kept true through
// moves, filters, decisions and undo.
void MainWindowTest::countsAreNeverWrong()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QLabel *counts = nullptr;
    for (QLabel *l : m_window->statusBar()->findChildren<QLabel *>()) {
        if (l->text().contains(QStringLiteral("pending")))
            counts = l;
    }
    QVERIFY(counts);
    QVERIFY(settled(m_window->selectProposal(idAt(0))));
    QVERIFY2(counts->text().startsWith(QStringLiteral("1 of 3  ·  3 proposals, 3 pending")),
             qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(QStringLiteral("0 decided by you today")),
             qPrintable(counts->text()));
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QVERIFY2(counts->text().startsWith(QStringLiteral("2 of 3  ·  3 proposals, 2 pending")),
             qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(QStringLiteral("1 decided by you today")),
             qPrintable(counts->text()));
    m_window->filterBar()->setText(QStringLiteral("kind:self"));
    QVERIFY2(counts->text().startsWith(QStringLiteral("1 of 1 shown")),
             qPrintable(counts->text()));
    m_window->filterBar()->setText(QString());
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY2(counts->text().contains(QStringLiteral("3 proposals, 3 pending")),
             qPrintable(counts->text()));
    QVERIFY2(counts->text().contains(QStringLiteral("0 decided by you today")),
             qPrintable(counts->text()));
}

// The reason field gets the bar's width, whatever the length of the prompt (it names the
// proposal's id); it was ~30 px wide.
void MainWindowTest::reasonBoxTakesTheWidth()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    m_window->resize(1280, 720);
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    test::keyClick(m_window->queueView(), Qt::Key_R);
    auto *bar = m_window->findChild<ReasonBar *>();
    QVERIFY(bar && bar->isVisible());
    QVERIFY2(bar->lineEdit()->width() * 10 > bar->width() * 9,
             qPrintable(QStringLiteral("%1 px of %2").arg(bar->lineEdit()->width())
                            .arg(bar->width())));
}

// F8 / Shift+F8 walk the diagnostics (and show each line), ] / [ the tabs, Space /
// Shift+Space page the code: all from the queue, which keeps the focus.
void MainWindowTest::readingKeysKeepTheFocusInTheQueue()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    m_window->resize(900, 420); // small enough for the code to scroll
    m_window->enableDiagnostics();
    QVERIFY(m_window->waitForDiagnostics(60000));
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    QTableView *queue = m_window->queueView();
    QTableView *diagnostics = m_window->proposalView()->diagnosticsView();
    QTRY_VERIFY(diagnostics->model()->rowCount() >= 2);
    test::keyClick(queue, Qt::Key_F8);
    QCOMPARE(diagnostics->currentIndex().row(), 0);
    test::keyClick(queue, Qt::Key_F8);
    QCOMPARE(diagnostics->currentIndex().row(), 1);
    test::keyClick(queue, Qt::Key_F8, Qt::ShiftModifier);
    QCOMPARE(diagnostics->currentIndex().row(), 0);
    QTabWidget *tabs = m_window->proposalView()->tabs();
    tabs->setCurrentIndex(0);
    test::keyClick(queue, Qt::Key_BracketRight);
    QCOMPARE(tabs->currentIndex(), 1);
    test::keyClick(queue, Qt::Key_BracketLeft);
    QCOMPARE(tabs->currentIndex(), 0);
    CodeView *code = m_window->proposalView()->codeViews().front();
    code->verticalScrollBar()->setValue(0);
    QVERIFY(code->verticalScrollBar()->maximum() > 0);
    test::keyClick(queue, Qt::Key_Space);
    QVERIFY(code->verticalScrollBar()->value() > 0);
    test::keyClick(queue, Qt::Key_Space, Qt::ShiftModifier);
    QCOMPARE(code->verticalScrollBar()->value(), 0);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(queue));
    QCOMPARE(m_window->currentProposalId(), kSample003);
}

void MainWindowTest::codeWrapIsRemembered()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    const auto mode = [this] {
        return m_window->proposalView()->codeViews().front()->lineWrapMode();
    };
    QCOMPARE(mode(), QPlainTextEdit::NoWrap);
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::AltModifier);
    QCOMPARE(mode(), QPlainTextEdit::WidgetWidth);
    m_window.reset();
    m_window = makeWindow(false);
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    QCOMPARE(mode(), QPlainTextEdit::WidgetWidth);
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::AltModifier);
    QCOMPARE(mode(), QPlainTextEdit::NoWrap);
}

// D defers: the next pending proposal is shown, decisions skip the deferred one, the Deferred
// view (Ctrl+8) lists it, it is remembered, and D on it again un-defers. Nothing is recorded.
void MainWindowTest::deferSkipsAndIsListed()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    const QString second = idAt(1);
    const QString third = idAt(2);
    QVERIFY(settled(m_window->selectProposal(first)));
    test::keyClick(m_window->queueView(), Qt::Key_D);
    QCOMPARE(m_window->currentProposalId(), second);
    QCOMPARE(int(decisionsOf(first).size()), 0);
    test::keyClick(m_window->queueView(), Qt::Key_A); // approves second, goes to third
    QCOMPARE(m_window->currentProposalId(), third);
    test::keyClick(m_window->queueView(), Qt::Key_A); // the deferred first is skipped
    QVERIFY(m_window->currentProposalId() != first);
    m_window.reset();
    m_window = makeWindow(false);
    test::keyClick(m_window->queueView(), Qt::Key_8, Qt::ControlModifier);
    QCOMPARE(m_window->queueProxy()->rowCount(), 1);
    QCOMPARE(idAt(0), first);
    QVERIFY(settled(m_window->selectProposal(first)));
    test::keyClick(m_window->queueView(), Qt::Key_D);
    QCOMPARE(m_window->queueProxy()->rowCount(), 0);
}

void MainWindowTest::recentDecisionsLeadBack()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    auto *recent = m_window->findChild<RecentDecisions *>();
    QVERIFY(recent);
    QCOMPARE(recent->count(), 0);
    const QString first = idAt(0);
    QVERIFY(settled(m_window->selectProposal(first)));
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(recent->count(), 1);
    QVERIFY2(recent->item(0)->text().startsWith(QStringLiteral("Approved")),
             qPrintable(recent->item(0)->text()));
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(recent->count(), 2);
    QVERIFY(recent->item(0)->text().startsWith(QStringLiteral("Undone")));
    QVERIFY(settled(m_window->selectProposal(idAt(2))));
    Q_EMIT recent->itemActivated(recent->item(1));
    QCOMPARE(m_window->currentProposalId(), first);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
}

// The three samples list the same risks and mitigations (one with another date): each is
// shown as generic, with how many proposals carry it, and the tab says so.
void MainWindowTest::sharedRisksAreMarkedGeneric()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QVERIFY(settled(m_window->selectProposal(kSample000)));
    const QString shown = m_window->proposalView()->risksText();
    QCOMPARE(shown.count(QStringLiteral("generic: same text in 3 proposals")), 6);
    QVERIFY2(shown.contains(QStringLiteral("Slow failure: unnoticed degradation")),
             qPrintable(shown));
    QTabWidget *tabs = m_window->proposalView()->tabs();
    const int risks = tabs->indexOf(m_window->proposalView()->risksPage());
    QCOMPARE(tabs->tabText(risks), QStringLiteral("Risks (3, generic)"));
}

// At the sizes reviewers use, the code shows a page worth reading with the guard's second
// step asked, and the queue shows all its columns (no horizontal scroll bar).
void MainWindowTest::codeGetsTheRoom_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("minLines");
    QTest::newRow("1280x720") << QSize(1280, 720) << 14;
    QTest::newRow("1920x1080") << QSize(1920, 1080) << 28;
}

// At 1280x720 the queue's status column is an icon wide: "P…" beside it said nothing.
// The icon is shown alone; the words stay in the tool tip; a wider column shows them.
void MainWindowTest::narrowCellsShowTheirIconAlone()
{
    m_window = makeWindow(true, false, QSize(1280, 720));
    QVERIFY(m_window);
    QTableView *queue = m_window->queueView();
    auto *delegate = qobject_cast<QueueCellDelegate *>(queue->itemDelegate());
    QVERIFY(delegate);
    const QModelIndex status = queue->model()->index(0, QueueModel::StatusColumn);
    QVERIFY(!status.data(Qt::DecorationRole).isNull());
    const QString word = status.data().toString();
    QVERIFY(!word.isEmpty());
    const auto shown = [&] {
        QStyleOptionViewItem option;
        option.initFrom(queue->viewport());
        option.rect = queue->visualRect(status);
        option.decorationSize = queue->iconSize().isValid() ? queue->iconSize() : QSize(16, 16);
        option.features = QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasDisplay;
        return delegate->shownText(option, status);
    };
    // An icon wide and a little (what the column fitting gives it at 1280x720 with the
    // fonts of Debian 12; the fonts differ from machine to machine, so set here).
    queue->setColumnWidth(QueueModel::StatusColumn, 16 + 14);
    QCOMPARE(shown(), QString());
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains(word, Qt::CaseInsensitive)
            || status.data(Qt::AccessibleTextRole).toString().contains(word, Qt::CaseInsensitive));
    queue->setColumnWidth(QueueModel::StatusColumn, 200);
    QCOMPARE(shown(), word);
}

// A lead turns a noisy rule off in Settings (Ctrl+,): the running window stops showing it,
// in the list and in the queue's counts, without a restart; turned on again, it is back.
void MainWindowTest::aRuleTurnedOffInSettingsLeavesTheWindow()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    m_window->enableDiagnostics();
    QVERIFY(m_window->waitForDiagnostics(60000));
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    settle();
    const auto shownRules = [&] {
        QStringList rules;
        const DiagnosticsModel *model = m_window->proposalView()->diagnosticsModel();
        for (int row = 0; row < model->rowCount(); ++row)
            rules << model->diagnosticAt(row)->rule;
        return rules;
    };
    const auto errors = [&] {
        const QueueModel *queue = m_window->queueModel();
        return queue->entryAt(queue->rowForId(kSample003))->errors;
    };
    QVERIFY(shownRules().contains(QLatin1String("language-mismatch")));
    const int errorsBefore = errors();

    test::keyClick(m_window->queueView(), Qt::Key_Comma, Qt::ControlModifier);
    QPointer<SettingsDialog> dialog = m_window->findChild<SettingsDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->disabledRuleList()->isEnabled(), 10000);
    dialog->disabledRuleEdit()->setText(QStringLiteral("language-mismatch"));
    QVERIFY(dialog->addDisabledRules());
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!shownRules().contains(QLatin1String("language-mismatch")),
                             30000);
    QVERIFY2(shownRules().contains(QLatin1String("syntax-error")), "the other rules stay");
    QTRY_COMPARE_WITH_TIMEOUT(errors(), errorsBefore - 1, 30000);

    QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000); // closed once the store had it
    m_window->activateWindow(); // as the window manager does when a dialog closes
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    test::keyClick(m_window->queueView(), Qt::Key_Comma, Qt::ControlModifier);
    dialog = m_window->findChild<SettingsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->disabledRuleList()->count() == 1, 10000);
    dialog->disabledRuleList()->clear();
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(shownRules().contains(QLatin1String("language-mismatch")), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(errors(), errorsBefore, 30000);
}

// Each view says how many proposals it matches, and follows the decisions: the reviewer
// sees what is left in "Pending" and what they did in "Decided by me" without opening them.
void MainWindowTest::eachViewCountsItsProposals()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    SavedViews *views = m_window->savedViews();
    ViewCounter *counter = m_window->queueFilter()->viewCounter();
    const auto rowOf = [views](const QString &name) {
        for (int row = 0; row < views->count(); ++row) {
            if (views->item(row)->text() == name)
                return row;
        }
        return -1;
    };
    const auto countOf = [&](const QString &name) {
        settle();
        if (!QTest::qWaitFor([&] { return !counter->isCounting(); }, 10000))
            return -2; // still counting
        return views->countAt(rowOf(name));
    };
    QCOMPARE(countOf(QStringLiteral("All")), 3);
    QCOMPARE(countOf(QStringLiteral("Pending")), 3);
    QCOMPARE(countOf(QStringLiteral("Decided by me")), 0);
    QCOMPARE(countOf(QStringLiteral("Blocking")), 0);

    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(countOf(QStringLiteral("Pending")), 2);
    QCOMPARE(countOf(QStringLiteral("Decided by me")), 1);
    QCOMPARE(views->item(rowOf(QStringLiteral("Pending")))->data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("Pending, 2 proposals"));
    // Deferring changes no row, only this reviewer's list: counted again all the same.
    test::keyClick(m_window->queueView(), Qt::Key_D);
    QCOMPARE(countOf(QStringLiteral("Deferred")), 1);
    QCOMPARE(countOf(QStringLiteral("Pending")), 2);

    // A view of the reviewer's own is counted too; one with free words (searched in the
    // whole text only when shown) has no count rather than a wrong one.
    views->addView(QStringLiteral("Six and up"), QStringLiteral("severity>=6 -status:approved"));
    views->addView(QStringLiteral("Users"), QStringLiteral("users"));
    QCOMPARE(countOf(QStringLiteral("Six and up")), 2);
    QCOMPARE(countOf(QStringLiteral("Users")), -1);
    QCOMPARE(countOf(QStringLiteral("All")), 3);
}

void MainWindowTest::codeGetsTheRoom()
{
    QFETCH(QSize, size);
    QFETCH(int, minLines);
    m_window = makeWindow(true, true, size);
    QVERIFY(m_window);
    QCOMPARE(m_window->size(), size);
    m_window->enableDiagnostics();
    QVERIFY(m_window->waitForDiagnostics(60000));
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    settle();
    test::keyClick(m_window->queueView(), Qt::Key_A); // guarded: the second step is asked
    auto *guard = m_window->findChild<GuardBar *>();
    QVERIFY(guard && guard->isVisible());
    QCoreApplication::processEvents(); // layouts
    CodeView *code = m_window->proposalView()->codeViews().value(0);
    QVERIFY(code && code->isVisible());
    // The height of a line as drawn: the smallest step between the tops of lines in view
    // (a line with a diagnostic's note under it is taller).
    int pitch = std::numeric_limits<int>::max();
    int previousTop = -1;
    for (QTextBlock b = code->document()->firstBlock(); b.isValid(); b = b.next()) {
        const int top = code->cursorRect(QTextCursor(b)).top();
        if (top > code->viewport()->height())
            break;
        if (previousTop >= 0 && top > previousTop)
            pitch = std::min(pitch, top - previousTop);
        previousTop = top;
    }
    QVERIFY(pitch >= code->fontMetrics().height() && pitch < 100);
    // Sample 003's finding about the whole file (sample 000 writes it too) is in a band
    // above its code, in the code's room: counted with it, as the notes under lines are.
    const int band = code->fileNotes()->isVisible() ? code->fileNotes()->height() : 0;
    QVERIFY2(band > 0 && band <= pitch,
             qPrintable(QStringLiteral("the band above the code: %1 px, a line %2 px")
                            .arg(band)
                            .arg(pitch)));
    const int lines = (code->viewport()->height() + band) / pitch;
    qInfo("%d lines of code in view at %dx%d (%d of %d px a line, %d px for the file's "
          "finding)",
          lines, size.width(), size.height(), code->viewport()->height(), pitch, band);
    QVERIFY2(lines >= minLines, qPrintable(QStringLiteral("%1 lines of code at %2x%3")
                                               .arg(lines)
                                               .arg(size.width())
                                               .arg(size.height())));
    // The diagnostics list keeps three rows at least.
    QTableView *list = m_window->proposalView()->diagnosticsView();
    QVERIFY(list->viewport()->height() >= 3 * list->verticalHeader()->defaultSectionSize());
    QVERIFY(!m_window->queueView()->horizontalScrollBar()->isVisible());
    // Every queue column is shown.
    for (int c = 0; c < QueueModel::ColumnCount; ++c) {
        const int x = m_window->queueView()->columnViewportPosition(c);
        QVERIFY2(x >= 0 && x + m_window->queueView()->columnWidth(c)
                               <= m_window->queueView()->viewport()->width(),
                 qPrintable(QStringLiteral("column %1 cut").arg(c)));
    }
    // In a small window the views pane starts hidden; F9 shows it, and hides it again.
    QWidget *views = m_window->findChild<SavedViews *>();
    QVERIFY(views);
    const bool small = size.width() < 1360;
    QCOMPARE(views->isVisible(), !small);
    test::keyClick(m_window->queueView(), Qt::Key_F9);
    QCOMPARE(views->isVisible(), small);
    QVERIFY(views->width() > 0);
    test::keyClick(m_window->queueView(), Qt::Key_F9);
    QCOMPARE(views->isVisible(), !small);
}

// The reason box and the guard's second step appear where the buttons are, in a row of a
// fixed height: the code above never moves while the reviewer decides.
void MainWindowTest::askingNeverMovesTheCode()
{
    m_window = makeWindow(true, true, QSize(1280, 720));
    QVERIFY(m_window);
    m_window->enableDiagnostics();
    QVERIFY(m_window->waitForDiagnostics(60000));
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    QCoreApplication::processEvents();
    CodeView *code = m_window->proposalView()->codeViews().value(0);
    QVERIFY(code);
    const auto geometry = [&] {
        QCoreApplication::processEvents(); // layouts
        return QRect(code->mapTo(m_window.get(), QPoint(0, 0)), code->size());
    };
    const QRect before = geometry();
    auto *guard = m_window->findChild<GuardBar *>();
    QVERIFY(guard);
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QVERIFY(guard->isVisible());
    QCOMPARE(geometry(), before);
    test::keyClick(m_window->queueView(), Qt::Key_Escape);
    QVERIFY(!guard->isVisible());
    QCOMPARE(geometry(), before);

    ReasonBar *reason = m_window->reasonBar();
    test::keyClick(m_window->queueView(), Qt::Key_R);
    QVERIFY(reason->isAsking());
    QCOMPARE(geometry(), before);
    // The box takes the pane's width, and so does its preset list.
    QVERIFY2(reason->lineEdit()->width() * 10 > code->width() * 9,
             qPrintable(QStringLiteral("%1 px of %2").arg(reason->lineEdit()->width())
                            .arg(code->width())));
    test::keyClick(reason->lineEdit(), Qt::Key_Return); // empty: refused, said in the bar
    QVERIFY(!reason->message().isEmpty());
    QCOMPARE(geometry(), before);
    test::keyClicks(reason->lineEdit(), QStringLiteral("in"));
    QWidget *popup = reason->lineEdit()->completer()->popup();
    QVERIFY(popup->isVisible());
    QVERIFY(popup->width() >= reason->lineEdit()->width());
    QCOMPARE(geometry(), before);
    test::keyClick(popup, Qt::Key_Escape);
    test::keyClick(reason->lineEdit(), Qt::Key_Escape);
    QVERIFY(!reason->isAsking());
    QCOMPARE(geometry(), before);
    QCOMPARE(int(decisionsOf(kSample003).size()), 0);
}

QTEST_MAIN(MainWindowTest)
void MainWindowTest::undoAcrossRestarts()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    test::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(int(decisionsOf(first).size()), 1);
    // A new session on the same database: the session's undo stack is gone, the store not.
    m_window.reset();
    m_window = makeWindow(false);
    QVERIFY(m_window);
    QCOMPARE(m_window->queueModel()->pendingCount(), 2);
    // Someone else's later decision is not alice's to undo.
    DecisionRequest bob;
    bob.proposalId = kSample004;
    bob.verdict = Verdict::Approve;
    bob.reviewer = QStringLiteral("bob");
    QVERIFY(onStore([&](Store &store) { return store.decide(bob); }).ok());
    QVERIFY(settled(m_window->selectProposal(kSample003)));
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    const auto decisions = decisionsOf(first);
    QCOMPARE(int(decisions.size()), 2);
    QCOMPARE(decisions[1].verdict, Verdict::Retract);
    QCOMPARE(decisions[1].supersedes, decisions[0].uuid);
    QCOMPARE(decisions[1].reviewer, QStringLiteral("alice"));
    QCOMPARE(int(decisionsOf(kSample004).size()), 1);
    // Back in the queue, pending and selected.
    const int row = m_window->queueModel()->rowForId(first);
    QCOMPARE(m_window->queueModel()->entryAt(row)->status, Status::Pending);
    QCOMPARE(m_window->currentProposalId(), first);
    QCOMPARE(m_window->proposalView()->proposalId(), first);
    // Nothing of alice's stands any more: another Ctrl+Z records nothing.
    test::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(int(decisionsOf(first).size()), 2);
    QCOMPARE(int(decisionsOf(kSample004).size()), 1);
}

void MainWindowTest::freeWordsSearchTheWholeText_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("ids");
    // "Stripe" is only in sample 004's proposal text, "Sequelize" in 000's artifact,
    // "2028-01-02" in 000's risks: none is in a queue row's own columns.
    QTest::newRow("word only in the body") << QStringLiteral("Stripe")
                                           << QStringList{kSample004};
    QTest::newRow("word in an artifact") << QStringLiteral("sequelize")
                                         << QStringList{kSample000};
    QTest::newRow("quoted phrase in a risk") << QStringLiteral("\"accumulating by 2028-01-02\"")
                                             << QStringList{kSample000};
    QTest::newRow("text key") << QStringLiteral("text:\"with stripe\"")
                              << QStringList{kSample004};
    QTest::newRow("negated") << QStringLiteral("-stripe")
                             << QStringList{kSample000, kSample003};
    QTest::newRow("with a key") << QStringLiteral("stripe kind:idea") << QStringList{};
    QTest::newRow("not present") << QStringLiteral("zebra") << QStringList{};
}

void MainWindowTest::freeWordsSearchTheWholeText()
{
    QFETCH(QString, query);
    QFETCH(QStringList, ids);
    m_window = makeWindow();
    QVERIFY(m_window);
    test::keyClick(m_window->queueView(), Qt::Key_F, Qt::ControlModifier);
    test::keyClicks(m_window->filterBar()->lineEdit(), query);
    // The queue answers at once from its own columns while the text search runs.
    QVERIFY(m_window->filterBar()->isSearching());
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("filterSearching"))->isVisible());
    QTRY_VERIFY(!m_window->filterBar()->isSearching());
    QStringList got;
    for (int row = 0; row < m_window->queueProxy()->rowCount(); ++row)
        got << idAt(row);
    QCOMPARE(got, ids);
    QCOMPARE(m_window->currentProposalId(), ids.value(0));
    // Cleared: every row again, nothing searching.
    m_window->filterBar()->setText(QString());
    QCOMPARE(m_window->queueProxy()->rowCount(), 3);
    QVERIFY(!m_window->filterBar()->isSearching());
}

#include "mainwindow_test.moc"
