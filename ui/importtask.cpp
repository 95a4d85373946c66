// SPDX-License-Identifier: GPL-3.0-or-later
#include "importtask.h"

#include "backgroundjob.h"
#include "report/reportparser.h"

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
    const auto cancelled = [control, &outcome] {
        if (!control || !control->isCancelled())
            return false;
        outcome.cancelled = true;
        outcome.error = tr("Import cancelled: nothing was imported.");
        return true;
    };
    if (control)
        control->setText(tr("finding reports"));
    const QStringList files = ReportParser::collectFiles(paths, &outcome.missing);
    std::vector<ParsedFile> parsed;
    parsed.reserve(size_t(files.size()));
    for (const QString &file : files) {
        if (cancelled())
            return outcome;
        if (control) {
            control->setProgress(qint64(parsed.size()), files.size());
            control->setText(tr("reading %1 of %2 files").arg(parsed.size() + 1).arg(files.size()));
        }
        parsed.push_back(ReportParser::parseFile(file));
    }
    if (cancelled())
        return outcome;
    if (control)
        control->setText(tr("storing"));

    auto store = openStore(storeUrl);
    if (!store) {
        outcome.error = tr("Cannot open the database %1: %2").arg(storeUrl, store.errorMessage());
        return outcome;
    }
    auto summary = store.value()->importFiles(parsed, actor);
    if (!summary) {
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
        text += tr("; %1 not reports (%2)").arg(s.fileErrors.size()).arg(s.fileErrors.first());
    if (!outcome.missing.isEmpty())
        text += tr("; missing: %1").arg(outcome.missing.join(QStringLiteral(", ")));
    return text;
}

} // namespace verdict
