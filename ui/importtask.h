// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QMetaType>
#include <QStringList>

namespace verdict {

// What one import did, as a plain value that can cross threads (QFuture needs a default).
struct ImportOutcome
{
    bool ok = false;
    QString error;          // why the import failed as a whole
    ImportSummary summary;
    QStringList missing;    // paths that do not exist
    bool cancelled = false; // stopped before the store was written: nothing imported
};

class JobControl;

// Collects, parses and stores report files. Runs on a worker thread with its own Store
// (stores are one per thread), never on the GUI thread.
class ImportTask final
{
public:
    static ImportOutcome run(const QString &storeUrl, const QStringList &paths,
                             const QString &actor);
    // The same (Importer: streamed, parse and store overlapped), reporting progress per
    // chunk and stopping when cancelled. With SQLite the import is one transaction: a
    // cancelled import has written nothing.
    static ImportOutcome run(const QString &storeUrl, const QStringList &paths,
                             const QString &actor, JobControl *control);
    // One line for the status bar.
    static QString describe(const ImportOutcome &outcome);
};

} // namespace verdict

Q_DECLARE_METATYPE(verdict::ImportOutcome)
