// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagnostics/checker.h"
#include "diagnostics/childprocess.h"

#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace verdict {

// What one syntax checker asks its worker in a LineWorker::exchange() (CheckerSet::checkAll
// asks every worker about a batch's texts at once, then checks the artifacts one by one),
// and the answers it got, failures included: a text whose parse timed out is not asked
// again in the same batch. Kept until the next batch begins.
template <typename Reply>
class WorkerBatch final
{
public:
    void begin(LineWorker *worker, int timeoutMs)
    {
        m_batch = {};
        m_batch.worker = worker;
        m_batch.timeoutMs = timeoutMs;
        m_texts.clear();
        m_replies.clear();
    }
    // Begins a batch of `texts` for `worker` (none without one): each text neither too large
    // to check, nor answered in `recent`, nor already in the batch, with the line
    // line(text) makes of it (std::nullopt: the checker answers that text itself). The
    // lines to send, or nullptr.
    template <typename Recent, typename MakeLine>
    LineWorker::Batch *collect(LineWorker *worker, int timeoutMs,
                               const std::vector<QString> &texts, const Recent &recent,
                               MakeLine line)
    {
        begin(worker, timeoutMs);
        if (!worker)
            return nullptr;
        for (const QString &text : texts) {
            if (text.size() > kMaxCheckedArtifactChars || recent.find(text) || contains(text))
                continue;
            if (std::optional<QByteArray> l = line(text))
                add(text, std::move(*l));
        }
        return pending();
    }
    bool contains(const QString &text) const { return indexOf(text) >= 0; }
    size_t size() const { return m_texts.size(); }
    void add(const QString &text, QByteArray line)
    {
        m_texts.push_back(text);
        m_batch.lines.push_back(std::move(line));
    }
    // The lines to send, or nullptr when there are none.
    LineWorker::Batch *pending() { return m_batch.lines.empty() ? nullptr : &m_batch; }
    // After the exchange: each line's answer made a Reply by toReply(status, response).
    template <typename ToReply>
    void answered(ToReply toReply)
    {
        m_replies.clear();
        for (size_t i = 0; i < m_batch.status.size(); ++i)
            m_replies.push_back(toReply(m_batch.status[i], m_batch.responses[i]));
        m_batch.lines.clear();
        m_batch.responses.clear();
    }
    const Reply *find(const QString &text) const
    {
        const int i = indexOf(text);
        return i >= 0 && size_t(i) < m_replies.size() ? &m_replies[size_t(i)] : nullptr;
    }

private:
    int indexOf(const QString &text) const
    {
        for (size_t i = 0; i < m_texts.size(); ++i) {
            const QString &t = m_texts[i];
            if (t.size() == text.size() && (t.constData() == text.constData() || t == text))
                return int(i);
        }
        return -1;
    }

    LineWorker::Batch m_batch;
    std::vector<QString> m_texts;
    std::vector<Reply> m_replies;
};

} // namespace verdict
