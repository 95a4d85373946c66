// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QDialog>
#include <QFuture>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace verdict {

class StoreWorker;

// What "Test connection" found, as a value that can cross threads.
struct ConnectionTest
{
    bool ok = false;
    QString message; // for people: what worked, or what failed and what to do
};

// Preferences: reviewer name, database, team server, watch folders, reason presets, quorum,
// diagnostic rules turned off and theme. Per-user choices live in QSettings ("reviewer",
// "database", "syncServer", "watchFolders", "theme"); team choices in the store
// ("reason_presets" as a JSON array of strings, "quorum", "disabled_rules" as the
// comma-separated list `verdict-cli check --disable` takes). Passwords are never stored: a URL holding one is refused with a
// pointer to ~/.pgpass or PGPASSWORD.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    // `worker` (may be null) holds the team settings, read and written on its thread; it
    // must outlive the dialog.
    explicit SettingsDialog(StoreWorker *worker, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Reads QSettings into the form, and asks the store for the team settings (their fields
    // are filled and enabled when it answers; the constructor does it once).
    void load();
    bool teamSettingsLoaded() const { return m_teamLoaded; }
    // Validates and writes: QSettings at once, team settings the person changed on the
    // store thread (teamSettingsSaved() or, with why, teamSettingsFailed() when it answers).
    // On a validation error nothing is written and message() says why.
    Result<void> save();
    QString message() const;

    // Opens the store a URL names on the calling thread (a worker: it may wait on the
    // network), with a short connect timeout, and says whether that worked, for people.
    static ConnectionTest testConnection(const QString &url);
    // Starts testConnection on a worker for the database (or, with `server`, the team
    // server) field; connectionTested() reports the outcome.
    QFuture<ConnectionTest> startConnectionTest(bool server = false);
    // True when `url` carries a password: redactStoreUrl() would change it.
    static bool hasPassword(const QString &url);

    QLineEdit *reviewerEdit() const { return m_reviewer; }
    QLineEdit *databaseEdit() const { return m_database; }
    QLineEdit *serverEdit() const { return m_server; }
    QListWidget *watchFolderList() const { return m_watchFolders; }
    QListWidget *reasonPresetList() const { return m_presets; }
    QSpinBox *quorumBox() const { return m_quorum; }
    // The team's rules turned off: a list, the field a rule id is typed into and its Add.
    QListWidget *disabledRuleList() const { return m_disabledRules; }
    QLineEdit *disabledRuleEdit() const { return m_ruleEdit; }
    QPushButton *addDisabledRuleButton() const { return m_addRule; }
    QComboBox *themeBox() const { return m_theme; }
    QLabel *testResultLabel() const { return m_testResult; }

    QStringList watchFolders() const;
    QStringList reasonPresets() const;
    QStringList disabledRules() const; // as listed, duplicates dropped
    // Adds the rule ids typed in disabledRuleEdit() (several: separated by commas or
    // spaces) to the list; false (and message() says why) when one is not a rule id.
    bool addDisabledRules();
    QString theme() const; // "system" "light" "dark"

    // Saves; closes once the store has the team settings, stays open on an error.
    void accept() override;

Q_SIGNALS:
    void connectionTested(bool ok, const QString &message);
    // After a successful save: what changed that the running window should apply.
    void saved();
    void teamSettingsRead();
    void teamSettingsSaved();
    // The team's disabled rules were written (also followed by teamSettingsSaved()): the
    // running window re-filters the diagnostics it shows (DiagnosticsCache).
    void disabledRulesSaved();
    void teamSettingsFailed(const QString &message);

protected:
    // Enter in the rule field adds the rule (instead of pressing OK).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static QString withShortTimeout(const QString &url);

    struct TeamSettings
    {
        QStringList presets;
        Result<QString> quorum;
        Result<QString> disabledRules;
    };
    void applyTeamSettings(const TeamSettings &team);
    void showMessage(const QString &text);

    StoreWorker *m_worker;
    bool m_teamLoaded = false;
    int m_teamWrites = 0;     // team settings on their way to the store
    bool m_closing = false;   // accepted: close when they are written
    QLineEdit *m_reviewer = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_server = nullptr;
    QPushButton *m_testDatabase = nullptr;
    QPushButton *m_testServer = nullptr;
    QLabel *m_testResult = nullptr;
    QListWidget *m_watchFolders = nullptr;
    QListWidget *m_presets = nullptr;
    QStringList m_loadedPresets; // as loaded: saved only when changed
    int m_loadedQuorum = 1;
    QSpinBox *m_quorum = nullptr;
    QListWidget *m_disabledRules = nullptr;
    QLineEdit *m_ruleEdit = nullptr;
    QPushButton *m_addRule = nullptr;
    QPushButton *m_removeRule = nullptr;
    QStringList m_loadedDisabledRules; // as loaded: saved only when changed
    QComboBox *m_theme = nullptr;
    QLabel *m_message = nullptr;
    QFuture<ConnectionTest> m_test;
};

} // namespace verdict
