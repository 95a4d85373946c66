// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QStringList>

#include <optional>

namespace verdict {

class Store;

// Reasons a team picks from when rejecting or asking for changes. Kept in the store's
// settings (SQLite meta key "reason_presets", a JSON array of strings) so everyone using
// that database shares them; stores without settings fall back to QSettings.
class ReasonPresets final
{
public:
    static QStringList defaults();
    static QStringList load(Store *store);
    static Result<void> save(Store *store, const QStringList &presets);

    static QString toJson(const QStringList &presets);
    // Null for anything but a JSON array of strings; blank entries are dropped.
    static std::optional<QStringList> fromJson(const QString &json);
};

} // namespace verdict
