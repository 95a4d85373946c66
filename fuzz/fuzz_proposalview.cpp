// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target (trust issue, item 1): whatever ReportParser makes of arbitrary bytes is
// shown in the real ProposalView (code views, proposal text, risks, history with a diff
// between two revisions) on the offscreen platform, with synthetic diagnostics at
// arbitrary lines and columns, and every tab is rendered. Nothing may crash, hang or grow
// without bound; what is shown stays bounded and Copy gives the report's own text.
#include "boundedtextedit.h"
#include "codeview.h"
#include "historyview.h"
#include "proposalview.h"
#include "report/reportparser.h"

#include <QApplication>
#include <QByteArray>
#include <QClipboard>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

QApplication *g_app = nullptr;
verdict::ProposalView *g_view = nullptr;

// Reads the input's bytes as the numbers the diagnostics need (cycling when short).
class Bytes
{
public:
    Bytes(const uint8_t *data, size_t size)
        : m_data(data)
        , m_size(size)
    {
    }
    uint32_t next()
    {
        uint32_t v = 0;
        for (int i = 0; i < 4 && m_size > 0; ++i, ++m_at)
            v = (v << 8) | m_data[m_at % m_size];
        return v;
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_at = 0;
};

std::vector<verdict::Diagnostic> syntheticDiagnostics(const verdict::Proposal &p, Bytes &bytes,
                                                      const QString &text)
{
    std::vector<verdict::Diagnostic> out;
    const int count = int(bytes.next() % 40);
    for (int i = 0; i < count; ++i) {
        verdict::Diagnostic d;
        d.proposalId = p.id;
        d.rule = QStringLiteral("fuzz");
        d.severity = verdict::DiagnosticSeverity(bytes.next() % 3);
        const uint32_t which = bytes.next();
        if (!p.artifacts.empty() && which % 4 != 0)
            d.artifact = p.artifacts[which % p.artifacts.size()].path;
        // Any line: inside the artifact, around it, far away, negative, the extremes.
        const uint32_t kind = bytes.next() % 5;
        const int base =
            p.artifacts.empty() ? 1 : p.artifacts[which % p.artifacts.size()].firstLine;
        switch (kind) {
        case 0: d.line = base + int(bytes.next() % 64); break;
        case 1: d.line = int(bytes.next()); break;
        case 2: d.line = -int(bytes.next() % 1000); break;
        case 3: d.line = (bytes.next() & 1) ? INT32_MAX : INT32_MIN; break;
        default: d.line = base + int(bytes.next() % 200000); break;
        }
        d.column = int(bytes.next()) >> int(bytes.next() % 31);
        const int from = text.isEmpty() ? 0 : int(bytes.next() % uint32_t(text.size()));
        d.message = text.mid(from, int(bytes.next() % 4096));
        out.push_back(d);
    }
    return out;
}

void renderEveryTab(verdict::ProposalView *view)
{
    QTabWidget *tabs = view->tabs();
    for (int t = 0; t < tabs->count(); ++t) {
        tabs->setCurrentIndex(t);
        if (view->grab().isNull())
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    g_app = new QApplication(*argc, *argv);
    g_view = new verdict::ProposalView;
    g_view->resize(900, 700);
    g_view->show();
    QCoreApplication::processEvents();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), int(size));
    const verdict::ParsedFile parsed =
        verdict::ReportParser::parse(bytes, QStringLiteral("fuzz.txt"));
    Bytes numbers(data, size);
    const QString text = QString::fromUtf8(bytes);
    const size_t shown = std::min<size_t>(parsed.proposals.size(), 3);
    for (size_t i = 0; i < shown; ++i) {
        verdict::StoredProposal stored;
        stored.proposal = parsed.proposals[i];
        stored.revision = 1;
        // The next proposal in the input stands for revision 2: the history diffs them.
        const bool twoRevisions = i + 1 < parsed.proposals.size();
        stored.latestRevision = twoRevisions ? 2 : 1;
        g_view->setProposal(stored);
        verdict::StoredProposal next;
        if (twoRevisions) {
            next.proposal = parsed.proposals[i + 1];
            next.revision = 2;
            next.latestRevision = 2;
        }
        g_view->historyView()->setHistory(
            stored, {}, [stored, next](int revision) -> verdict::Result<verdict::StoredProposal> {
                return revision == 2 ? next : stored;
            });
        g_view->updateHistoryTitle();
        g_view->setDiagnostics(syntheticDiagnostics(stored.proposal, numbers, text), true);
        // Every diagnostic: its code view scrolls to it (or the text is shown).
        const int rows = g_view->diagnosticsView()->model()->rowCount();
        for (int r = 0; r < rows; ++r)
            g_view->showDiagnostic(r);
        renderEveryTab(g_view);

        // Bounded: no shown line longer than the cut plus its marker, no more lines than
        // the limit; and Copy of everything gives the report's own text back.
        for (verdict::CodeView *code : g_view->codeViews()) {
            for (QTextBlock b = code->document()->begin(); b.isValid(); b = b.next()) {
                if (b.length() > verdict::BoundedTextEdit::kMaxLineChars + 200)
                    std::abort();
            }
            if (code->document()->blockCount() > verdict::BoundedTextEdit::kMaxLines + 1)
                std::abort();
            // Cleared first: copying an empty selection (an empty artifact) leaves the
            // clipboard as it was.
            QGuiApplication::clipboard()->clear();
            code->selectAll();
            code->copy();
            if (QGuiApplication::clipboard()->text() != code->artifact().content)
                std::abort();
        }
        if (g_view->bodyView()->fullTextBetween(0, INT32_MAX) != stored.proposal.body)
            std::abort();
    }
    g_view->clear();
    QCoreApplication::processEvents(); // the old tabs' pages are deleted later
    return 0;
}
