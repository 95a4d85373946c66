// SPDX-License-Identifier: GPL-3.0-or-later
#include "syntaxhighlighteradapter.h"

#include "report/languages.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextBlock>
#include <QTextDocument>

#include <algorithm>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <ksyntaxhighlighting_version.h>

namespace verdict {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

SyntaxHighlighterAdapter::EditorColors paletteColors(const QPalette &palette)
{
    SyntaxHighlighterAdapter::EditorColors c;
    const bool dark = isDark(palette);
    c.background = palette.color(QPalette::Base);
    c.foreground = palette.color(QPalette::Text);
    c.gutterBackground = palette.color(QPalette::Window);
    c.lineNumber = palette.color(QPalette::Disabled, QPalette::Text);
    c.currentLineNumber = palette.color(QPalette::Text);
    c.separator = palette.color(QPalette::Mid);
    c.error = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd3, 0x2f, 0x2f);
    c.warning = dark ? QColor(0xf6, 0xc3, 0x43) : QColor(0xc7, 0x7c, 0x02);
    c.info = dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x1e, 0x6f, 0xd9);
    return c;
}

// One repository for the whole process: loading definitions is expensive.
KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

// Language id -> KSyntaxHighlighting definition name, from the language table.
QString definitionNameForLanguage(const QString &language)
{
    const LanguageInfo *info = Languages::find(language);
    return info ? QString(info->highlighterDefinition) : QString();
}

KSyntaxHighlighting::Definition definitionFor(const QString &fileName, const QString &language)
{
    auto def = repository().definitionForFileName(QFileInfo(fileName).fileName());
    if (!def.isValid()) {
        const QString name = definitionNameForLanguage(language);
        if (!name.isEmpty())
            def = repository().definitionForName(name);
    }
    return def;
}

// Colours the first lines only (kMaxColouredLines, kMaxColouredChars). Qt still visits
// every block, but a skipped block costs microseconds where colouring it cost tens.
class BoundedHighlighter final : public KSyntaxHighlighting::SyntaxHighlighter
{
public:
    using KSyntaxHighlighting::SyntaxHighlighter::SyntaxHighlighter;

protected:
    void highlightBlock(const QString &text) override
    {
        const QTextBlock block = currentBlock();
        if (block.blockNumber() >= SyntaxHighlighterAdapter::kMaxColouredLines
            || block.position() >= SyntaxHighlighterAdapter::kMaxColouredChars)
            return;
        KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
    }
};

KSyntaxHighlighting::SyntaxHighlighter *highlighterOf(QTextDocument *document)
{
    return document->findChild<KSyntaxHighlighting::SyntaxHighlighter *>(
        QString(), Qt::FindDirectChildrenOnly);
}

} // namespace

QString SyntaxHighlighterAdapter::libraryVersion()
{
    // KF6 renamed the version macros.
#ifdef KSYNTAXHIGHLIGHTING_VERSION_STRING
    return QStringLiteral("KF6 SyntaxHighlighting " KSYNTAXHIGHLIGHTING_VERSION_STRING);
#else
    return QStringLiteral("KF5 SyntaxHighlighting " SyntaxHighlighting_VERSION_STRING);
#endif
}

QString SyntaxHighlighterAdapter::attach(QTextDocument *document, const QString &fileName,
                                         const QString &language, const QPalette &palette)
{
    if (!document)
        return {};
    const auto def = definitionFor(fileName, language);
    auto *highlighter = highlighterOf(document);
    if (!def.isValid()) {
        if (highlighter) { // plain text from now on
            highlighter->setDocument(nullptr);
            highlighter->setParent(nullptr);
            highlighter->deleteLater();
        }
        return {};
    }
    if (!highlighter)
        highlighter = new BoundedHighlighter(document);
    highlighter->setTheme(repository().themeForPalette(palette));
    highlighter->setDefinition(def);
    highlighter->rehighlight();
    return def.name();
}

void SyntaxHighlighterAdapter::setPalette(QTextDocument *document, const QPalette &palette)
{
    if (auto *highlighter = document ? highlighterOf(document) : nullptr) {
        const auto theme = repository().themeForPalette(palette);
        if (highlighter->theme().name() != theme.name()) {
            highlighter->setTheme(theme);
            highlighter->rehighlight();
        }
    }
}

int SyntaxHighlighterAdapter::colouredLineCount(const QTextDocument *document)
{
    if (!document)
        return 0;
    int lines = std::min(document->blockCount(), kMaxColouredLines);
    if (document->characterCount() > kMaxColouredChars) {
        const QTextBlock last = document->findBlock(kMaxColouredChars);
        lines = std::min(lines, last.blockNumber() + (last.position() < kMaxColouredChars));
    }
    return lines;
}

QString SyntaxHighlighterAdapter::definitionName(const QString &fileName,
                                                 const QString &language)
{
    const auto def = definitionFor(fileName, language);
    return def.isValid() ? def.name() : QString();
}

SyntaxHighlighterAdapter::EditorColors SyntaxHighlighterAdapter::editorColors(
    const QPalette &palette)
{
    EditorColors c = paletteColors(palette);
    using KSyntaxHighlighting::Theme;
    const Theme theme = repository().themeForPalette(palette);
    if (!theme.isValid())
        return c;
    auto color = [&theme](Theme::EditorColorRole role) {
        return QColor::fromRgba(theme.editorColor(role));
    };
    c.background = color(Theme::BackgroundColor);
    c.foreground = QColor::fromRgba(theme.textColor(Theme::Normal));
    c.gutterBackground = color(Theme::IconBorder);
    c.lineNumber = color(Theme::LineNumbers);
    c.currentLineNumber = color(Theme::CurrentLineNumber);
    c.separator = color(Theme::Separator);
    // Theme mark colours are meant as backgrounds and some are unfit for a wavy line
    // (Breeze Light's MarkWarning is pure green): keep them only when they read as
    // red / amber, else the fixed fallbacks stay. Themes have no "info" colour.
    const QColor error = color(Theme::MarkError);
    const QColor warning = color(Theme::MarkWarning);
    const int errorHue = error.hsvHue();
    const int warningHue = warning.hsvHue();
    if (errorHue >= 0 && (errorHue <= 15 || errorHue >= 340))
        c.error = error;
    if (warningHue >= 20 && warningHue <= 55)
        c.warning = warning;
    c.fromTheme = true;
    return c;
}

} // namespace verdict
