// SPDX-License-Identifier: GPL-3.0-or-later
#include "importtask.h"

#include "backgroundjob.h"
#include "report/reportparser.h"
#include "store/importer.h"

#include <QCoreApplication>

namespace verdict {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("verdict::ImportTask", text);
}

} // namespace

ImportOutcome ImportTask::run(const QString &storeUrl, const QStringList &paths,
                              const QString &actor)
{
    return run(storeUrl, paths, actor, nullptr);
}

ImportOutcome ImportTask::run(const QString &storeUrl, const QStringList &paths,
                              const QString &actor, JobControl *control)
{
    ImportOutcome outcome;
    // SQLite keeps a streamed import one transaction, so a cancel rolls all of it back;
    // other stores commit chunk by chunk (Store::importStream).
    bool oneTransaction = true;
    const auto cancel = [&outcome, &oneTransaction] {
        outcome.cancelled = true;
        outcome.error = oneTransaction
                            ? tr("Import cancelled: nothing was imported.")
                            : tr("Import cancelled: the files stored before it stay imported.");
    };
    if (control)
        control->setText(tr("finding reports"));
    const QStringList files = ReportParser::collectFiles(paths, &outcome.missing);
    if (control && control->isCancelled()) {
        cancel();
        return outcome;
    }

    auto store = openStore(storeUrl);
    if (!store) {
        outcome.error = tr("Cannot open the database %1: %2")
                            .arg(redactStoreUrl(storeUrl),
                                 redactStoreUrl(store.errorMessage(), storeUrl));
        return outcome;
    }
    oneTransaction = store.value()->capabilities().importsInOneTransaction;
    // The same streamed, pipelined import as `verdict-cli import`: parsing overlaps the
    // store, memory stays bounded, progress and cancel come once per chunk.
    Importer::Options options;
    if (control) {
        control->setProgress(0, files.size());
        control->setText(tr("importing %1 files").arg(files.size()));
        options.progress = [control](int parsed, int total) {
            if (control->isCancelled())
                return false;
            control->setProgress(parsed, total);
            control->setText(tr("imported %1 of %2 files").arg(parsed).arg(total));
            return true;
        };
    }
    auto summary = Importer::run(*store.value(), files, actor, options);
    if (!summary) {
        if (summary.error().code == QLatin1String("cancelled"))
            cancel();
        else
            outcome.error = tr("Import failed: %1").arg(summary.errorMessage());
        return outcome;
    }
    outcome.summary = summary.value();
    outcome.ok = true;
    return outcome;
}

QString ImportTask::describe(const ImportOutcome &outcome)
{
    if (!outcome.ok)
        return outcome.error;
    const ImportSummary &s = outcome.summary;
    QString text = tr("Imported %1 files: %2 new, %3 revised, %4 unchanged")
                       .arg(s.files)
                       .arg(s.added)
                       .arg(s.revised)
                       .arg(s.unchanged);
    if (!s.fileErrors.isEmpty())
        text += tr("; %1 not stored (%2)").arg(s.fileErrors.size()).arg(s.fileErrors.first());
    if (!s.reportErrors.isEmpty())
        text += tr("; %1 reports with errors (%2)")
                    .arg(s.reportErrors.size())
                    .arg(s.reportErrors.first());
    if (!outcome.missing.isEmpty())
        text += tr("; missing: %1").arg(outcome.missing.join(QStringLiteral(", ")));
    return text;
}

} // namespace verdict
