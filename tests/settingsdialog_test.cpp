// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnosticscache.h"
#include "diagnostics/rules.h"
#include "queue/queuemodel.h"
#include "reasonpresets.h"
#include "report/reportparser.h"
#include "store/storeworker.h"
#include "settingsdialog.h"
#include "store/sqlitemigrations.h"
#include "store/sqlitestore.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace verdict;

namespace {

// Runs SQL on the file through the C API (creating it): fixtures Verdict did not write.
// Returns SQLite's message, empty on success.
QString sqliteExec(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    char *message = nullptr;
    QString out;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) != SQLITE_OK)
        out = QString::fromUtf8(message);
    sqlite3_free(message);
    sqlite3_close(db);
    return out;
}

// PRAGMA user_version read through a read-only connection; -1 when unreadable.
int userVersion(const QString &path)
{
    sqlite3 *db = nullptr;
    int version = -1;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY,
                        nullptr)
        == SQLITE_OK) {
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr);
        if (s && sqlite3_step(s) == SQLITE_ROW)
            version = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return version;
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(file.readAll());
    return hash.result().toHex();
}

} // namespace

class SettingsDialogTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTrip();
    void okWithoutChangesWritesNothing();
    void refusesPasswords_data();
    void refusesPasswords();
    void testConnection_data();
    void testConnection();
    void testConnectionRunsInTheBackground();
    void everyControlHasAnAccessibleName();
    void disabledRulesRoundTrip();
    void disabledRulesRefuseWhatIsNotARule();
    void disabledRuleLeavesTheShownDiagnostics();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    // The team settings' store, on its own thread as in the window.
    std::unique_ptr<StoreWorker> m_worker;
    QString teamSetting(const QString &key) const
    {
        const auto value = m_worker->wait([key](Store &store) { return store.setting(key); });
        return value ? *value : QStringLiteral("<error: %1>").arg(value.errorMessage());
    }
    void settle() const
    {
        if (!m_worker->waitForIdle())
            qWarning("the store is still busy");
    }
};

void SettingsDialogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // Every test gets its own settings file: never the user's real ones.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_dir->filePath(QStringLiteral("cfg")));
    QCoreApplication::setOrganizationName(QStringLiteral("verdict-test"));
    QCoreApplication::setApplicationName(QStringLiteral("settingsdialog_test"));
    auto store = SqliteStore::open(m_dir->filePath(QStringLiteral("v.sqlite")));
    QVERIFY2(store.ok(), qPrintable(store.errorMessage()));
    m_worker = std::make_unique<StoreWorker>(std::move(store).value());
}

void SettingsDialogTest::cleanup()
{
    m_worker.reset();
    m_dir.reset();
}

void SettingsDialogTest::roundTrip()
{
    const QString watch1 = m_dir->filePath(QStringLiteral("in"));
    const QString watch2 = m_dir->filePath(QStringLiteral("more"));
    {
        SettingsDialog dialog(m_worker.get());
    settle(); // the team settings, read on the store thread
        QCOMPARE(dialog.quorumBox()->value(), 1); // unset reads as the default
        QCOMPARE(dialog.theme(), QStringLiteral("system"));
        dialog.reviewerEdit()->setText(QStringLiteral("  Ada  "));
        dialog.databaseEdit()->setText(QStringLiteral("/tmp/team.sqlite"));
        dialog.serverEdit()->setText(QStringLiteral("postgresql://db.example/verdict"));
        dialog.watchFolderList()->addItems({watch1, watch2, watch1});
        dialog.reasonPresetList()->clear(); // the defaults were shown
        dialog.reasonPresetList()->addItems(
            {QStringLiteral("Breaks the build"), QStringLiteral("Needs tests, \"real\" ones")});
        dialog.quorumBox()->setValue(2);
        dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData(QStringLiteral("light")));
        QSignalSpy saved(&dialog, &SettingsDialog::saved);
        const auto r = dialog.save();
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        settle(); // the team settings, written on the store thread
        QCOMPARE(saved.count(), 1);
    }
    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("reviewer")).toString(), QStringLiteral("Ada"));
    QCOMPARE(settings.value(QStringLiteral("syncServer")).toString(),
             QStringLiteral("postgresql://db.example/verdict"));
    QCOMPARE(settings.value(QStringLiteral("watchFolders")).toStringList(),
             (QStringList{watch1, watch2}));
    QCOMPARE(settings.value(QStringLiteral("theme")).toString(), QStringLiteral("light"));
    // The triage side reads these keys from the store: same names, same JSON.
    QCOMPARE(teamSetting(QStringLiteral("reason_presets")),
             QStringLiteral("[\"Breaks the build\",\"Needs tests, \\\"real\\\" ones\"]"));
    QCOMPARE(teamSetting(QStringLiteral("quorum")), QStringLiteral("2"));

    SettingsDialog again(m_worker.get());
    settle(); // the team settings, read on the store thread
    QCOMPARE(again.reviewerEdit()->text(), QStringLiteral("Ada"));
    QCOMPARE(again.databaseEdit()->text(), QStringLiteral("/tmp/team.sqlite"));
    QCOMPARE(again.serverEdit()->text(), QStringLiteral("postgresql://db.example/verdict"));
    QCOMPARE(again.watchFolders(), (QStringList{watch1, watch2}));
    QCOMPARE(again.reasonPresets(),
             (QStringList{QStringLiteral("Breaks the build"),
                          QStringLiteral("Needs tests, \"real\" ones")}));
    QCOMPARE(again.quorumBox()->value(), 2);
    QCOMPARE(again.theme(), QStringLiteral("light"));
}

void SettingsDialogTest::refusesPasswords_data()
{
    QTest::addColumn<bool>("serverField");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("refused");

    QTest::newRow("url-userinfo")
        << true << QStringLiteral("postgresql://ann:s3cret@db/v") << true;
    QTest::newRow("url-query")
        << true << QStringLiteral("postgres://db/v?password=s3cret") << true;
    QTest::newRow("key-value") << false << QStringLiteral("host=db password=s3cret dbname=v")
                               << true;
    // QUrl cannot parse these: the password holds '/' and '@'.
    QTest::newRow("url-userinfo-slash-at")
        << true << QStringLiteral("postgresql://ann:s3cret/x@y@db/v") << true;
    QTest::newRow("key-value-capitals") << false << QStringLiteral("host=db PASSWORD=s3cret")
                                        << true;
    QTest::newRow("user-without-password") << true << QStringLiteral("postgresql://ann@db/v")
                                           << false;
    QTest::newRow("sqlite-path") << false << QStringLiteral("/home/ann/password=x/v.sqlite")
                                 << false;
}

// Settings shows the presets in effect (the defaults when the team set none) and OK writes
// only what the person changed: it once wrote reason_presets='[]' over the team's list.
void SettingsDialogTest::okWithoutChangesWritesNothing()
{
    {
        SettingsDialog dialog(m_worker.get());
    settle(); // the team settings, read on the store thread
        QCOMPARE(dialog.reasonPresets(), ReasonPresets::defaults());
        dialog.reviewerEdit()->setText(QStringLiteral("Someone else"));
        const auto r = dialog.save();
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        settle(); // the team settings, written on the store thread
    }
    QCOMPARE(teamSetting(QStringLiteral("reason_presets")), QString());
    QCOMPARE(teamSetting(QStringLiteral("quorum")), QString());
    QCOMPARE(m_worker->wait([](Store &store) { return ReasonPresets::load(&store); }),
             ReasonPresets::defaults());

    const QString leads = QStringLiteral("[\"The lead's own reason\"]");
    QVERIFY(m_worker->wait([leads](Store &store) {
        return store.setSetting(QStringLiteral("reason_presets"), leads);
    }).ok());
    SettingsDialog again(m_worker.get());
    settle(); // the team settings, read on the store thread
    QCOMPARE(again.reasonPresets(), QStringList{QStringLiteral("The lead's own reason")});
    QVERIFY(again.save());
    settle();
    QCOMPARE(teamSetting(QStringLiteral("reason_presets")), leads);
}

void SettingsDialogTest::refusesPasswords()
{
    QFETCH(bool, serverField);
    QFETCH(QString, url);
    QFETCH(bool, refused);
    SettingsDialog dialog(m_worker.get());
    settle(); // the team settings, read on the store thread
    (serverField ? dialog.serverEdit() : dialog.databaseEdit())->setText(url);
    dialog.quorumBox()->setValue(3);
    const auto r = dialog.save();
    settle();
    QCOMPARE(!r.ok(), refused);
    if (refused) {
        QVERIFY2(dialog.message().contains(QLatin1String("~/.pgpass"))
                     && dialog.message().contains(QLatin1String("PGPASSWORD")),
                 qPrintable(dialog.message()));
        QVERIFY2(!dialog.message().contains(QLatin1String("s3cret")),
                 qPrintable(dialog.message()));
        // Nothing written at all.
        QVERIFY(!QSettings().contains(QStringLiteral("syncServer")));
        QCOMPARE(teamSetting(QStringLiteral("quorum")), QString());
    } else {
        QCOMPARE(teamSetting(QStringLiteral("quorum")), QStringLiteral("3"));
    }
}

void SettingsDialogTest::testConnection_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("says");

    QTest::newRow("missing-folder") << QStringLiteral("%1/no/such/dir/v.sqlite") << false
                                    << QStringLiteral("does not exist");
    QTest::newRow("a-folder") << QStringLiteral("%1") << false << QStringLiteral("is a folder");
    QTest::newRow("not-a-database") << QStringLiteral("%1/junk.sqlite") << false
                                    << QStringLiteral("Cannot connect");
    QTest::newRow("new-file") << QStringLiteral("%1/new.sqlite") << true
                              << QStringLiteral("will create it");
    QTest::newRow("existing-store") << QStringLiteral("sqlite:%1/v.sqlite") << true
                                    << QStringLiteral("0 proposals");
    QTest::newRow("unreachable-server")
        << QStringLiteral("postgresql://127.0.0.1:1/x?connect_timeout=2") << false
        << QStringLiteral("Cannot connect");
    QTest::newRow("empty") << QString() << false << QStringLiteral("Enter a database");
    // Fixtures testConnection writes before each row; none of them may change.
    QTest::newRow("older-schema")
        << QStringLiteral("%1/old.sqlite") << true
        << QStringLiteral("(1 proposals); schema version 1: Verdict upgrades it");
    QTest::newRow("other-program") << QStringLiteral("sqlite:%1/foreign.sqlite") << false
                                   << QStringLiteral("SQLite database of another program "
                                                     "(1 tables, no Verdict schema)");
    QTest::newRow("newer-schema") << QStringLiteral("%1/newer.sqlite") << false
                                  << QStringLiteral("upgrade Verdict");
    QTest::newRow("empty-file") << QStringLiteral("%1/empty.sqlite") << true
                                << QStringLiteral("Verdict will set it up");
}

void SettingsDialogTest::testConnection()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(QString, says);
    QFile junk(m_dir->filePath(QStringLiteral("junk.sqlite")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    // A database as Verdict with schema 1 left it (one proposal), one of another program,
    // one of a Verdict newer than this one, and an empty file.
    const QString old = m_dir->filePath(QStringLiteral("old.sqlite"));
    QCOMPARE(sqliteExec(old, sqliteMigrations().front().sql), QString());
    QCOMPARE(sqliteExec(old, "PRAGMA user_version = 1; INSERT INTO proposals VALUES "
                             "('p1', 1, 'abc', '2026-01-01T00:00:00.000Z');"),
             QString());
    const QString foreign = m_dir->filePath(QStringLiteral("foreign.sqlite"));
    QCOMPARE(sqliteExec(foreign, "CREATE TABLE songs (title text)"), QString());
    const int known = sqliteMigrations().back().version;
    const QString newer = m_dir->filePath(QStringLiteral("newer.sqlite"));
    QCOMPARE(sqliteExec(newer, "PRAGMA user_version = " + QByteArray::number(known + 1)),
             QString());
    QFile empty(m_dir->filePath(QStringLiteral("empty.sqlite")));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    const QStringList fixtures{old, foreign, newer, empty.fileName()};
    const QList<int> versions{1, 0, known + 1, 0};
    QList<QByteArray> hashes;
    for (const QString &fixture : fixtures)
        hashes << fileHash(fixture);
    QCOMPARE(userVersion(old), 1);
    if (url.contains(QLatin1String("%1")))
        url = url.arg(m_dir->path());
    QElapsedTimer timer;
    timer.start();
    const ConnectionTest result = SettingsDialog::testConnection(url);
    QVERIFY2(result.ok == ok, qPrintable(result.message));
    QVERIFY2(result.message.contains(says), qPrintable(result.message));
    QVERIFY2(!result.message.contains(QLatin1Char('\n')), qPrintable(result.message));
    // Testing never creates the database it tests.
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("new.sqlite"))));
    // Nor migrates nor writes one: same schema version, same bytes.
    for (int i = 0; i < fixtures.size(); ++i) {
        QCOMPARE(userVersion(fixtures[i]), versions[i]);
        QCOMPARE(fileHash(fixtures[i]), hashes[i]);
    }
    QCOMPARE(QFileInfo(empty.fileName()).size(), 0);
}

void SettingsDialogTest::testConnectionRunsInTheBackground()
{
    SettingsDialog dialog(m_worker.get());
    settle(); // the team settings, read on the store thread
    // No connect_timeout given: the dialog adds a short one of its own.
    dialog.serverEdit()->setText(QStringLiteral("postgresql://127.0.0.1:1/x"));
    QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
    auto future = dialog.startConnectionTest(true);
    QVERIFY(dialog.testResultLabel()->text().startsWith(QLatin1String("Testing")));
    QVERIFY(tested.wait(15000));
    QCOMPARE(tested.at(0).at(0).toBool(), false);
    const QString message = tested.at(0).at(1).toString();
    QVERIFY2(message.startsWith(QLatin1String("Cannot connect")), qPrintable(message));
    QCOMPARE(dialog.testResultLabel()->text(), message);
}

void SettingsDialogTest::everyControlHasAnAccessibleName()
{
    SettingsDialog dialog(m_worker.get());
    settle(); // the team settings, read on the store thread
    const QList<QWidget *> widgets = dialog.findChildren<QWidget *>();
    QStringList unnamed;
    for (QWidget *w : widgets) {
        if (w->focusPolicy() == Qt::NoFocus || w->accessibleName().isEmpty() == false)
            continue;
        // Internal parts of composite controls (viewports, spin box line edits, a combo
        // box's popup list, which Qt 6.8 creates with the combo) are named by their owner:
        // the nearest ancestor that takes focus itself.
        bool part = false;
        for (QWidget *up = w->parentWidget(); up && up != &dialog; up = up->parentWidget()) {
            if (up->focusPolicy() != Qt::NoFocus && !up->inherits("QGroupBox")) {
                part = !up->accessibleName().isEmpty();
                break;
            }
        }
        if (part)
            continue;
        unnamed << QString::fromLatin1(w->metaObject()->className());
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

// The team's rules turned off: shown as the store holds them, added (several at once, typed
// or picked), removed, written as the comma-separated list `verdict-cli check --disable`
// takes, and only when changed.
void SettingsDialogTest::disabledRulesRoundTrip()
{
    QVERIFY(m_worker->wait([](Store &store) {
        return store.setSetting(DisabledRules::kSettingKey,
                                QStringLiteral("pyflakes/unused-import, shellcheck/SC20*"));
    }).ok());
    {
        SettingsDialog dialog(m_worker.get());
        QVERIFY(!dialog.disabledRuleList()->isEnabled()); // not before the store answered
        settle();
        QVERIFY(dialog.disabledRuleList()->isEnabled());
        QCOMPARE(dialog.disabledRules(), (QStringList{QStringLiteral("pyflakes/unused-import"),
                                                      QStringLiteral("shellcheck/SC20*")}));
        // OK without a change: the lead's own spelling stays as it was.
        QSignalSpy rulesSaved(&dialog, &SettingsDialog::disabledRulesSaved);
        QVERIFY(dialog.save());
        settle();
        QCOMPARE(rulesSaved.count(), 0);
        QCOMPARE(teamSetting(DisabledRules::kSettingKey),
                 QStringLiteral("pyflakes/unused-import, shellcheck/SC20*"));

        dialog.disabledRuleEdit()->setText(QStringLiteral(" shellcheck/SC2086,pyflakes "));
        dialog.addDisabledRuleButton()->click();
        QVERIFY(dialog.disabledRuleEdit()->text().isEmpty());
        // Enter in the field adds too, and does not press OK (the dialog stays open).
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show(); // a hidden dialog's OK is not pressed by Enter anyway
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.disabledRuleEdit()->setFocus();
        dialog.disabledRuleEdit()->setText(QStringLiteral("secret"));
        QTest::keyClick(dialog.disabledRuleEdit(), Qt::Key_Return);
        QCOMPARE(accepted.count(), 0);
        QVERIFY(dialog.disabledRules().contains(QLatin1String("secret")));
        delete dialog.disabledRuleList()->findItems(QStringLiteral("secret"),
                                                    Qt::MatchExactly).value(0);
        dialog.disabledRuleList()->setCurrentRow(0); // pyflakes/unused-import
        delete dialog.disabledRuleList()->currentItem();
        // Typed but not added: saving adds it, and an entry listed twice is written once.
        dialog.disabledRuleEdit()->setText(QStringLiteral("pyflakes"));
        QSignalSpy teamSaved(&dialog, &SettingsDialog::teamSettingsSaved);
        QVERIFY(dialog.save());
        settle();
        QCOMPARE(rulesSaved.count(), 1);
        QCOMPARE(teamSaved.count(), 1);
    }
    QCOMPARE(teamSetting(DisabledRules::kSettingKey),
             QStringLiteral("shellcheck/SC20*,shellcheck/SC2086,pyflakes"));
    // What the engine and verdict-cli make of it.
    const DisabledRules read(teamSetting(DisabledRules::kSettingKey));
    QVERIFY(read.disables(QStringLiteral("shellcheck/SC2086")));
    QVERIFY(read.disables(QStringLiteral("pyflakes/undefined-name")));
    QVERIFY(!read.disables(QStringLiteral("shellcheck/SC1090")));

    SettingsDialog again(m_worker.get());
    settle();
    QCOMPARE(again.disabledRules(), (QStringList{QStringLiteral("shellcheck/SC20*"),
                                                 QStringLiteral("shellcheck/SC2086"),
                                                 QStringLiteral("pyflakes")}));
    again.disabledRuleList()->clear(); // every rule back on
    QVERIFY(again.save());
    settle();
    QCOMPARE(teamSetting(DisabledRules::kSettingKey), QString());
    QVERIFY(DisabledRules(teamSetting(DisabledRules::kSettingKey)).isEmpty());
}

void SettingsDialogTest::disabledRulesRefuseWhatIsNotARule()
{
    SettingsDialog dialog(m_worker.get());
    settle();
    dialog.disabledRuleEdit()->setText(QStringLiteral("pyflakes \"unused\""));
    QVERIFY(!dialog.addDisabledRules());
    QVERIFY2(dialog.message().contains(QLatin1String("is not a rule")),
             qPrintable(dialog.message()));
    QCOMPARE(dialog.disabledRules(), QStringList()); // not even the valid half
    dialog.quorumBox()->setValue(2);
    QVERIFY(!dialog.save()); // nothing written at all
    settle();
    QCOMPARE(teamSetting(DisabledRules::kSettingKey), QString());
    QCOMPARE(teamSetting(QStringLiteral("quorum")), QString());
}

// End to end, as in the window: the lead turns a rule off in Settings, the window's
// diagnostics drop it from the shown proposal and from the queue's counts; turned back on,
// it shows again (from the cache, which keeps every finding).
void SettingsDialogTest::disabledRuleLeavesTheShownDiagnostics()
{
    std::vector<ParsedFile> files{
        ReportParser::parseFile(QStringLiteral(VERDICT_SAMPLES "/003_d73438ddc782444d.txt"))};
    QVERIFY(m_worker->wait([&files](Store &store) {
        return store.importFiles(files, QStringLiteral("test"));
    }).ok());
    const QString id003 = QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130");
    const auto queue = m_worker->wait([](Store &store) { return store.queue(); });
    QVERIFY2(queue, qPrintable(queue.errorMessage()));
    QueueModel model;
    model.setEntries(*queue);
    DiagnosticsCache cache(&model, m_worker.get(), m_dir->filePath(QStringLiteral("v.sqlite")));
    cache.enable();
    auto rules = [&] {
        QStringList out;
        if (const auto found = cache.find(id003, 1)) {
            for (const Diagnostic &d : *found)
                out << d.rule;
        }
        return out;
    };
    auto errors = [&] { return model.entryAt(model.rowForId(id003))->errors; };
    cache.diagnoseUncomputed();
    QTRY_VERIFY_WITH_TIMEOUT(rules().contains(QLatin1String("language-mismatch")), 30000);
    const int errorsBefore = errors();
    QVERIFY(errorsBefore > 0);

    SettingsDialog dialog(m_worker.get());
    connect(&dialog, &SettingsDialog::disabledRulesSaved, &cache,
            &DiagnosticsCache::reloadDisabledRules);
    settle();
    dialog.disabledRuleEdit()->setText(QStringLiteral("language-mismatch"));
    QVERIFY(dialog.addDisabledRules());
    QVERIFY(dialog.save());
    QTRY_VERIFY_WITH_TIMEOUT(!rules().contains(QLatin1String("language-mismatch")), 30000);
    QVERIFY2(!rules().isEmpty(), "the other rules are still shown");
    QCOMPARE(errors(), errorsBefore - 1);

    dialog.disabledRuleList()->clear();
    QVERIFY(dialog.save());
    QTRY_VERIFY_WITH_TIMEOUT(rules().contains(QLatin1String("language-mismatch")), 30000);
    QCOMPARE(errors(), errorsBefore);
    QVERIFY(cache.waitForDone(30000));
}

QTEST_MAIN(SettingsDialogTest)
#include "settingsdialog_test.moc"
