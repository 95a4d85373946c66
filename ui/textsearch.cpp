// SPDX-License-Identifier: GPL-3.0-or-later
#include "textsearch.h"

#include "store/storeworker.h"

#include <QTimer>

namespace verdict {

namespace {

struct SearchOutcome
{
    bool ok = false;
    QString error;
    TextMatches matches;
};

SearchOutcome runSearch(Store &store, const QStringList &values)
{
    SearchOutcome out;
    auto matches = FilterQuery::searchStore(store, values);
    if (!matches) {
        out.error = matches.errorMessage();
        return out;
    }
    out.ok = true;
    out.matches = std::move(matches).value();
    return out;
}

} // namespace

TextSearch::TextSearch(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(150); // a pause in typing, not every keystroke
    connect(m_timer, &QTimer::timeout, this, &TextSearch::start);
}

TextSearch::~TextSearch() = default;

void TextSearch::setDelay(int msecs)
{
    m_timer->setInterval(msecs);
}

void TextSearch::search(const QStringList &values)
{
    ++m_generation;
    m_values = values;
    if (values.isEmpty() || !m_worker) {
        m_timer->stop();
        setBusy(false);
        Q_EMIT finished(TextMatches());
        return;
    }
    setBusy(true);
    m_timer->start();
}

void TextSearch::cancel()
{
    ++m_generation;
    m_values.clear();
    m_timer->stop();
    setBusy(false);
}

void TextSearch::start()
{
    const quint64 generation = m_generation;
    const QStringList values = m_values;
    m_worker->postBackground(
        this, [values](Store &store) { return runSearch(store, values); },
        [this, generation](const SearchOutcome &outcome) {
            if (generation != m_generation)
                return; // superseded while it ran
            setBusy(false);
            if (outcome.ok)
                Q_EMIT finished(outcome.matches);
            else
                Q_EMIT failed(outcome.error);
        });
}

void TextSearch::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace verdict
