// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditexportdialog.h"

#include "backgroundjob.h"
#include "store/store.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <algorithm>
#include <QSaveFile>
#include <QVBoxLayout>

namespace verdict {

namespace {

// Forwards writes until the job is cancelled, then fails them: AuditExport::write stops at
// the next block instead of writing the rest of a file nobody wants.
class CancellableDevice final : public QIODevice
{
public:
    CancellableDevice(QIODevice &inner, const JobControl &control)
        : m_inner(inner), m_control(control)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (m_control.isCancelled()) {
            setErrorString(QStringLiteral("cancelled"));
            return -1;
        }
        const qint64 n = m_inner.write(data, size);
        if (n < 0)
            setErrorString(m_inner.errorString());
        return n;
    }

private:
    QIODevice &m_inner;
    const JobControl &m_control;
};

} // namespace

AuditExportOutcome AuditExportDialog::exportLog(const QString &storeUrl, const QString &path,
                                                AuditFormat format, const QString &actor,
                                                JobControl &control,
                                                const std::function<void(JobControl &)>
                                                    &onProgress)
{
    AuditExportOutcome outcome;
    const auto stopped = [&control, &outcome] {
        if (!control.isCancelled())
            return false;
        outcome.cancelled = true;
        outcome.error = tr("Export cancelled: no file was written.");
        return true;
    };
    control.setText(tr("reading the audit log"));
    auto store = openStore(storeUrl);
    if (!store) {
        outcome.error = tr("Cannot open the database: %1").arg(store.errorMessage());
        return outcome;
    }
    auto events = store.value()->auditEvents();
    if (!events) {
        outcome.error = tr("Cannot read the audit log: %1").arg(events.errorMessage());
        return outcome;
    }
    if (stopped())
        return outcome;
    // QSaveFile writes beside the target and renames at commit(): a cancelled or failed
    // export never leaves a partial file, and an older file of that name stays intact.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        outcome.error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return outcome;
    }
    control.setText(tr("writing %1 events").arg(events->size()));
    CancellableDevice device(file, control);
    const auto head = AuditExport::write(device, events.value(), format,
                                         [&control, &onProgress](qint64 done, qint64 total) {
                                             control.setProgress(done, total);
                                             if (onProgress)
                                                 onProgress(control);
                                         });
    if (stopped()) {
        file.cancelWriting();
        return outcome;
    }
    if (!head) {
        file.cancelWriting();
        outcome.error = tr("Export failed: %1").arg(head.errorMessage());
        return outcome;
    }
    if (!file.commit()) {
        outcome.error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return outcome;
    }
    outcome.ok = true;
    outcome.head = head.value();
    outcome.events = qint64(events->size());

    AuditEvent e;
    e.actor = actor.isEmpty() ? QStringLiteral("unknown") : actor;
    e.action = QStringLiteral("export");
    e.subject = path;
    e.outcome = AuditExport::formatId(format);
    e.detail = QStringLiteral("events %1; head %2").arg(outcome.events).arg(outcome.head);
    if (const auto recorded = store.value()->recordAuditEvent(e); !recorded)
        outcome.error = tr("The file is complete but the export was not recorded in the audit "
                           "log: %1")
                            .arg(recorded.errorMessage());
    return outcome;
}

AuditExportDialog::AuditExportDialog(const QString &storeUrl, const QString &actor,
                                     QWidget *parent)
    : QDialog(parent)
    , m_storeUrl(storeUrl)
    , m_actor(actor)
    , m_format(new QComboBox)
    , m_path(new QLineEdit)
    , m_browse(new QPushButton(tr("Choose…")))
    , m_export(new QPushButton(tr("Export")))
    , m_close(new QPushButton(tr("Close")))
    , m_message(new QLabel)
    , m_headLabel(new QLabel(tr("Head hash:")))
    , m_head(new QLineEdit)
    , m_copy(new QPushButton(tr("Copy")))
    , m_verifyCommand(new QLineEdit)
{
    qRegisterMetaType<verdict::AuditExportOutcome>();
    setWindowTitle(tr("Export audit log"));
    setAccessibleName(tr("Export audit log"));
    m_format->addItem(tr("CSV (spreadsheets)"), QStringLiteral("csv"));
    m_format->addItem(tr("JSON Lines (tools)"), QStringLiteral("jsonl"));
    m_format->setAccessibleName(tr("Format"));
    m_path->setAccessibleName(tr("File"));
    m_path->setPlaceholderText(tr("Where to write the export"));
    m_browse->setAccessibleName(tr("Choose file"));
    m_export->setAccessibleName(tr("Export"));
    m_export->setDefault(true);
    // Enter anywhere exports; only a click (or Space on it) opens the file chooser.
    for (QPushButton *b : {m_browse, m_close, m_copy})
        b->setAutoDefault(false);
    m_close->setAccessibleName(tr("Close"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Export status"));
    m_headLabel->setAccessibleName(tr("Head hash label"));
    m_head->setReadOnly(true);
    m_head->setAccessibleName(tr("Head hash"));
    m_head->setAccessibleDescription(
        tr("Keep this hash somewhere else: verifying with it detects events cut off the end."));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_head->setFont(mono);
    m_copy->setAccessibleName(tr("Copy head hash"));
    m_verifyCommand->setReadOnly(true);
    m_verifyCommand->setFont(mono);
    m_verifyCommand->setAccessibleName(tr("Verify command"));
    // The whole hash is visible, not scrolled: people copy it by eye into tickets too.
    const QFontMetrics monoMetrics(mono);
    m_head->setMinimumWidth(monoMetrics.horizontalAdvance(QString(66, QLatin1Char('0'))));

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    auto *fileLabel = new QLabel(tr("&File:")); // a layout row needs its buddy set by hand
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, fileRow);
    auto *headRow = new QHBoxLayout;
    headRow->addWidget(m_head, 1);
    headRow->addWidget(m_copy);
    auto *resultBox = new QWidget;
    resultBox->setAccessibleName(tr("Export result"));
    auto *resultLayout = new QVBoxLayout(resultBox);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_headLabel);
    resultLayout->addLayout(headRow);
    auto *keep = new QLabel(tr("Keep this hash somewhere else (a ticket, a mail to yourself). "
                               "Anyone can then check the file, including that nothing was "
                               "cut off its end, with:"));
    keep->setWordWrap(true);
    keep->setAccessibleName(tr("Why keep the head hash"));
    resultLayout->addWidget(keep);
    resultLayout->addWidget(m_verifyCommand);
    resultBox->hide();

    auto *buttons = new QDialogButtonBox;
    buttons->addButton(m_export, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(resultBox, 1);
    layout->addWidget(buttons);
    m_format->setFocus();
    setMinimumWidth(std::max(fontMetrics().averageCharWidth() * 80,
                             monoMetrics.horizontalAdvance(QString(80, QLatin1Char('0')))));

    connect(m_browse, &QPushButton::clicked, this, &AuditExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &AuditExportDialog::start);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &AuditExportDialog::updateButtons);
    connect(m_path, &QLineEdit::returnPressed, this, [this] {
        if (m_export->isEnabled())
            start();
    });
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_head->text()); });
    connect(this, &AuditExportDialog::exportFinished, resultBox,
            [resultBox](const AuditExportOutcome &o) { resultBox->setVisible(o.ok); });
    m_message->hide();
    updateButtons();
}

AuditExportDialog::~AuditExportDialog()
{
    if (m_job)
        m_job->cancel();
}

void AuditExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

QString AuditExportDialog::path() const
{
    return m_path->text().trimmed();
}

void AuditExportDialog::setFormat(AuditFormat format)
{
    m_format->setCurrentIndex(format == AuditFormat::Csv ? 0 : 1);
}

AuditFormat AuditExportDialog::format() const
{
    return m_format->currentIndex() == 0 ? AuditFormat::Csv : AuditFormat::Jsonl;
}

QString AuditExportDialog::message() const
{
    return m_message->text();
}

void AuditExportDialog::browse()
{
    const bool csv = format() == AuditFormat::Csv;
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export audit log"),
        path().isEmpty() ? (csv ? QStringLiteral("audit.csv") : QStringLiteral("audit.jsonl"))
                         : path(),
        csv ? tr("CSV files (*.csv);;All files (*)") : tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!chosen.isEmpty())
        setPath(chosen);
}

void AuditExportDialog::updateButtons()
{
    const bool running = isRunning();
    m_export->setEnabled(!running && !path().isEmpty());
    m_format->setEnabled(!running);
    m_path->setEnabled(!running);
    m_browse->setEnabled(!running);
}

bool AuditExportDialog::start()
{
    if (isRunning() || path().isEmpty())
        return false;
    m_outcome = {};
    m_message->setText(tr("Exporting…"));
    m_message->show();
    const QString url = m_storeUrl;
    const QString target = path();
    const AuditFormat fmt = format();
    const QString actor = m_actor;
    auto hook = m_hook;
    auto result = std::make_shared<AuditExportOutcome>();
    m_job = new BackgroundJob(tr("Exporting the audit log"), this);
    m_job->setDialogDelay(500);
    connect(m_job, &BackgroundJob::finished, this, [this, result](bool) { finish(*result); });
    m_job->run([url, target, fmt, actor, hook, result](JobControl &control) {
        *result = exportLog(url, target, fmt, actor, control, hook);
    });
    updateButtons();
    return true;
}

void AuditExportDialog::finish(const AuditExportOutcome &outcome)
{
    m_job = nullptr;
    m_outcome = outcome;
    if (outcome.ok) {
        m_head->setText(outcome.head);
        m_verifyCommand->setText(QStringLiteral("verdict-cli verify '%1' --head %2")
                                     .arg(path(), outcome.head));
        QString text = tr("Exported %1 events to %2.").arg(outcome.events).arg(path());
        if (!outcome.error.isEmpty())
            text += QLatin1Char(' ') + outcome.error;
        m_message->setText(text);
        m_head->setFocus();
        m_head->selectAll();
    } else {
        m_message->setText(outcome.error);
    }
    m_message->show();
    updateButtons();
    Q_EMIT exportFinished(outcome);
}

} // namespace verdict
