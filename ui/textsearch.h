// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/filterquery.h"

#include <QObject>
#include <QStringList>

class QTimer;

namespace verdict {

class StoreWorker;

// Searches the proposals' whole text (Store::searchText) for a filter's text values off the
// GUI thread, with its own store connection: a short debounce while the reviewer types, and
// a generation counter so only the newest search reports (older ones finish unheard).
class TextSearch final : public QObject
{
    Q_OBJECT

public:
    explicit TextSearch(QObject *parent = nullptr);
    ~TextSearch() override;

    // Searches run on the store's background connection (a long search never holds up a
    // decision).
    void setStoreWorker(StoreWorker *worker) { m_worker = worker; }
    void setDelay(int msecs);

    // Searches for `values` after the delay, superseding any search not reported yet.
    // No values (or no store): cancels, and reports empty matches at once.
    void search(const QStringList &values);
    void cancel();
    bool isBusy() const { return m_busy; }
    // The values of the newest request.
    QStringList values() const { return m_values; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void finished(const verdict::TextMatches &matches);
    void failed(const QString &message);

private:
    void start();
    void setBusy(bool busy);

    StoreWorker *m_worker = nullptr;
    QStringList m_values;
    QTimer *m_timer = nullptr;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace verdict
