// SPDX-License-Identifier: GPL-3.0-or-later
#include "backgroundjob.h"
#include "importtask.h"
#include "store/store.h"

#include <QMainWindow>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace verdict;

class BackgroundJobTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finishesAndCleansUp();
    void cancelStopsTheWorker();
    void longJobsGetACancellableDialog();
    void cancelledImportWritesNothing();
};

void BackgroundJobTest::finishesAndCleansUp()
{
    QMainWindow window;
    auto *job = new BackgroundJob(QStringLiteral("Counting"), &window, window.statusBar());
    QPointer<BackgroundJob> guard(job);
    QSignalSpy finished(job, &BackgroundJob::finished);
    job->setDialogDelay(-1);
    std::atomic<int> steps{0};
    job->run([&steps](JobControl &control) {
        for (int i = 1; i <= 5; ++i) {
            control.setProgress(i, 5);
            ++steps;
        }
    });
    QVERIFY(job->isRunning());
    QVERIFY(window.statusBar()->findChild<QProgressBar *>());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(steps.load(), 5);
    QTRY_VERIFY(guard.isNull()); // deletes itself
    QVERIFY(!window.statusBar()->findChild<QProgressBar *>());
}

void BackgroundJobTest::cancelStopsTheWorker()
{
    QMainWindow window;
    auto *job = new BackgroundJob(QStringLiteral("Waiting"), &window, window.statusBar());
    job->setDialogDelay(-1);
    QSignalSpy finished(job, &BackgroundJob::finished);
    job->run([](JobControl &control) {
        while (!control.isCancelled())
            QThread::msleep(5);
    });
    job->cancel();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
}

void BackgroundJobTest::longJobsGetACancellableDialog()
{
    QMainWindow window;
    auto *job = new BackgroundJob(QStringLiteral("Exporting"), &window);
    job->setDialogDelay(0);
    QSignalSpy finished(job, &BackgroundJob::finished);
    job->run([](JobControl &control) {
        control.setProgress(1, 4);
        while (!control.isCancelled())
            QThread::msleep(5);
    });
    QTRY_VERIFY(job->dialog() != nullptr);
    QProgressDialog *dialog = job->dialog();
    QCOMPARE(dialog->windowModality(), Qt::NonModal); // the reviewer keeps working
    QTRY_COMPARE(dialog->value(), 250);
    QPushButton *cancel = dialog->findChild<QPushButton *>();
    QVERIFY(cancel);
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    cancel->click();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
}

void BackgroundJobTest::cancelledImportWritesNothing()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("v.sqlite"));
    JobControl control;
    control.cancel();
    const ImportOutcome outcome =
        ImportTask::run(db, {QStringLiteral(VERDICT_SAMPLES)}, QStringLiteral("ann"), &control);
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.cancelled);
    QVERIFY2(outcome.error.contains(QLatin1String("nothing was imported")),
             qPrintable(outcome.error));
    auto store = openStore(db);
    QVERIFY(store.ok());
    QCOMPARE(int(store.value()->queue()->size()), 0);
    QCOMPARE(int(store.value()->auditEvents()->size()), 0);

    // Not cancelled: the same call imports, with progress over every file.
    JobControl running;
    const ImportOutcome done =
        ImportTask::run(db, {QStringLiteral(VERDICT_SAMPLES)}, QStringLiteral("ann"), &running);
    QVERIFY2(done.ok, qPrintable(done.error));
    QVERIFY(done.summary.added > 0);
    QCOMPARE(running.total(), qint64(done.summary.files));
}

QTEST_MAIN(BackgroundJobTest)
#include "backgroundjob_test.moc"
