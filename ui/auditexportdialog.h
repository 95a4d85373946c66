// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditexport.h"
#include "backgroundjob.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStatusBar;

namespace verdict {

struct AuditExportOutcome
{
    bool ok = false;
    bool cancelled = false; // nothing was written
    QString error;
    QString head;     // head hash of the file written
    qint64 events = 0;
};

// File > Export audit log… (for leads): format and file, written in the background with a
// cancellable progress dialog; at the end the head hash, to keep somewhere else, in a field
// that can be copied. All or nothing: a failed or cancelled export leaves no file behind.
class AuditExportDialog final : public QDialog
{
    Q_OBJECT

public:
    AuditExportDialog(const QString &storeUrl, const QString &actor, QWidget *parent = nullptr);
    ~AuditExportDialog() override;

    // The work itself, on any thread, with its own store connection. The export is recorded
    // in the audit log after the file is complete (as verdict-cli export does).
    static AuditExportOutcome exportLog(const QString &storeUrl, const QString &path,
                                        AuditFormat format, const QString &actor,
                                        JobControl &control,
                                        const std::function<void(JobControl &)> &onProgress = {});

    void setPath(const QString &path);
    QString path() const;
    void setFormat(AuditFormat format);
    AuditFormat format() const;
    // Starts the export (what the Export button does); false when the form is incomplete.
    bool start();
    BackgroundJob *job() const { return m_job; }
    bool isRunning() const { return m_job != nullptr; }
    AuditExportOutcome outcome() const { return m_outcome; }
    QLineEdit *headField() const { return m_head; }
    QString message() const;
    // Tests: called on the worker with each progress report (may cancel through the control).
    void setProgressHook(std::function<void(JobControl &)> hook) { m_hook = std::move(hook); }

Q_SIGNALS:
    void exportFinished(const verdict::AuditExportOutcome &outcome);

private:
    void browse();
    void finish(const AuditExportOutcome &outcome);
    void updateButtons();

    QString m_storeUrl;
    QString m_actor;
    QComboBox *m_format = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_close = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_headLabel = nullptr;
    QLineEdit *m_head = nullptr;
    QPushButton *m_copy = nullptr;
    QLineEdit *m_verifyCommand = nullptr;
    QPointer<BackgroundJob> m_job;
    AuditExportOutcome m_outcome;
    std::function<void(JobControl &)> m_hook;
};

} // namespace verdict

Q_DECLARE_METATYPE(verdict::AuditExportOutcome)
