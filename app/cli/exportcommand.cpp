// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "audit/auditexport.h"
#include "audit/hashchain.h"
#include "domain/textform.h"
#include "store/store.h"

#include <QBuffer>
#include <QSaveFile>

namespace verdict::cli {

int runExport(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export the audit log (hash-chained) as CSV or JSONL. Prints the head hash to stderr "
        "as 'head: HASH': keep it, 'verdict-cli verify FILE --head HASH' then also detects "
        "events cut off the end."));
    addDbOption(parser);
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("csv or jsonl."),
                                          QStringLiteral("FORMAT"));
    const QCommandLineOption outputOption({QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Write to FILE instead of stdout."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption sinceOption(
        QStringLiteral("since"),
        QStringLiteral("Only events from this time on (ISO 8601, UTC unless an offset is "
                       "given); verify such an export with --partial."),
        QStringLiteral("ISO"));
    parser.addOption(formatOption);
    parser.addOption(outputOption);
    parser.addOption(sinceOption);
    int code = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("export"), io, &code))
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << "verdict-cli export: unexpected argument '"
               << parser.positionalArguments().first() << "'\n";
        return ExitUsage;
    }
    const auto format = AuditExport::formatFromId(parser.value(formatOption));
    if (!format) {
        io.err << "verdict-cli export: --format csv or --format jsonl is required\n";
        return ExitUsage;
    }
    QDateTime since;
    if (parser.isSet(sinceOption)) {
        since = TextForm::parseTime(parser.value(sinceOption));
        if (!since.isValid()) {
            io.err << "verdict-cli export: --since '" << parser.value(sinceOption)
                   << "' is not an ISO 8601 time (e.g. 2026-01-02T19:12:25Z)\n";
            return ExitUsage;
        }
    }
    auto store = openStoreOrReport(parser, io);
    if (!store)
        return ExitUsage;
    // A team server's log can be millions of events: CSV streams straight from COPY
    // (same bytes as AuditExport) instead of being loaded into memory first.
    const bool streamFromServer =
        store->capabilities().streamsAuditCsv && *format == AuditFormat::Csv;
    Result<std::vector<AuditEvent>> events = std::vector<AuditEvent>();
    if (!streamFromServer)
        events = store->auditEvents(since);
    if (!events) {
        io.err << "verdict-cli export: " << events.errorMessage() << '\n';
        return ExitUsage;
    }
    const auto writeEvents = [&](QIODevice &device) -> Result<QString> {
        if (streamFromServer)
            return store->exportAuditCsv(device, since);
        return AuditExport::write(device, *events, *format);
    };

    const QString outputPath = parser.value(outputOption);
    Result<QString> head = HashChain::genesis();
    if (!outputPath.isEmpty() && outputPath != QLatin1String("-")) {
        // All or nothing: a failed export never leaves half a file behind.
        QSaveFile file(outputPath);
        if (!file.open(QIODevice::WriteOnly)) {
            io.err << "verdict-cli export: cannot write " << outputPath << ": "
                   << file.errorString() << '\n';
            return ExitUsage;
        }
        head = writeEvents(file);
        if (head && !file.commit()) {
            io.err << "verdict-cli export: cannot write " << outputPath << ": "
                   << file.errorString() << '\n';
            return ExitUsage;
        }
    } else if (QIODevice *device = io.out.device()) {
        io.out.flush();
        head = writeEvents(*device);
    } else {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        head = writeEvents(buffer);
        // The export's bytes, as written (a data format for files, not terminal text).
        io.out << Verbatim{QString::fromUtf8(buffer.data())};
    }
    if (!head) {
        io.err << "verdict-cli export: " << head.errorMessage() << '\n';
        return ExitUsage;
    }

    // The export itself is audited, after the fact, so the file's chain stays verifiable.
    AuditEvent e;
    e.actor = actorName();
    e.action = QStringLiteral("export");
    e.subject = outputPath.isEmpty() ? QStringLiteral("stdout") : outputPath;
    e.outcome = AuditExport::formatId(*format);
    e.detail = streamFromServer ? QStringLiteral("head %1").arg(*head)
                                : QStringLiteral("events %1; head %2")
                                      .arg(events->size())
                                      .arg(*head);
    if (since.isValid())
        e.detail += QStringLiteral("; since ") + TextForm::formatTime(since);
    if (const auto recorded = store->recordAuditEvent(e); !recorded) {
        io.err << "verdict-cli export: the export was written but not recorded in the audit "
                  "log: "
               << recorded.errorMessage() << '\n';
        return ExitUsage;
    }
    io.err << "head: " << *head << '\n';
    return ExitOk;
}

} // namespace verdict::cli
