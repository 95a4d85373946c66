// SPDX-License-Identifier: GPL-3.0-or-later
// The language table (models/report/languages.cpp) walked row by row: every word it lists
// leads back to its row through the detector, no word is claimed twice, and the facts the
// rest of Verdict reads from it hold together. (That each highlighter definition exists in
// the installed KSyntaxHighlighting is syntaxhighlighteradapter_test's.)
#include "report/languagedetector.h"
#include "report/languages.h"

#include <QHash>
#include <QTest>

using namespace verdict;

class LanguagesTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAreInIndexOrder();
    void everyRow_data();
    void everyRow();
    void noWordIsClaimedTwice();
    void relativesAreMutual();
    void unknownIds();
};

void LanguagesTest::rowsAreInIndexOrder()
{
    const auto &all = Languages::all();
    QCOMPARE(int(all.size()), int(Lang::Count));
    for (int i = 0; i < Lang::Count; ++i)
        QCOMPARE(int(all[size_t(i)].index), i);
    QCOMPARE(Languages::plainTextId(), QStringLiteral("plaintext"));
    QCOMPARE(int(all.back().index), int(Lang::PlainText));
    QCOMPARE(Languages::ids().size(), int(Lang::Count));
}

void LanguagesTest::everyRow_data()
{
    QTest::addColumn<int>("index");
    for (const LanguageInfo &info : Languages::all())
        QTest::newRow(info.id.data()) << int(info.index);
}

void LanguagesTest::everyRow()
{
    QFETCH(int, index);
    const LanguageInfo &info = Languages::all()[size_t(index)];
    const QString id = info.id;
    QVERIFY(!id.isEmpty());
    QCOMPARE(id, id.toLower());
    QCOMPARE(Languages::indexOf(id), index);
    QCOMPARE(Languages::find(id), &info);
    QVERIFY(!QString(info.displayName).isEmpty());
    QCOMPARE(Languages::displayName(id), QString(info.displayName));
    QVERIFY(Languages::parserOf(id) == info.parser);
    // Every language Verdict colours names a definition; plain text stays plain.
    QCOMPARE(QString(info.highlighterDefinition).isEmpty(), index == Lang::PlainText);
    // Each extension, file name, name prefix and fence tag leads back to this row.
    for (const QString &ext : Languages::split(info.extensions)) {
        QCOMPARE(ext, ext.toLower());
        QCOMPARE(LanguageDetector::fromPath(QStringLiteral("dir/file.") + ext), id);
        QCOMPARE(LanguageDetector::fromPath(QStringLiteral("FILE.") + ext.toUpper()), id);
    }
    for (const QString &name : Languages::split(info.fileNames))
        QCOMPARE(LanguageDetector::fromPath(QStringLiteral("some/dir/") + name), id);
    for (const QString &prefix : Languages::split(info.namePrefixes))
        QCOMPARE(LanguageDetector::fromPath(prefix + QStringLiteral("prod")), id);
    QCOMPARE(LanguageDetector::fromFenceTag(id), id);
    for (const QString &tag : Languages::split(info.fenceTags)) {
        QCOMPARE(LanguageDetector::fromFenceTag(tag), id);
        QCOMPARE(LanguageDetector::fromFenceTag(tag + QStringLiteral(" title=x")), id);
    }
    for (const QString &other : Languages::split(info.relatives))
        QVERIFY2(Languages::find(other), qPrintable(other));
}

void LanguagesTest::noWordIsClaimedTwice()
{
    QHash<QString, QString> extensions;
    QHash<QString, QString> names;
    QHash<QString, QString> tags;
    const auto claim = [](QHash<QString, QString> &seen, const QString &word, const QString &id) {
        const QString before = seen.value(word);
        QVERIFY2(before.isEmpty(),
                 qPrintable(QStringLiteral("%1 claimed by %2 and %3").arg(word, before, id)));
        seen.insert(word, id);
    };
    for (const LanguageInfo &info : Languages::all()) {
        claim(tags, info.id, info.id);
        for (const QString &ext : Languages::split(info.extensions))
            claim(extensions, ext, info.id);
        for (const QString &name : Languages::split(info.fileNames))
            claim(names, name, info.id);
        for (const QString &tag : Languages::split(info.fenceTags))
            claim(tags, tag, info.id);
    }
    QVERIFY(!extensions.isEmpty());
}

void LanguagesTest::relativesAreMutual()
{
    for (int a = 0; a < Lang::Count; ++a) {
        QVERIFY(Languages::related(a, a));
        for (int b = 0; b < Lang::Count; ++b)
            QCOMPARE(Languages::related(a, b), Languages::related(b, a));
    }
    QVERIFY(Languages::related(Lang::JavaScript, Lang::TypeScript));
    QVERIFY(Languages::related(Lang::C, Lang::Cpp));
    QVERIFY(!Languages::related(Lang::Sql, Lang::Python));
}

void LanguagesTest::unknownIds()
{
    QVERIFY(!Languages::find(u"cobol"));
    QCOMPARE(Languages::indexOf(u"cobol"), -1);
    QCOMPARE(Languages::displayName(QStringLiteral("cobol")), QStringLiteral("cobol"));
    QVERIFY(Languages::parserOf(u"cobol") == LanguageParser::None);
    QCOMPARE(LanguageDetector::fromPath(QStringLiteral("notes.cobol")),
             QStringLiteral("plaintext"));
    QCOMPARE(LanguageDetector::fromFenceTag(QStringLiteral("cobol")),
             QStringLiteral("plaintext"));
}

QTEST_GUILESS_MAIN(LanguagesTest)
#include "languages_test.moc"
