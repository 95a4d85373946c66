// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

#include "apptheme.h"
#include "diagnostics/rules.h"
#include "reasonpresets.h"
#include "store/store.h"
#include "store/storeworker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace verdict {

namespace {

QStringList listItems(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i) {
        const QString text = list->item(i)->text().trimmed();
        if (!text.isEmpty() && !out.contains(text))
            out << text;
    }
    return out;
}

// A list with Add and Remove buttons beside it.
QWidget *editableList(QListWidget *list, QPushButton *add, QPushButton *remove)
{
    auto *box = new QWidget;
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(list, 1);
    row->addLayout(buttons);
    QObject::connect(remove, &QPushButton::clicked, list, [list] { delete list->currentItem(); });
    return box;
}

// The entries of a `disabled_rules` value as a lead wrote them (DisabledRules' separators).
QStringList ruleEntries(const QString &list)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    QStringList out;
    for (const QString &entry : list.split(separators, Qt::SkipEmptyParts)) {
        if (!out.contains(entry))
            out << entry;
    }
    return out;
}

// A rule id ("shellcheck/SC2086", "syntax-error"), a family ("pyflakes", "shellcheck/") or
// a prefix ending in '*' ("shellcheck/SC20*").
bool isRuleEntry(const QString &entry)
{
    static const QRegularExpression rule(
        QStringLiteral("^[A-Za-z][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]*)?\\*?$"));
    return rule.match(entry).hasMatch();
}

} // namespace

SettingsDialog::SettingsDialog(StoreWorker *worker, QWidget *parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_reviewer(new QLineEdit)
    , m_database(new QLineEdit)
    , m_server(new QLineEdit)
    , m_testDatabase(new QPushButton(tr("Test connection")))
    , m_testServer(new QPushButton(tr("Test connection")))
    , m_testResult(new QLabel)
    , m_watchFolders(new QListWidget)
    , m_presets(new QListWidget)
    , m_quorum(new QSpinBox)
    , m_disabledRules(new QListWidget)
    , m_ruleEdit(new QLineEdit)
    , m_addRule(new QPushButton(tr("Add")))
    , m_removeRule(new QPushButton(tr("Remove")))
    , m_theme(new QComboBox)
    , m_message(new QLabel)
{
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));

    m_reviewer->setAccessibleName(tr("Reviewer name"));
    m_reviewer->setPlaceholderText(tr("Recorded with every decision"));
    m_database->setAccessibleName(tr("Database"));
    m_database->setPlaceholderText(tr("SQLite file, or postgresql://host/db (empty: default)"));
    m_server->setAccessibleName(tr("Team server URL"));
    m_server->setPlaceholderText(tr("postgresql://host/db to sync with (empty: no sync)"));
    m_testDatabase->setAccessibleName(tr("Test database connection"));
    m_testServer->setAccessibleName(tr("Test team server connection"));
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setWordWrap(true);
    m_testResult->setAccessibleName(tr("Connection test result"));
    m_testResult->hide();
    m_watchFolders->setAccessibleName(tr("Watch folders"));
    m_presets->setAccessibleName(tr("Reason presets"));
    m_quorum->setRange(1, 9);
    m_quorum->setAccessibleName(tr("Quorum"));
    m_quorum->setToolTip(tr("Distinct approvals a proposal needs to count as approved"));
    m_disabledRules->setAccessibleName(tr("Diagnostic rules turned off"));
    m_disabledRules->setToolTip(
        tr("Diagnostics of these rules are not shown to anyone on the team, nor counted "
           "(team setting; verdict-cli check honours it too)"));
    m_ruleEdit->setAccessibleName(tr("Rule to turn off"));
    m_ruleEdit->setPlaceholderText(tr("A rule (shellcheck/SC2086) or a family (pyflakes)"));
    m_addRule->setAccessibleName(tr("Turn off rule"));
    m_removeRule->setAccessibleName(tr("Turn rule back on"));
    m_theme->addItem(tr("System"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setAccessibleName(tr("Theme"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Settings message"));
    m_message->hide();

    auto *databaseRow = new QHBoxLayout;
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(m_testDatabase);
    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_server, 1);
    serverRow->addWidget(m_testServer);

    auto *you = new QGroupBox(tr("You"));
    you->setAccessibleName(tr("You"));
    auto *youForm = new QFormLayout(you);
    youForm->addRow(tr("&Reviewer name:"), m_reviewer);
    youForm->addRow(tr("T&heme:"), m_theme);

    auto *data = new QGroupBox(tr("Database"));
    data->setAccessibleName(tr("Database settings"));
    auto *dataForm = new QFormLayout(data);
    // Rows holding a layout get no buddy by themselves: without one "&" shows literally.
    auto *databaseLabel = new QLabel(tr("&Database:"));
    databaseLabel->setBuddy(m_database);
    auto *serverLabel = new QLabel(tr("Team &server:"));
    serverLabel->setBuddy(m_server);
    dataForm->addRow(databaseLabel, databaseRow);
    dataForm->addRow(serverLabel, serverRow);
    dataForm->addRow(QString(), m_testResult);
    auto *passwordHint = new QLabel(
        tr("Passwords are never stored: put them in ~/.pgpass or the PGPASSWORD variable."));
    passwordHint->setWordWrap(true);
    passwordHint->setAccessibleName(tr("Password note"));
    dataForm->addRow(QString(), passwordHint);

    auto *addFolder = new QPushButton(tr("Add…"));
    addFolder->setAccessibleName(tr("Add watch folder"));
    auto *removeFolder = new QPushButton(tr("Remove"));
    removeFolder->setAccessibleName(tr("Remove watch folder"));
    auto *addPreset = new QPushButton(tr("Add"));
    addPreset->setAccessibleName(tr("Add reason preset"));
    auto *removePreset = new QPushButton(tr("Remove"));
    removePreset->setAccessibleName(tr("Remove reason preset"));

    auto *review = new QGroupBox(tr("Review"));
    review->setAccessibleName(tr("Review settings"));
    auto *reviewForm = new QFormLayout(review);
    auto *watchLabel = new QLabel(tr("&Watch folders:"));
    watchLabel->setBuddy(m_watchFolders);
    auto *presetLabel = new QLabel(tr("Reason &presets:"));
    presetLabel->setBuddy(m_presets);
    reviewForm->addRow(watchLabel, editableList(m_watchFolders, addFolder, removeFolder));
    reviewForm->addRow(presetLabel, editableList(m_presets, addPreset, removePreset));
    auto *quorumRow = new QHBoxLayout;
    quorumRow->addWidget(m_quorum);
    quorumRow->addWidget(new QLabel(tr("distinct approvals needed (team setting)")), 1);
    auto *quorumLabel = new QLabel(tr("&Quorum:"));
    quorumLabel->setBuddy(m_quorum);
    reviewForm->addRow(quorumLabel, quorumRow);
    m_watchFolders->setMinimumHeight(fontMetrics().height() * 4);
    m_presets->setMinimumHeight(fontMetrics().height() * 4);

    auto *diagnostics = new QGroupBox(tr("Diagnostics"));
    diagnostics->setAccessibleName(tr("Diagnostics settings"));
    auto *diagnosticsForm = new QFormLayout(diagnostics);
    auto *rulesColumn = new QVBoxLayout;
    rulesColumn->addWidget(m_ruleEdit);
    rulesColumn->addWidget(editableList(m_disabledRules, m_addRule, m_removeRule));
    auto *rulesLabel = new QLabel(tr("Rules &turned off:"));
    rulesLabel->setBuddy(m_ruleEdit);
    diagnosticsForm->addRow(rulesLabel, rulesColumn);
    m_disabledRules->setMinimumHeight(fontMetrics().height() * 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save settings"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(you);
    layout->addWidget(data);
    layout->addWidget(review, 1);
    layout->addWidget(diagnostics);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 90);

    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Watch folder"));
        if (!dir.isEmpty() && listItems(m_watchFolders).indexOf(dir) < 0)
            m_watchFolders->addItem(QDir::toNativeSeparators(dir));
    });
    connect(addPreset, &QPushButton::clicked, this, [this] {
        auto *item = new QListWidgetItem(tr("New reason"), m_presets);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_presets->setCurrentItem(item);
        m_presets->editItem(item);
    });
    connect(m_addRule, &QPushButton::clicked, this, [this] { addDisabledRules(); });
    m_ruleEdit->installEventFilter(this);
    connect(m_testDatabase, &QPushButton::clicked, this, [this] { startConnectionTest(false); });
    connect(m_testServer, &QPushButton::clicked, this, [this] { startConnectionTest(true); });

    load();
}

SettingsDialog::~SettingsDialog()
{
    // The test owns nothing of the dialog; a hung connect ends with its short timeout.
    m_test.waitForFinished();
}

void SettingsDialog::load()
{
    QSettings settings;
    m_reviewer->setText(settings.value(QStringLiteral("reviewer")).toString());
    m_database->setText(settings.value(QStringLiteral("database")).toString());
    m_server->setText(settings.value(QStringLiteral("syncServer")).toString());
    m_watchFolders->clear();
    m_watchFolders->addItems(settings.value(QStringLiteral("watchFolders")).toStringList());
    const int themeIndex =
        m_theme->findData(settings.value(QStringLiteral("theme"), QStringLiteral("system")));
    m_theme->setCurrentIndex(themeIndex < 0 ? 0 : themeIndex);

    // What is in effect (the defaults when the team never set any), so that OK without a
    // change writes nothing: a setting is written only when the person changed it.
    m_teamLoaded = false;
    for (QWidget *w : std::initializer_list<QWidget *>{m_quorum, m_presets, m_disabledRules,
                                                        m_ruleEdit, m_addRule, m_removeRule})
        w->setEnabled(false);
    if (!m_worker)
        return;
    m_presets->clear();
    m_disabledRules->clear();
    m_worker->post(
        this,
        [](Store &store) {
            return TeamSettings{ReasonPresets::load(&store),
                                store.setting(QStringLiteral("quorum")),
                                store.setting(DisabledRules::kSettingKey)};
        },
        [this](const TeamSettings &team) { applyTeamSettings(team); });
}

void SettingsDialog::applyTeamSettings(const TeamSettings &team)
{
    const QStringList &presets = team.presets;
    const Result<QString> &quorum = team.quorum;
    m_presets->clear();
    m_loadedPresets = presets;
    for (const QString &preset : std::as_const(m_loadedPresets)) {
        auto *item = new QListWidgetItem(preset, m_presets);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_loadedQuorum = quorum && quorum->toInt() > 0 ? quorum->toInt() : 1;
    m_quorum->setValue(m_loadedQuorum);
    // A setting that cannot be read is not shown as empty: saving would then overwrite it.
    m_loadedDisabledRules = team.disabledRules ? ruleEntries(*team.disabledRules) : QStringList();
    m_disabledRules->clear();
    m_disabledRules->addItems(m_loadedDisabledRules);
    const bool rulesReadable = team.disabledRules.ok();
    for (QWidget *w : std::initializer_list<QWidget *>{m_disabledRules, m_ruleEdit, m_addRule,
                                                        m_removeRule})
        w->setEnabled(rulesReadable);
    m_quorum->setEnabled(true);
    m_presets->setEnabled(true);
    m_teamLoaded = true;
    Q_EMIT teamSettingsRead();
}

QStringList SettingsDialog::watchFolders() const
{
    return listItems(m_watchFolders);
}

QStringList SettingsDialog::reasonPresets() const
{
    return listItems(m_presets);
}

QStringList SettingsDialog::disabledRules() const
{
    QStringList out;
    for (const QString &item : listItems(m_disabledRules)) {
        for (const QString &entry : ruleEntries(item)) {
            if (!out.contains(entry))
                out << entry;
        }
    }
    return out;
}

bool SettingsDialog::addDisabledRules()
{
    const QStringList entries = ruleEntries(m_ruleEdit->text());
    for (const QString &entry : entries) {
        if (!isRuleEntry(entry)) {
            showMessage(tr("\"%1\" is not a rule: type a rule id as diagnostics show it "
                           "(shellcheck/SC2086, pyflakes/unused-import) or a family "
                           "(pyflakes, shellcheck).")
                            .arg(entry));
            return false;
        }
    }
    const QStringList listed = listItems(m_disabledRules);
    for (const QString &entry : entries) {
        if (!listed.contains(entry))
            m_disabledRules->addItem(entry);
    }
    m_ruleEdit->clear();
    m_message->hide();
    return !entries.isEmpty();
}

bool SettingsDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ruleEdit && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            addDisabledRules();
            return true; // not the dialog's default button
        }
    }
    return QDialog::eventFilter(watched, event);
}

void SettingsDialog::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->show();
}

QString SettingsDialog::theme() const
{
    return m_theme->currentData().toString();
}

QString SettingsDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

bool SettingsDialog::hasPassword(const QString &url)
{
    // Whatever the redaction would hide (a password holding '/' or '@', which QUrl cannot
    // parse, ?PASSWORD=, password='...' never closed) is a password not to store.
    return redactStoreUrl(url) != url;
}

Result<void> SettingsDialog::save()
{
    const auto fail = [this](const QString &text) {
        showMessage(text);
        return makeError(text);
    };
    const QString reviewer = m_reviewer->text().trimmed();
    const QString database = m_database->text().trimmed();
    const QString server = m_server->text().trimmed();
    for (const QString &url : {database, server}) {
        if (hasPassword(url)) {
            return fail(tr("Not saved: the URL %1 holds a password, and Verdict never stores "
                           "passwords. Remove it from the URL and put it in ~/.pgpass "
                           "(host:port:database:user:password) or the PGPASSWORD variable.")
                            .arg(redactStoreUrl(url)));
        }
    }
    if (!server.isEmpty() && !isServerUrl(server))
        return fail(tr("Not saved: the team server must be a postgresql:// URL or a libpq "
                       "key=value string."));

    // Only what the person changed, and only once the store's values were shown: never
    // a write over the team's settings from a form that did not hold them.
    const bool presetsChanged = m_teamLoaded && reasonPresets() != m_loadedPresets;
    const bool quorumChanged = m_teamLoaded && m_quorum->value() != m_loadedQuorum;
    // A rule typed but not added yet is what the person meant to turn off.
    if (!m_ruleEdit->text().trimmed().isEmpty() && !addDisabledRules())
        return makeError(message());
    const bool rulesChanged = m_teamLoaded && m_disabledRules->isEnabled()
                              && disabledRules() != m_loadedDisabledRules;
    if (m_worker && (presetsChanged || quorumChanged || rulesChanged)) {
        const QStringList presets = reasonPresets();
        const int quorum = m_quorum->value();
        const QStringList rules = disabledRules();
        ++m_teamWrites;
        m_worker->post(
            this,
            [presets, quorum, rules, presetsChanged, quorumChanged,
             rulesChanged](Store &store) -> Result<void> {
                if (presetsChanged) {
                    if (auto r = ReasonPresets::save(&store, presets); !r)
                        return makeError(tr("cannot write the reason presets: %1")
                                             .arg(r.errorMessage()));
                }
                if (quorumChanged) {
                    if (auto r = store.setSetting(QStringLiteral("quorum"),
                                                  QString::number(quorum));
                        !r)
                        return makeError(
                            tr("cannot write the quorum: %1").arg(r.errorMessage()));
                }
                if (rulesChanged) {
                    if (auto r = store.setSetting(DisabledRules::kSettingKey,
                                                  rules.join(QLatin1Char(',')));
                        !r)
                        return makeError(tr("cannot write the rules turned off: %1")
                                             .arg(r.errorMessage()));
                }
                return {};
            },
            [this, presets, quorum, rules, rulesChanged](const Result<void> &written) {
                --m_teamWrites;
                if (!written) {
                    m_closing = false;
                    m_message->setText(tr("Team settings not saved: %1")
                                           .arg(written.errorMessage()));
                    m_message->show();
                    Q_EMIT teamSettingsFailed(written.errorMessage());
                    return;
                }
                m_loadedPresets = presets;
                m_loadedQuorum = quorum;
                if (rulesChanged) {
                    m_loadedDisabledRules = rules;
                    Q_EMIT disabledRulesSaved();
                }
                Q_EMIT teamSettingsSaved();
                if (m_closing && m_teamWrites == 0)
                    QDialog::accept();
            });
    }
    QSettings settings;
    settings.setValue(QStringLiteral("reviewer"), reviewer);
    settings.setValue(QStringLiteral("database"), database);
    settings.setValue(QStringLiteral("syncServer"), server);
    settings.setValue(QStringLiteral("watchFolders"), watchFolders());
    settings.setValue(QStringLiteral("theme"), theme());
    settings.sync();
    if (theme() != QLatin1String("system"))
        AppTheme::apply(theme());
    m_message->hide();
    Q_EMIT saved();
    return {};
}

void SettingsDialog::accept()
{
    if (!save())
        return;
    if (m_teamWrites == 0) {
        QDialog::accept();
        return;
    }
    m_closing = true;
    m_message->setText(tr("Saving the team settings…"));
    m_message->show();
}

QString SettingsDialog::withShortTimeout(const QString &url)
{
    if (!isServerUrl(url) || url.contains(QLatin1String("connect_timeout")))
        return url;
    if (url.contains(QLatin1String("://")))
        return url + (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
               + QStringLiteral("connect_timeout=3");
    return url + QStringLiteral(" connect_timeout=3");
}

ConnectionTest SettingsDialog::testConnection(const QString &rawUrl)
{
    const QString url = rawUrl.trimmed();
    if (url.isEmpty())
        return {false, tr("Enter a database file or a postgresql:// URL first.")};
    if (!isServerUrl(url)) {
        const QFileInfo info(sqlitePathOf(url));
        // Testing must not create a database: a missing file is only checked for its folder.
        if (!info.exists()) {
            const QFileInfo folder(info.absolutePath());
            if (!folder.isDir())
                return {false, tr("The folder %1 does not exist: create it or choose another "
                                  "place for the database.")
                                   .arg(QDir::toNativeSeparators(folder.filePath()))};
            if (!folder.isWritable())
                return {false, tr("The folder %1 is not writable: choose another place for "
                                  "the database.")
                                   .arg(QDir::toNativeSeparators(folder.filePath()))};
            return {true, tr("OK: %1 does not exist yet; Verdict will create it.")
                              .arg(QDir::toNativeSeparators(info.absoluteFilePath()))};
        }
        if (info.isDir())
            return {false, tr("%1 is a folder: name a database file inside it (e.g. "
                              "verdict.sqlite).")
                               .arg(QDir::toNativeSeparators(info.absoluteFilePath()))};
    }
    // probeStore only reads: a test never creates, migrates or writes the database.
    const auto probe = probeStore(withShortTimeout(url));
    if (!probe)
        return {false, tr("Cannot connect: %1").arg(redactStoreUrl(probe.errorMessage(), url))};
    const StoreProbe &p = probe.value();
    const QString where = p.user.isEmpty() ? QDir::toNativeSeparators(p.url)
                                           : tr("%1 as %2").arg(p.url, p.user);
    if (p.schemaVersion == 0) {
        if (p.otherTables > 0)
            return {false, tr("%1 is an SQLite database of another program (%2 tables, no "
                              "Verdict schema): choose another file.")
                               .arg(where, QString::number(p.otherTables))};
        if (p.user.isEmpty())
            return {true, tr("OK: %1 is an empty SQLite database; Verdict will set it up.")
                              .arg(where)};
        return {true, tr("OK: connected to %1; no Verdict schema yet: Verdict creates it when "
                         "it first opens the database (the owner must do that, see "
                         "docs/TEAM-SERVER.md).")
                          .arg(where)};
    }
    if (p.schemaVersion > p.knownVersion)
        return {false, tr("Connected to %1, but its Verdict schema (version %2) is newer than "
                          "this Verdict knows (%2 > %3): upgrade Verdict.")
                           .arg(where, QString::number(p.schemaVersion),
                                QString::number(p.knownVersion))};
    if (p.schemaVersion < p.knownVersion)
        return {true, tr("OK: connected to %1 (%2 proposals); schema version %3: Verdict "
                         "upgrades it to %4 when it opens it.")
                          .arg(where, QString::number(p.proposals),
                               QString::number(p.schemaVersion),
                               QString::number(p.knownVersion))};
    return {true, tr("OK: connected to %1 (%2 proposals).")
                      .arg(where, QString::number(p.proposals))};
}

QFuture<ConnectionTest> SettingsDialog::startConnectionTest(bool server)
{
    const QString url = (server ? m_server : m_database)->text();
    m_testDatabase->setEnabled(false);
    m_testServer->setEnabled(false);
    m_testResult->setText(tr("Testing %1…").arg(redactStoreUrl(url.trimmed())));
    m_testResult->show();
    m_test = QtConcurrent::run(&SettingsDialog::testConnection, url);
    auto *watcher = new QFutureWatcher<ConnectionTest>(this);
    connect(watcher, &QFutureWatcher<ConnectionTest>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const ConnectionTest result = watcher->result();
        // Words carry the outcome ("OK:" / "Cannot…"); the icon-less label needs no colour.
        m_testResult->setText(result.message);
        m_testDatabase->setEnabled(true);
        m_testServer->setEnabled(true);
        Q_EMIT connectionTested(result.ok, result.message);
    });
    watcher->setFuture(m_test);
    return m_test;
}

} // namespace verdict
