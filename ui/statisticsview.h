// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "queue/statistics.h"

#include <QFuture>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QPushButton;
class QThread;

namespace verdict {

// A small dashboard for leads and curious reviewers: queue size over time, decisions per
// hour per reviewer, the share of approve / reject / changes and the most frequent
// diagnostics, as charts. Every chart also says what it shows in words (its accessible
// description and its title), and series differ by line style or fill pattern, not colour
// alone. Data is read on a worker thread with its own store connection.
class StatisticsView final : public QWidget
{
    Q_OBJECT

public:
    explicit StatisticsView(QWidget *parent = nullptr);
    ~StatisticsView() override;

    // Reads the store in the background; loaded() when the charts show the result.
    void load(const QString &storeUrl);
    // From load() until the charts show its result.
    bool isLoading() const { return m_pending; }
    // For batch rendering only (--screenshot): runs an event loop until loaded() or until
    // `msecs` passed; true when loaded.
    bool waitForLoaded(int msecs);
    // The thread the last load() read the store on (nullptr before it started).
    QThread *loadThread() const { return m_loadThread.load(); }

    // The worker's part: everything from the store, diagnostics from its cache (computed
    // where missing), then Statistics::compute.
    static StatisticsData loadData(const QString &storeUrl);

    void setData(const StatisticsData &data);
    const StatisticsData &data() const { return m_data; }
    // The words behind each chart (also their accessible descriptions); tests read them.
    QStringList chartSummaries() const;

Q_SIGNALS:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    struct Charts;
    std::unique_ptr<Charts> m_charts;
    QLabel *m_summary = nullptr;
    QPushButton *m_refresh = nullptr;
    QString m_storeUrl;
    QFuture<StatisticsData> m_loading;
    bool m_pending = false;
    std::atomic<QThread *> m_loadThread{nullptr};
    StatisticsData m_data;
};

} // namespace verdict
