// SPDX-License-Identifier: GPL-3.0-or-later
// Audit export verification speed. Run on demand:
//   build/tests/bench/bench_verify [EVENTS [DIR]]     (default 100000; DIR keeps the files)
// Builds EVENTS sealed events (~300 bytes each; one in 8 with a reason holding quotes,
// commas, a CRLF, a tab and non-ASCII), writes them as CSV and JSONL with AuditExport, then
// times AuditVerify::verify on each file (best of 3, in process). With DIR, the files stay
// there so `verdict-cli verify DIR/audit.csv --head HASH` can be timed end to end.
#include "audit/auditexport.h"
#include "audit/auditverify.h"
#include "audit/hashchain.h"
#include "domain/textform.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <vector>

using namespace verdict;

namespace {

void say(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

std::vector<AuditEvent> makeEvents(int count)
{
    std::vector<AuditEvent> events;
    events.reserve(size_t(count));
    const QDateTime start = TextForm::parseTime(QStringLiteral("2026-01-02T09:00:00.000Z"));
    QString prev = HashChain::genesis();
    for (int i = 1; i <= count; ++i) {
        AuditEvent e;
        e.seq = i;
        e.at = start.addMSecs(qint64(i) * 1037);
        e.actor = QStringLiteral("reviewer%1").arg(i % 17);
        e.action = QStringLiteral("decision");
        e.subject = QStringLiteral("fsar_%1-7563-46d2-b8f2-a4e2eb2402f9@%2")
                        .arg(i % 9973, 8, 16, QLatin1Char('0'))
                        .arg(1 + i % 3);
        e.outcome = i % 3 ? QStringLiteral("approve") : QStringLiteral("reject");
        e.previous = i % 5 ? QString() : QStringLiteral("changes");
        e.detail = QStringLiteral("decision %1-1111-4111-8111-111111111111")
                       .arg(i, 8, 10, QLatin1Char('0'));
        if (i % 8 == 0)
            e.detail += QStringLiteral("; reason: it said \"drop\", then\r\nmore\there: "
                                       "na\u00efve \u2192 fix");
        HashChain::seal(e, prev);
        prev = e.hash;
        events.push_back(std::move(e));
    }
    return events;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int count = args.size() > 1 ? args.at(1).toInt() : 100000;
    const QString dir = args.size() > 2 ? args.at(2) : QString();

    const std::vector<AuditEvent> events = makeEvents(count);
    for (const AuditFormat format : {AuditFormat::Csv, AuditFormat::Jsonl}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QElapsedTimer t;
        t.start();
        const auto head = AuditExport::write(buffer, events, format);
        const qint64 writeMs = t.elapsed();
        if (!head) {
            std::fprintf(stderr, "bench_verify: %s\n", qUtf8Printable(head.errorMessage()));
            return 2;
        }
        const QByteArray data = buffer.data();
        const QString id = AuditExport::formatId(format);
        if (!dir.isEmpty()) {
            QFile file(QDir(dir).filePath(QStringLiteral("audit.") + id));
            if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()) {
                std::fprintf(stderr, "bench_verify: cannot write %s\n",
                             qUtf8Printable(file.fileName()));
                return 2;
            }
        }
        qint64 best = -1;
        for (int run = 0; run < 3; ++run) {
            t.restart();
            const AuditVerifyReport report = AuditVerify::verify(data, *head);
            const qint64 ms = t.elapsed();
            if (!report.ok) {
                std::fprintf(stderr, "bench_verify: %s line %d: %s\n", qUtf8Printable(id),
                             report.line, qUtf8Printable(report.message));
                return 1;
            }
            best = best < 0 ? ms : std::min(best, ms);
        }
        say(QStringLiteral("%1: %2 events, %3 MB; write %4 ms; verify %5 ms (%6 events/s); "
                           "head %7")
                .arg(id)
                .arg(count)
                .arg(double(data.size()) / 1e6, 0, 'f', 1)
                .arg(writeMs)
                .arg(best)
                .arg(best > 0 ? qint64(count) * 1000 / best : 0)
                .arg(*head));
    }
    return 0;
}
