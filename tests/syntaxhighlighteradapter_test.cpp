// SPDX-License-Identifier: GPL-3.0-or-later
#include "syntaxhighlighteradapter.h"

#include "report/languages.h"

#include <QApplication>
#include <QSyntaxHighlighter>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace verdict;

class SyntaxHighlighterAdapterTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void definition_data();
    void definition();
    void everyLanguageHasItsDefinition_data();
    void everyLanguageHasItsDefinition();
    void oneHighlighterPerDocument();
    void themeFollowsPalette();
    void versionMatchesQt();
};

void SyntaxHighlighterAdapterTest::definition_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");

    // Given a file name, the name wins (CodeView leaves it out when the content is
    // confidently another language, as in sample 003).
    QTest::newRow("sql by extension") << QStringLiteral("generated_1.sql")
                                      << QStringLiteral("python") << QStringLiteral("SQL");
    QTest::newRow("python by extension")
        << QStringLiteral("app/models.py") << QStringLiteral("plaintext")
        << QStringLiteral("Python");
    QTest::newRow("no extension: detected language")
        << QStringLiteral("setup") << QStringLiteral("bash") << QStringLiteral("Bash");
    QTest::newRow("dockerfile by name") << QStringLiteral("Dockerfile")
                                        << QStringLiteral("dockerfile")
                                        << QStringLiteral("Dockerfile");
    QTest::newRow("unknown stays plain") << QStringLiteral("notes.zzz")
                                         << QStringLiteral("plaintext") << QString();
}

void SyntaxHighlighterAdapterTest::definition()
{
    QFETCH(QString, fileName);
    QFETCH(QString, language);
    QFETCH(QString, expected);
    QCOMPARE(SyntaxHighlighterAdapter::definitionName(fileName, language), expected);
}

// The language table names a KSyntaxHighlighting definition per language: each must exist
// in the installed repository (KF5 and KF6 alike), or that language would show plain.
void SyntaxHighlighterAdapterTest::everyLanguageHasItsDefinition_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("definition");
    for (const LanguageInfo &info : Languages::all())
        QTest::newRow(info.id.data()) << QString(info.id) << QString(info.highlighterDefinition);
}

void SyntaxHighlighterAdapterTest::everyLanguageHasItsDefinition()
{
    QFETCH(QString, language);
    QFETCH(QString, definition);
    // No file name: the language alone decides.
    QCOMPARE(SyntaxHighlighterAdapter::definitionName(QString(), language), definition);
    if (language != Languages::plainTextId())
        QVERIFY(!definition.isEmpty());
}

void SyntaxHighlighterAdapterTest::oneHighlighterPerDocument()
{
    QTextDocument doc;
    doc.documentLayout(); // without a layout a document reports no changes to highlighters
    const QPalette palette = QApplication::palette();
    SyntaxHighlighterAdapter::attach(&doc, QStringLiteral("a.py"), QStringLiteral("python"),
                                     palette);
    SyntaxHighlighterAdapter::attach(&doc, QStringLiteral("a.sql"), QStringLiteral("sql"),
                                     palette);
    QCOMPARE(doc.findChildren<QSyntaxHighlighter *>().size(), 1);
    doc.setPlainText(QStringLiteral("DELETE FROM users;"));
    QVERIFY(!doc.firstBlock().layout()->formats().isEmpty());
    // A file with no definition drops the highlighter: plain text again.
    SyntaxHighlighterAdapter::attach(&doc, QStringLiteral("a.zzz"), QStringLiteral("plaintext"),
                                     palette);
    QCOMPARE(doc.findChildren<QSyntaxHighlighter *>().size(), 0);
}

void SyntaxHighlighterAdapterTest::themeFollowsPalette()
{
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1f, 0x22, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2e, 0x33));
    const auto l = SyntaxHighlighterAdapter::editorColors(light);
    const auto d = SyntaxHighlighterAdapter::editorColors(dark);
    QVERIFY(l.fromTheme);
    QVERIFY2(l.background.lightness() > 128, "light palette, light editor");
    QVERIFY2(d.background.lightness() < 128, "dark palette, dark editor");
    QVERIFY(l.error.isValid() && l.warning.isValid() && l.info.isValid());
    QVERIFY(l.error != l.warning);
}

// Qt 6 pairs with KF6 and Qt 5 with KF5 (CMake cannot mix them): --version says which.
void SyntaxHighlighterAdapterTest::versionMatchesQt()
{
    const QString version = SyntaxHighlighterAdapter::libraryVersion();
    QVERIFY2(version.startsWith(QStringLiteral("KF%1 SyntaxHighlighting %1.")
                                    .arg(QT_VERSION_MAJOR)),
             qPrintable(version));
}

QTEST_MAIN(SyntaxHighlighterAdapterTest)
#include "syntaxhighlighteradapter_test.moc"
