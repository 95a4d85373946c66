// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditverify.h"
#include "auditexportdialog.h"
#include "backgroundjob.h"
#include "importtask.h"
#include "store/sqlitestore.h"

#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class AuditExportDialogTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void writesAFileThatVerifies_data();
    void writesAFileThatVerifies();
    void cancelLeavesNoFile();
    void unwritablePathIsAnError();
    void enterInThePathExportsAndTheHashShowsWhole();

private:
    void addEvents(int count);
    QString db() const { return m_dir->filePath(QStringLiteral("v.sqlite")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void AuditExportDialogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const ImportOutcome imported =
        ImportTask::run(db(), {QStringLiteral(VERDICT_SAMPLES)}, QStringLiteral("ann"));
    QVERIFY2(imported.ok, qPrintable(imported.error));
}

void AuditExportDialogTest::cleanup()
{
    m_dir.reset();
}

void AuditExportDialogTest::addEvents(int count)
{
    auto store = SqliteStore::open(db());
    QVERIFY(store.ok());
    for (int i = 0; i < count; ++i) {
        AuditEvent e;
        e.actor = QStringLiteral("lead");
        e.action = QStringLiteral("note");
        e.subject = QStringLiteral("bulk %1").arg(i);
        e.detail = QString(400, QLatin1Char('x'));
        QVERIFY(store.value()->recordAuditEvent(e).ok());
    }
}

void AuditExportDialogTest::writesAFileThatVerifies_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("name");
    QTest::newRow("csv") << int(AuditFormat::Csv) << QStringLiteral("audit.csv");
    QTest::newRow("jsonl") << int(AuditFormat::Jsonl) << QStringLiteral("audit.jsonl");
}

void AuditExportDialogTest::writesAFileThatVerifies()
{
    QFETCH(int, format);
    QFETCH(QString, name);
    addEvents(300); // more than one write block: progress is reported on the way
    const QString path = m_dir->filePath(name);
    AuditExportDialog dialog(db(), QStringLiteral("lead"));
    dialog.setFormat(AuditFormat(format));
    dialog.setPath(path);
    QSignalSpy finished(&dialog, &AuditExportDialog::exportFinished);
    QVERIFY(dialog.start());
    QVERIFY(!dialog.start()); // one export at a time
    QVERIFY(finished.wait(30000));
    const AuditExportOutcome outcome = dialog.outcome();
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const AuditVerifyReport report = AuditVerify::verify(file.readAll(), outcome.head);
    QVERIFY2(report.ok, qPrintable(report.message));
    QCOMPARE(int(report.format), format);
    QCOMPARE(qint64(report.events), outcome.events);
    QVERIFY(report.events > 300);
    // The head hash is shown, copyable, with the command that uses it.
    QCOMPARE(dialog.headField()->text(), outcome.head);
    QVERIFY(dialog.headField()->isReadOnly());
    QVERIFY2(dialog.message().contains(QString::number(outcome.events)),
             qPrintable(dialog.message()));

    // The export itself went into the audit log, after the events it wrote.
    auto store = SqliteStore::open(db());
    QVERIFY(store.ok());
    const auto events = store.value()->auditEvents();
    QVERIFY(events.ok());
    QCOMPARE(qint64(events->size()), outcome.events + 1);
    QCOMPARE(events->back().action, QStringLiteral("export"));
    QCOMPARE(events->back().prevHash, outcome.head);
}

// Enter in the file field exports (it used to press "Choose…"), and the head hash is
// visible whole, not scrolled out of its field.
void AuditExportDialogTest::enterInThePathExportsAndTheHashShowsWhole()
{
    addEvents(3);
    const QString path = m_dir->filePath(QStringLiteral("enter.csv"));
    AuditExportDialog dialog(db(), QStringLiteral("lead"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *field = dialog.findChild<QLineEdit *>();
    QLineEdit *pathField = nullptr;
    for (QLineEdit *e : dialog.findChildren<QLineEdit *>()) {
        if (e->accessibleName() == QLatin1String("File"))
            pathField = e;
    }
    QVERIFY(field && pathField);
    for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
        if (b->accessibleName() == QLatin1String("Choose file"))
            QVERIFY2(!b->autoDefault() && !b->isDefault(), "Enter must not choose a file");
    }
    QSignalSpy finished(&dialog, &AuditExportDialog::exportFinished);
    pathField->setFocus();
    QTest::keyClicks(pathField, path);
    QTest::keyClick(pathField, Qt::Key_Return);
    QVERIFY(finished.wait(30000));
    QVERIFY2(dialog.outcome().ok, qPrintable(dialog.outcome().error));
    QVERIFY(QFile::exists(path));
    QLineEdit *head = dialog.headField();
    QVERIFY(head->isVisible());
    const int needed = head->fontMetrics().horizontalAdvance(head->text());
    QVERIFY2(head->width() > needed, qPrintable(QStringLiteral("%1 px for %2 px of hash")
                                                    .arg(head->width())
                                                    .arg(needed)));
}

void AuditExportDialogTest::cancelLeavesNoFile()
{
    addEvents(600);
    const QString path = m_dir->filePath(QStringLiteral("audit.csv"));
    AuditExportDialog dialog(db(), QStringLiteral("lead"));
    dialog.setFormat(AuditFormat::Csv);
    dialog.setPath(path);
    // Cancel once the first block is on disk: a partial file exists at that moment.
    int reports = 0;
    dialog.setProgressHook([&reports](JobControl &control) {
        if (++reports == 1)
            control.cancel();
    });
    QSignalSpy finished(&dialog, &AuditExportDialog::exportFinished);
    QVERIFY(dialog.start());
    QVERIFY(finished.wait(30000));
    QCOMPARE(reports, 1); // stopped at the next block
    const AuditExportOutcome outcome = dialog.outcome();
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.cancelled);
    QVERIFY2(dialog.message().contains(QLatin1String("no file")), qPrintable(dialog.message()));
    QVERIFY(!QFile::exists(path));
    // Nor any temporary file beside it.
    const QStringList left = QDir(m_dir->path()).entryList(QDir::Files);
    for (const QString &f : left)
        QVERIFY2(f.startsWith(QLatin1String("v.sqlite")), qPrintable(f));
    // A cancelled export is not recorded.
    auto store = SqliteStore::open(db());
    QVERIFY(store.ok());
    QVERIFY(store.value()->auditEvents()->back().action != QLatin1String("export"));
}

void AuditExportDialogTest::unwritablePathIsAnError()
{
    AuditExportDialog dialog(db(), QStringLiteral("lead"));
    dialog.setPath(m_dir->filePath(QStringLiteral("no/such/dir/audit.csv")));
    QSignalSpy finished(&dialog, &AuditExportDialog::exportFinished);
    QVERIFY(dialog.start());
    QVERIFY(finished.wait(30000));
    QVERIFY(!dialog.outcome().ok);
    QVERIFY2(dialog.message().startsWith(QLatin1String("Cannot write")),
             qPrintable(dialog.message()));
}

QTEST_MAIN(AuditExportDialogTest)
#include "auditexportdialog_test.moc"
