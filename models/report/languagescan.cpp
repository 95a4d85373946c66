// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/languagescan.h"

namespace verdict::LanguageScan {

quint32 features(QStringView t)
{
    quint32 f = 0;
    int bold = 0;
    const qsizetype size = t.size();
    const QChar *p = t.data();
    for (qsizetype i = 0; i < size; ++i) {
        const QStringView r = t.mid(i);
        switch (p[i].unicode()) {
        case u'"':
            if (starts(r, "\"\"\"")) f |= FTriple;
            break;
        case u'\'':
            if (starts(r, "'''")) f |= FTriple;
            break;
        case u's':
            if (starts(r, "self.")) f |= FSelf;
            else if (starts(r, "std::")) f |= FCpp;
            else if (starts(r, "sizeof(")) f |= FC;
            break;
        case u'(':
            f |= FParen;
            if (starts(r, "(self")) f |= FSelf;
            break;
        case u'$':
            if (starts(r, "$(") || starts(r, "${")) f |= FDollar;
            break;
        case u'|':
            if (starts(r, "| grep") || starts(r, "| xargs") || starts(r, "| awk")) f |= FPipe;
            break;
        case u'2':
            if (starts(r, "2>&1")) f |= FPipe;
            break;
        case u'>':
            if (starts(r, ">/dev/null") || starts(r, "> /dev/null")) f |= FPipe;
            break;
        case u'r':
            if (starts(r, "require(")) f |= FJs;
            break;
        case u'p':
            if (starts(r, "process.env")) f |= FJs;
            else if (starts(r, "println!(")) f |= FRust;
            else if (starts(r, "printf(")) f |= FC;
            else if (starts(r, "public static void main")) f |= FJavaMain;
            break;
        case u'=':
            f |= FEq;
            if (starts(r, "=== ")) f |= FJs;
            else if (starts(r, "=> ") || r == QLatin1String("=>")) f |= FArrow;
            break;
        case u'!':
            if (starts(r, "!== ")) f |= FJs;
            else if (starts(r, "!= nil")) f |= FGoErr;
            break;
        case u':':
            if (starts(r, ": string") || starts(r, ": number") || starts(r, ": boolean")
                || starts(r, ": any"))
                f |= FTsType;
            else if (starts(r, ":= ")) f |= FGo;
            break;
        case u')':
            if (starts(r, "): void")) f |= FTsType;
            break;
        case u'<':
            if (starts(r, "<string>")) f |= FTsType;
            break;
        case u'a':
            if (starts(r, "as const")) f |= FTsType;
            break;
        case u'f':
            if (starts(r, "fmt.")) f |= FGo;
            else if (starts(r, "format!(")) f |= FRust;
            else if (starts(r, "free(")) f |= FC;
            break;
        case u'v':
            if (starts(r, "vec![")) f |= FRust;
            break;
        case u'&':
            if (starts(r, "&mut ") || starts(r, "&self")) f |= FRust;
            break;
        case u'u':
            if (starts(r, "unwrap()")) f |= FRust;
            break;
        case u'S':
            if (starts(r, "System.out.")) f |= FJava;
            break;
        case u't':
            if (starts(r, "throws ")) f |= FJava;
            break;
        case u'c':
            if (starts(r, "cout <<")) f |= FCpp;
            break;
        case u'n':
            if (starts(r, "nullptr")) f |= FCpp;
            break;
        case u'm':
            if (starts(r, "malloc(")) f |= FC;
            break;
        case u'*':
            if (starts(r, "**") && ++bold == 2) f |= FBold;
            break;
        default:
            break;
        }
    }
    return f;
}

} // namespace verdict::LanguageScan
