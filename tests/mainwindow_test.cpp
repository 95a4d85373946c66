// SPDX-License-Identifier: GPL-3.0-or-later
#include "codeview.h"
#include "importtask.h"
#include "mainwindow.h"
#include "proposalview.h"
#include "queue/diagnosticsmodel.h"
#include "queue/queuemodel.h"
#include "reasonbar.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

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

private:
    std::unique_ptr<MainWindow> makeWindow(bool import = true);
    QString idAt(int proxyRow) const;
    std::vector<Decision> decisionsOf(const QString &id) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    std::unique_ptr<MainWindow> m_window;
};

void MainWindowTest::initTestCase()
{
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
    m_dir.reset();
}

std::unique_ptr<MainWindow> MainWindowTest::makeWindow(bool import)
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
    auto window = std::make_unique<MainWindow>(std::move(store).value(), QStringLiteral("alice"));
    window->show();
    QApplication::setActiveWindow(window.get());
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active: shortcuts will not fire");
    window->queueView()->setFocus();
    return window;
}

QString MainWindowTest::idAt(int proxyRow) const
{
    return m_window->queueProxy()->index(proxyRow, 0).data(QueueModel::IdRole).toString();
}

std::vector<Decision> MainWindowTest::decisionsOf(const QString &id) const
{
    auto decisions = m_window->store()->decisions(id);
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
    QVERIFY(m_window->selectProposal(QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972")));
    QCOMPARE(m_window->proposalView()->codeViews().size(), 0);
    QVERIFY(m_window->selectProposal(QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130")));
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
    QTest::keyClick(m_window->queueView(), Qt::Key_A);
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
    QTest::keyClick(m_window->queueView(), Qt::Key(key));
    ReasonBar *bar = m_window->reasonBar();
    QVERIFY(bar->isAsking());
    QCOMPARE(bar->verdict(), expected);
    QCOMPARE(QApplication::focusWidget(), bar->lineEdit());
    // Letters go into the reason, not to the A/R/C shortcuts.
    QTest::keyClicks(bar->lineEdit(), QStringLiteral("drops a table"));
    QCOMPARE(int(decisionsOf(first).size()), 0);
    QTest::keyClick(bar->lineEdit(), Qt::Key_Return);
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
    QTest::keyClick(m_window->queueView(), Qt::Key_R);
    QTest::keyClicks(m_window->reasonBar()->lineEdit(), QStringLiteral("maybe"));
    QTest::keyClick(m_window->reasonBar()->lineEdit(), Qt::Key_Escape);
    QVERIFY(!m_window->reasonBar()->isAsking());
    QCOMPARE(int(decisionsOf(first).size()), 0);
    QCOMPARE(m_window->currentProposalId(), first);
}

void MainWindowTest::emptyReasonIsRefused()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString first = idAt(0);
    QTest::keyClick(m_window->queueView(), Qt::Key_R);
    QTest::keyClicks(m_window->reasonBar()->lineEdit(), QStringLiteral("   "));
    QTest::keyClick(m_window->reasonBar()->lineEdit(), Qt::Key_Return);
    QVERIFY(m_window->reasonBar()->isAsking());
    QVERIFY(!m_window->reasonBar()->message().isEmpty());
    QCOMPARE(int(decisionsOf(first).size()), 0);
}

void MainWindowTest::lastPendingWrapsToTheTop()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QVERIFY(m_window->selectRow(2));
    QTest::keyClick(m_window->queueView(), Qt::Key_A);
    QCOMPARE(m_window->currentProposalId(), idAt(0));
    QTest::keyClick(m_window->queueView(), Qt::Key_A); // row 0 -> row 1, the last pending
    QCOMPARE(m_window->currentProposalId(), idAt(1));
    QCOMPARE(m_window->queueModel()->pendingCount(), 1);
}

void MainWindowTest::jkMove()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    QTest::keyClick(m_window->queueView(), Qt::Key_J);
    QCOMPARE(m_window->currentProposalId(), idAt(1));
    QTest::keyClick(m_window->queueView(), Qt::Key_J);
    QTest::keyClick(m_window->queueView(), Qt::Key_J); // stays on the last row
    QCOMPARE(m_window->currentProposalId(), idAt(2));
    QTest::keyClick(m_window->queueView(), Qt::Key_K);
    QCOMPARE(m_window->currentProposalId(), idAt(1));
    QTest::keyClick(m_window->queueView(), Qt::Key_Up);
    QCOMPARE(m_window->currentProposalId(), idAt(0));
    QTest::keyClick(m_window->queueView(), Qt::Key_Down);
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
    QTest::mouseClick(approve, Qt::LeftButton);
    QCOMPARE(int(decisionsOf(first).size()), 1);
    QCOMPARE(m_window->currentProposalId(), idAt(1));
}

void MainWindowTest::diagnosticsReachQueueAndCode()
{
    m_window = makeWindow();
    QVERIFY(m_window);
    const QString id = QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9");
    QVERIFY(m_window->selectProposal(id));
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
    QTest::keyClick(m_window->queueView(), Qt::Key_A); // nothing to decide: no crash
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

QTEST_MAIN(MainWindowTest)
#include "mainwindow_test.moc"
