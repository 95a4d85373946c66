// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticsview.h"

#include "plaintext.h"

#include "diagnostics/diagnosticsengine.h"
#include "store/store.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QEventLoop>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QMutex>
#include <QPieSeries>
#include <QPieSlice>
#include <QPushButton>
#include <QStackedBarSeries>
#include <QThread>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

#if QT_VERSION < QT_VERSION_CHECK(6, 0, 0)
QT_CHARTS_USE_NAMESPACE
#endif

namespace verdict {

namespace {

// Series differ by fill pattern (print, colour blindness) as well as by colour (Okabe-Ito,
// readable on light and dark backgrounds). Chart themes would replace patterns with gradients.
const Qt::BrushStyle kPatterns[] = {Qt::SolidPattern,  Qt::BDiagPattern,  Qt::Dense4Pattern,
                                    Qt::CrossPattern,  Qt::FDiagPattern,  Qt::HorPattern,
                                    Qt::DiagCrossPattern};
const QRgb kColours[] = {0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0x56b4e9, 0xd55e00, 0xf0e442};

QBrush seriesBrush(int index)
{
    const int n = int(std::size(kPatterns));
    return QBrush(QColor(kColours[index % n]), kPatterns[index % n]);
}

void applyPattern(QBarSet *set, int index)
{
    set->setBrush(seriesBrush(index));
    set->setPen(QPen(QColor(kColours[index % int(std::size(kColours))]), 1));
}

QString percent(int part, int whole)
{
    return whole > 0 ? QString::number(qRound(part * 100.0 / whole)) + QStringLiteral(" %")
                     : QStringLiteral("0 %");
}

} // namespace

struct StatisticsView::Charts
{
    QChartView *queue = nullptr;
    QChartView *perHour = nullptr;
    QChartView *share = nullptr;
    QChartView *rules = nullptr;
    QStringList summaries;
};

StatisticsView::StatisticsView(QWidget *parent)
    : QWidget(parent)
    , m_charts(std::make_unique<Charts>())
    , m_summary(new QLabel)
    , m_refresh(new QPushButton(tr("Refresh")))
{
    setWindowTitle(tr("Verdict — Statistics"));
    setAccessibleName(tr("Statistics"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(tr("Statistics summary"));
    m_refresh->setAccessibleName(tr("Refresh statistics"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Read the store again (F5)"));
    // A window of its own: Esc and Ctrl+W close it, as they close dialogs.
    auto *close = new QAction(tr("Close"), this);
    close->setShortcuts({QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_W)});
    close->setShortcutContext(Qt::WindowShortcut);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        if (!m_storeUrl.isEmpty())
            load(m_storeUrl);
    });

    auto makeView = [this](const QString &name) {
        auto *view = new QChartView(new QChart);
        view->setRenderHint(QPainter::Antialiasing);
        view->setAccessibleName(name);
        view->setMinimumSize(fontMetrics().averageCharWidth() * 48,
                             fontMetrics().height() * 16);
        return view;
    };
    m_charts->queue = makeView(tr("Queue size over time chart"));
    m_charts->perHour = makeView(tr("Decisions per hour per reviewer chart"));
    m_charts->share = makeView(tr("Share of decisions chart"));
    m_charts->rules = makeView(tr("Most frequent diagnostics chart"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_refresh);
    // The diagnostics chart gets more width: its categories are rule names.
    auto *topRow = new QHBoxLayout;
    topRow->addWidget(m_charts->queue, 1);
    topRow->addWidget(m_charts->perHour, 1);
    auto *bottomRow = new QHBoxLayout;
    bottomRow->addWidget(m_charts->share, 2);
    bottomRow->addWidget(m_charts->rules, 3);
    auto *grid = new QVBoxLayout;
    grid->addLayout(topRow, 1);
    grid->addLayout(bottomRow, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(grid, 1);
    m_summary->setText(tr("No data loaded yet."));
    rebuild();
    resize(1200, 800);
}

StatisticsView::~StatisticsView()
{
    // The worker owns its own store and touches nothing of this object.
    m_loading.waitForFinished();
}

StatisticsData StatisticsView::loadData(const QString &storeUrl)
{
    StatisticsData failed;
    auto opened = openStore(storeUrl);
    if (!opened) {
        failed.error = opened.errorMessage();
        return failed;
    }
    Store *store = opened->get();
    auto read = store->statistics();
    if (!read) {
        failed.error = read.errorMessage();
        return failed;
    }
    StatisticsInput input;
    input.queue = std::move(read->queue);
    input.decisions = std::move(read->decisions);
    input.quorum = read->quorum;
    input.until = QDateTime::currentDateTimeUtc();

    std::vector<StoredProposal> proposals;
    proposals.reserve(input.queue.size());
    for (const QueueEntry &e : input.queue) {
        auto p = store->proposal(e.id, e.revision);
        if (p)
            proposals.push_back(std::move(p).value());
    }
    // Cached results come straight from the store; missing ones are computed (and cached).
    QMutex mutex;
    {
        DiagnosticsEngine engine;
        engine.setStoreUrl(storeUrl);
        QObject::connect(
            &engine, &DiagnosticsEngine::proposalDiagnosed, &engine,
            [&](const QString &, int, const std::vector<Diagnostic> &found) {
                QMutexLocker lock(&mutex);
                input.diagnostics.insert(input.diagnostics.end(), found.begin(), found.end());
            },
            Qt::DirectConnection);
        engine.diagnose(proposals, input.queue);
        engine.waitForDone();
    }
    return Statistics::compute(input);
}

void StatisticsView::load(const QString &storeUrl)
{
    m_storeUrl = storeUrl;
    if (m_pending)
        return;
    m_pending = true;
    m_summary->setText(tr("Loading…"));
    m_refresh->setEnabled(false);
    m_loadThread.store(nullptr);
    std::atomic<QThread *> *thread = &m_loadThread; // outlives the worker (~StatisticsView)
    m_loading = QtConcurrent::run([storeUrl, thread] {
        thread->store(QThread::currentThread());
        return loadData(storeUrl);
    });
    auto *watcher = new QFutureWatcher<StatisticsData>(this);
    connect(watcher, &QFutureWatcher<StatisticsData>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_pending = false;
        m_refresh->setEnabled(true);
        setData(watcher->result());
        Q_EMIT loaded();
    });
    watcher->setFuture(m_loading);
}

bool StatisticsView::waitForLoaded(int msecs)
{
    if (!m_pending)
        return true;
    // The watcher's finished() ends the wait: nothing polls.
    QEventLoop loop;
    connect(this, &StatisticsView::loaded, &loop, &QEventLoop::quit);
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    return !m_pending;
}

void StatisticsView::setData(const StatisticsData &data)
{
    m_data = data;
    rebuild();
}

QStringList StatisticsView::chartSummaries() const
{
    return m_charts->summaries;
}

void StatisticsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange
        || event->type() == QEvent::ApplicationPaletteChange)
        rebuild();
}

void StatisticsView::rebuild()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const auto theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    // The theme first: setTheme() later would repaint the series in the theme's colours.
    const auto newChart = [theme] {
        auto *chart = new QChart;
        chart->setTheme(theme);
        return chart;
    };
    const auto replace = [&](QChartView *view, QChart *chart, const QString &description) {
        chart->setBackgroundBrush(palette().brush(QPalette::Base));
        chart->setTitleBrush(palette().brush(QPalette::Text));
        chart->legend()->setLabelColor(palette().color(QPalette::Text));
        chart->setAnimationOptions(QChart::NoAnimation);
        QChart *old = view->chart();
        view->setChart(chart);
        delete old;
        view->setAccessibleDescription(description);
        view->setToolTip(description);
        m_charts->summaries << description;
    };
    const auto styleAxis = [this](QAbstractAxis *axis) {
        axis->setLabelsBrush(palette().brush(QPalette::Text));
        axis->setTitleBrush(palette().brush(QPalette::Text));
    };
    m_charts->summaries.clear();
    const StatisticsData &d = m_data;

    if (!d.error.isEmpty())
        m_summary->setText(tr("Cannot read the statistics: %1").arg(d.error));
    else
        m_summary->setText(tr("%1 proposals, %2 pending  ·  %3 decisions in effect  ·  "
                              "%4 diagnostics kinds")
                               .arg(d.proposals)
                               .arg(d.pending)
                               .arg(d.share.total())
                               .arg(d.rules.size()));

    // 1. Queue size over time: step lines, pending solid, imported dashed.
    {
        QChart *chart = newChart();
        chart->setTitle(tr("Queue size over time"));
        QString description = tr("Queue size over time: no proposals yet.");
        if (!d.queueSize.empty()) {
            auto *pending = new QLineSeries;
            pending->setName(tr("Pending (solid)"));
            auto *total = new QLineSeries;
            total->setName(tr("Imported (dashed)"));
            int maxPending = 0;
            QDateTime maxAt;
            for (size_t i = 0; i < d.queueSize.size(); ++i) {
                const QueuePoint &p = d.queueSize[i];
                const qreal x = qreal(p.at.toMSecsSinceEpoch());
                if (i > 0) {
                    pending->append(x, d.queueSize[i - 1].pending);
                    total->append(x, d.queueSize[i - 1].total);
                }
                pending->append(x, p.pending);
                total->append(x, p.total);
                if (p.pending > maxPending) {
                    maxPending = p.pending;
                    maxAt = p.at;
                }
            }
            // Imported drawn last: its dashes stay visible where the two lines meet.
            chart->addSeries(pending);
            chart->addSeries(total);
            pending->setPen(QPen(QColor(kColours[0]), 4));
            total->setPen(QPen(QColor(kColours[1]), 2, Qt::DashLine));
            auto *x = new QDateTimeAxis;
            // Ticks on whole seconds / minutes / days, labels as precise as the step: events
            // seconds apart no longer read "13:26:21" four times.
            const TimeAxis axis = Statistics::timeAxis(
                d.queueSize.front().at, d.queueSize.back().at, QTimeZone::systemTimeZone());
            x->setFormat(axis.format);
            x->setTickCount(axis.tickCount);
            x->setRange(axis.min.toLocalTime(), axis.max.toLocalTime());
            auto *y = new QValueAxis;
            y->setLabelFormat(QStringLiteral("%d"));
            int top = 1;
            for (const QueuePoint &p : d.queueSize)
                top = std::max(top, p.total);
            y->setRange(0, top);
            y->setTickCount(std::min(top, 5) + 1);
            y->applyNiceNumbers(); // whole, evenly spaced ticks
            y->setTitleText(tr("proposals"));
            chart->addAxis(x, Qt::AlignBottom);
            chart->addAxis(y, Qt::AlignLeft);
            for (QLineSeries *s : {pending, total}) {
                s->attachAxis(x);
                s->attachAxis(y);
            }
            styleAxis(x);
            styleAxis(y);
            const QueuePoint &last = d.queueSize.back();
            description = tr("Queue size over time: %1 imported, %2 pending now; at most %3 "
                             "pending (%4).")
                              .arg(last.total)
                              .arg(last.pending)
                              .arg(maxPending)
                              .arg(maxAt.isValid()
                                       ? maxAt.toLocalTime().toString(QStringLiteral(
                                           "yyyy-MM-dd HH:mm"))
                                       : tr("never"));
        }
        replace(m_charts->queue, chart, description);
    }

    // 2. Decisions per hour per reviewer: stacked bars, one fill pattern per reviewer.
    {
        QChart *chart = newChart();
        chart->setTitle(tr("Decisions per hour, per reviewer"));
        QString description = tr("Decisions per hour: no decisions yet.");
        const HourlyDecisions &h = d.perHour;
        if (!h.hours.empty()) {
            auto *series = new QStackedBarSeries;
            for (int r = 0; r < h.reviewers.size(); ++r) {
                // Names come from whoever wrote to the database: bounded in the legend.
                auto *set = new QBarSet(PlainText::line(h.reviewers[r], PlainText::kShortChars));
                for (int c : h.counts[size_t(r)])
                    *set << c;
                series->append(set);
            }
            chart->addSeries(series);
            const QList<QBarSet *> sets = series->barSets();
            for (int i = 0; i < sets.size(); ++i)
                applyPattern(sets[i], i);
            // Hours as "HH" (the dates go in the axis title): long labels would be elided.
            QStringList categories;
            int busiest = 0;
            size_t busiestIndex = 0;
            for (size_t i = 0; i < h.hours.size(); ++i) {
                const QDateTime local = h.hours[i].toLocalTime();
                QString label = local.toString(QStringLiteral("HH"));
                while (categories.contains(label)) // the same hour on another day
                    label += QLatin1Char(' ');
                categories << label;
                int sum = 0;
                for (const auto &row : h.counts)
                    sum += row[i];
                if (sum > busiest) {
                    busiest = sum;
                    busiestIndex = i;
                }
            }
            auto *x = new QBarCategoryAxis;
            x->append(categories);
            const QString firstDay =
                h.hours.front().toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
            const QString lastDay =
                h.hours.back().toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
            x->setTitleText(firstDay == lastDay
                                ? tr("hour of %1").arg(firstDay)
                                : tr("hour, %1 to %2").arg(firstDay, lastDay));
            auto *y = new QValueAxis;
            y->setLabelFormat(QStringLiteral("%d"));
            y->setRange(0, std::max(1, busiest));
            y->setTickCount(std::min(std::max(1, busiest), 5) + 1);
            y->applyNiceNumbers();
            y->setTitleText(tr("decisions"));
            chart->addAxis(x, Qt::AlignBottom);
            chart->addAxis(y, Qt::AlignLeft);
            series->attachAxis(x);
            series->attachAxis(y);
            styleAxis(x);
            styleAxis(y);
            QStringList perReviewer;
            for (int r = 0; r < h.reviewers.size(); ++r) {
                int sum = 0;
                for (int c : h.counts[size_t(r)])
                    sum += c;
                perReviewer << tr("%1 %2")
                                   .arg(PlainText::line(h.reviewers[r], PlainText::kShortChars))
                                   .arg(sum);
            }
            description =
                tr("Decisions per hour: %1 decisions in %2 hours (%3); busiest hour %4 with %5.")
                    .arg(h.total())
                    .arg(h.hours.size())
                    .arg(perReviewer.join(QStringLiteral(", ")))
                    .arg(h.hours[busiestIndex].toLocalTime().toString(
                        QStringLiteral("yyyy-MM-dd HH:00")))
                    .arg(busiest);
        }
        replace(m_charts->perHour, chart, description);
    }

    // 3. Share of approve / reject / changes: labelled slices (name, count, percent).
    {
        QChart *chart = newChart();
        chart->setTitle(tr("Decisions in effect"));
        const VerdictShare &s = d.share;
        QString description = tr("Decisions in effect: none yet.");
        if (s.total() > 0) {
            auto *series = new QPieSeries;
            const struct
            {
                QString name;
                int count;
            } parts[] = {{tr("Approve"), s.approve},
                         {tr("Reject"), s.reject},
                         {tr("Changes"), s.changes}};
            QStringList words;
            for (const auto &part : parts) {
                words << tr("%1 %2 (%3)")
                             .arg(part.name)
                             .arg(part.count)
                             .arg(percent(part.count, s.total()));
                // Short enough to fit beside the pie; counts are in the words and tool tip.
                if (part.count > 0)
                    series->append(tr("%1 %2").arg(part.name, percent(part.count, s.total())),
                                   part.count);
            }
            series->setPieSize(0.42);
            chart->addSeries(series);
            const QList<QPieSlice *> slices = series->slices();
            for (int i = 0; i < slices.size(); ++i) {
                QPieSlice *slice = slices[i];
                slice->setLabelVisible(true);
                slice->setLabelColor(palette().color(QPalette::Text));
                slice->setBrush(seriesBrush(i));
                slice->setBorderColor(palette().color(QPalette::Text));
            }
            // Each slice is labelled with name, count and share: no legend needed.
            chart->legend()->hide();
            description = tr("Decisions in effect: %1.").arg(words.join(QStringLiteral(", ")));
        }
        replace(m_charts->share, chart, description);
    }

    // 4. Most frequent diagnostics: horizontal bars, the most frequent on top, severity
    // written in the category.
    {
        QChart *chart = newChart();
        chart->setTitle(tr("Most frequent diagnostics"));
        QString description = tr("Most frequent diagnostics: none.");
        if (!d.rules.empty()) {
            auto *set = new QBarSet(tr("Diagnostics"));
            QStringList categories;
            QStringList words;
            int top = 1;
            for (auto it = d.rules.rbegin(); it != d.rules.rend(); ++it) {
                *set << it->count;
                categories << tr("%1 (%2)").arg(it->rule, severityId(it->severity));
                top = std::max(top, it->count);
            }
            for (const RuleCount &r : d.rules)
                words << tr("%1 %2").arg(r.rule).arg(r.count);
            auto *series = new QHorizontalBarSeries;
            series->append(set);
            series->setLabelsVisible(true);
            chart->addSeries(series);
            set->setLabelColor(palette().color(QPalette::Text));
            auto *y = new QBarCategoryAxis;
            y->append(categories);
            auto *x = new QValueAxis;
            x->setLabelFormat(QStringLiteral("%d"));
            x->setRange(0, top);
            x->setTickCount(std::min(top, 5) + 1);
            x->applyNiceNumbers();
            chart->addAxis(y, Qt::AlignLeft);
            chart->addAxis(x, Qt::AlignBottom);
            series->attachAxis(x);
            series->attachAxis(y);
            styleAxis(x);
            styleAxis(y);
            chart->legend()->hide();
            description =
                tr("Most frequent diagnostics: %1.").arg(words.join(QStringLiteral(", ")));
        }
        replace(m_charts->rules, chart, description);
    }
}

} // namespace verdict
