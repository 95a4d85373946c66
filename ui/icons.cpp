// SPDX-License-Identifier: GPL-3.0-or-later
#include "icons.h"

#include <QPainter>
#include <QPixmap>

// Resources of a static library must be registered by hand, outside any namespace.
static void initVerdictResources()
{
    Q_INIT_RESOURCE(verdict);
}

namespace verdict {

namespace {

QIcon load(const QString &name, const QColor &fallbackColor, QChar fallbackGlyph)
{
    static const bool once = (initVerdictResources(), true);
    Q_UNUSED(once)
    QIcon icon(QStringLiteral(":/verdict/icons/") + name + QStringLiteral(".svg"));
    if (!icon.pixmap(16, 16).isNull())
        return icon;
    // No SVG icon engine: draw a disc with a letter so the status still reads.
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(fallbackColor);
    p.drawEllipse(QRectF(2, 2, 28, 28));
    QFont f = p.font();
    f.setPixelSize(18);
    f.setBold(true);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(QRect(0, 0, 32, 32), Qt::AlignCenter, QString(fallbackGlyph));
    p.end();
    return QIcon(pm);
}

} // namespace

QIcon Icons::application()
{
    return load(QStringLiteral("verdict"), QColor(0x27, 0x49, 0x6d), QLatin1Char('V'));
}

QIcon Icons::status(Status status)
{
    switch (status) {
    case Status::Pending:
        return load(QStringLiteral("status-pending"), QColor(0x7a, 0x87, 0x94), QLatin1Char('?'));
    case Status::Approved:
        return load(QStringLiteral("status-approved"), QColor(0x2e, 0x9d, 0x4f),
                    QLatin1Char('A'));
    case Status::Rejected:
        return load(QStringLiteral("status-rejected"), QColor(0xd0, 0x36, 0x3b),
                    QLatin1Char('R'));
    case Status::Changes:
        return load(QStringLiteral("status-changes"), QColor(0xd8, 0x8a, 0x00), QLatin1Char('C'));
    case Status::Conflict:
        return load(QStringLiteral("status-conflict"), QColor(0x8e, 0x44, 0xad),
                    QLatin1Char('!'));
    }
    return {};
}

} // namespace verdict
