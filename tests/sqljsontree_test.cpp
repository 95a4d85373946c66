// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/sqlanalysis.h"
#include "diagnostics/sqljsontree.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace verdict;

// SqlJsonTree must read what QJsonDocument reads (the SQL lint rules moved from one to the
// other with identical output): every text is compared value by value with Qt's tree, and a
// text Qt rejects must be rejected.
class SqlJsonTreeTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsQt_data();
    void sameAsQt();
    void refusesWhatIsNotJson_data();
    void refusesWhatIsNotJson();
    void parseTreesOfFixtures_data();
    void parseTreesOfFixtures();
    void lookups();
    void reusedTreeForgetsTheLastText();
    void statementsAndTheirNodeNames_data();
    void statementsAndTheirNodeNames();
};

namespace {

// Whether two values of one tree read alike (without recursing: deep texts are tested).
bool sameNode(const SqlJsonTree::Value &a, const SqlJsonTree::Value &b)
{
    return a.isUndefined() == b.isUndefined() && a.isObject() == b.isObject()
           && a.isArray() == b.isArray() && a.isString() == b.isString()
           && a.isNumber() == b.isNumber() && a.size() == b.size()
           && a.toString() == b.toString() && a.toInt() == b.toInt();
}

// Empty when `mine` holds what `qt` holds, else the path where they differ.
QString difference(const QJsonValue &qt, const SqlJsonTree::Value &mine, const QString &path)
{
    if (qt.isObject()) {
        if (!mine.isObject())
            return path + QStringLiteral(": not an object");
        const QJsonObject o = qt.toObject();
        QStringList keys;
        QString diff;
        mine.forEachMember([&](const QString &key, const SqlJsonTree::Value &v) {
            keys << key;
            if (diff.isEmpty())
                diff = difference(o.value(key), v, path + QLatin1Char('.') + key);
            // Lookups by name (Latin-1 names, as QJsonObject::value(QLatin1String)).
            const QByteArray latin = key.toLatin1();
            if (QString::fromLatin1(latin) != key)
                return;
            if (diff.isEmpty() && !mine.contains(QLatin1String(latin)))
                diff = path + QStringLiteral(": contains() misses ") + key;
            if (diff.isEmpty() && !sameNode(mine.value(QLatin1String(latin)), v))
                diff = path + QStringLiteral(": value() differs for ") + key;
        });
        keys.sort();
        if (diff.isEmpty() && keys != o.keys())
            diff = path + QStringLiteral(": keys ") + keys.join(QLatin1Char(','))
                   + QStringLiteral(" vs ") + o.keys().join(QLatin1Char(','));
        return diff;
    }
    if (qt.isArray()) {
        const QJsonArray a = qt.toArray();
        if (!mine.isArray() || mine.size() != a.size())
            return path + QStringLiteral(": not an array of %1").arg(a.size());
        int i = 0;
        SqlJsonTree::Value first;
        SqlJsonTree::Value last;
        for (const SqlJsonTree::Value v : mine) {
            const QString d = difference(a.at(i), v, path + QStringLiteral("[%1]").arg(i));
            if (!d.isEmpty())
                return d;
            if (i == 0)
                first = v;
            last = v;
            ++i;
        }
        if (i != a.size())
            return path + QStringLiteral(": iterated %1 elements").arg(i);
        if (!sameNode(mine.first(), first) || !sameNode(mine.last(), last))
            return path + QStringLiteral(": first() or last() differs");
        return {};
    }
    // Scalars: the accessors the rules use answer as QJsonValue's do, for every type.
    if (mine.isObject() || mine.isArray() || mine.isUndefined())
        return path + QStringLiteral(": not a scalar");
    if (qt.isString() != mine.isString() || qt.isDouble() != mine.isNumber())
        return path + QStringLiteral(": scalar type differs");
    if (qt.toString() != mine.toString())
        return path + QStringLiteral(": string '%1' vs '%2'").arg(qt.toString(), mine.toString());
    if (qt.toInt() != mine.toInt())
        return path + QStringLiteral(": int %1 vs %2").arg(qt.toInt()).arg(mine.toInt());
    return {};
}

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + "1" + QByteArray(depth, ']');
}

} // namespace

void SqlJsonTreeTest::sameAsQt_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("blank around") << QByteArray(" \n\t{ \"a\" : [ 1 , 2 ] }\r\n ");
    QTest::newRow("scalars")
        << QByteArray(R"({"s":"x","i":42,"n":-7,"t":true,"f":false,"z":null,"e":""})");
    QTest::newRow("numbers as QJsonValue::toInt reads them")
        << QByteArray(R"([0,-0,2147483647,-2147483648,2147483648,-2147483649,)"
                      R"(99999999999999999999,1.5,2.0,1e3,-1E+2,25e-1,0.0,1e400])");
    QTest::newRow("escapes") << QByteArray(R"({"q":"a\"b\\c\/d\b\f\n\r\te","k\"ey":1})");
    QTest::newRow("unicode escapes")
        << QByteArray(R"(["\u00e9\u0000x","\ud83d\ude00","\ud800 lone","\uDC00","\u20AC"])");
    QTest::newRow("raw UTF-8") << QString::fromUtf8("{\"rel\":\"Bestellung_ö\",\"€\":\"😀\"}")
                                      .toUtf8();
    QTest::newRow("escaped key lookup") << QByteArray(R"({"\u0072elname":"t","relname2":2})");
    QTest::newRow("Latin-1 key, escaped") << QByteArray(R"({"caf\u00e9":1,"cafe":2})");
    QTest::newRow("Latin-1 key, raw") << QString::fromUtf8("{\"café\":1,\"cafe\":2}").toUtf8();
    QTest::newRow("nested")
        << QByteArray(R"({"a":{"b":[{"c":[]},{"d":{}}],"e":[[1],[2,[3]]]},"f":"g"})");
    QTest::newRow("deep, within Qt's limit") << nested(1000);
    QTest::newRow("objects deeper than the plain depth")
        << QByteArray(QByteArray(100, 'x').replace("x", "{\"a\":") + "1"
                      + QByteArray(100, '}'));
    // Texts Qt rejects: rejected here too (and these are the cases QJsonDocument is asked).
    QTest::newRow("too deep for Qt") << nested(1100);
    QTest::newRow("invalid UTF-8 in a string") << QByteArray("{\"a\":\"\xff\xfe\"}");
    QTest::newRow("overlong UTF-8") << QByteArray("{\"a\":\"\xc0\xaf\"}");
    QTest::newRow("UTF-8 surrogate") << QByteArray("{\"a\":\"\xed\xa0\x80\"}");
    QTest::newRow("truncated") << QByteArray(R"({"a":[1,2)");
    QTest::newRow("trailing text") << QByteArray(R"({"a":1} x)");
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})");
    QTest::newRow("bare word") << QByteArray(R"({"a":nope})");
    QTest::newRow("short unicode escape") << QByteArray(R"({"a":"\u12"})");
    QTest::newRow("leading zero") << QByteArray(R"([01])");
    QTest::newRow("scalar root") << QByteArray(R"("text")");
    QTest::newRow("nothing") << QByteArray("");
}

void SqlJsonTreeTest::sameAsQt()
{
    QFETCH(QByteArray, json);
    const QJsonDocument qt = QJsonDocument::fromJson(json);
    SqlJsonTree tree;
    const bool parsed = tree.parse(json);
    QCOMPARE(parsed, !qt.isNull());
    if (!parsed) {
        QVERIFY(tree.root().isUndefined());
        QVERIFY(!tree.root().value(QLatin1String("a")).isObject());
        return;
    }
    const QJsonValue root =
        qt.isObject() ? QJsonValue(qt.object()) : QJsonValue(qt.array());
    QCOMPARE(difference(root, tree.root(), QStringLiteral("$")), QString());
}

// Not JSON, and never written by libpg_query; Qt 5 reads these leniently, this reader
// refuses them.
void SqlJsonTreeTest::refusesWhatIsNotJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("bad escape") << QByteArray(R"({"a":"\x"})");
    QTest::newRow("raw control character") << QByteArray("{\"a\":\"x\ny\"}");
    QTest::newRow("bad number") << QByteArray(R"([1.])");
}

void SqlJsonTreeTest::refusesWhatIsNotJson()
{
    QFETCH(QByteArray, json);
    SqlJsonTree tree;
    QVERIFY(!tree.parse(json));
    QVERIFY(tree.root().isUndefined());
}

// The trees libpg_query writes for every SQL fixture of the checkers' tests, statement by
// statement, as the rules read them.
void SqlJsonTreeTest::parseTreesOfFixtures_data()
{
    QTest::addColumn<QString>("path");
    int rows = 0;
    for (const QString &dir : {QStringLiteral("sqllint"), QStringLiteral("sqlsyntax"),
                               QStringLiteral("destructivesql"), QStringLiteral("secret")}) {
        const QDir d(QStringLiteral(VERDICT_TEST_DATA "/diagnostics/") + dir);
        for (const QString &f : d.entryList({QStringLiteral("*.sql")}, QDir::Files)) {
            QTest::newRow(qPrintable(dir + QLatin1Char('/') + f)) << d.filePath(f);
            ++rows;
        }
    }
    QVERIFY(rows >= 10);
}

void SqlJsonTreeTest::parseTreesOfFixtures()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto sql = SqlAnalysis::analyze(QString::fromUtf8(f.readAll()));
    SqlJsonTree tree; // reused across statements, as the lint rules do
    for (const SqlAnalysis::Statement &s : sql->statements()) {
        QVERIFY2(tree.parse(s.json), s.json.constData());
        const QJsonObject qt = QJsonDocument::fromJson(s.json).object();
        QCOMPARE(difference(qt, tree.root(), s.type), QString());
    }
}

namespace {

// Every string of a JSON value ending in "Stmt", keys and values, sorted.
void stmtStrings(const QJsonValue &v, QStringList *out)
{
    const auto note = [out](const QString &s) {
        if (s.endsWith(QLatin1String("Stmt")))
            *out << s;
    };
    if (v.isString()) {
        note(v.toString());
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            stmtStrings(e, out);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            note(it.key());
            stmtStrings(it.value(), out);
        }
    }
}

} // namespace

// SqlAnalysis cuts libpg_query's JSON into statements and lists each one's strings ending in
// "Stmt" (the node names destructive-sql looks for) without decoding it. Each statement's
// text must be one whole {"stmt": ...} object, and its names those Qt's decoding finds, for
// the SQL fixtures and for texts whose names and literals hold what the cut looks for.
void SqlJsonTreeTest::statementsAndTheirNodeNames_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("statements");
    for (const QString &dir : {QStringLiteral("sqllint"), QStringLiteral("sqlsyntax"),
                               QStringLiteral("destructivesql"), QStringLiteral("secret")}) {
        const QDir d(QStringLiteral(VERDICT_TEST_DATA "/diagnostics/") + dir);
        for (const QString &f : d.entryList({QStringLiteral("*.sql")}, QDir::Files)) {
            QFile file(d.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QTest::newRow(qPrintable(dir + QLatin1Char('/') + f))
                << QString::fromUtf8(file.readAll()) << -1;
        }
    }
    QTest::newRow("marks in a quoted name")
        << QStringLiteral("CREATE TABLE \"x{\"\"stmt\"\":y\" (id int PRIMARY KEY);\n"
                          "DROP TABLE \"DeleteStmt\"\"\";")
        << 2;
    QTest::newRow("marks in literals")
        << QStringLiteral("SELECT '},{\"stmt\":{\"DropStmt\":{}}' AS \"UpdateStmt\";\n"
                          "SELECT 'ends with a backslash\\' AS a, 'TruncateStmt\"' AS b;\n"
                          "SELECT E'\\\\\"DeleteStmt\"' AS c;")
        << 3;
    QTest::newRow("nested statements")
        << QStringLiteral("WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone;\n"
                          "EXPLAIN ANALYZE UPDATE t SET a = 1;\n"
                          "CREATE RULE r AS ON INSERT TO t DO INSTEAD DELETE FROM u;")
        << 3;
    QTest::newRow("non-ASCII names")
        << QStringLiteral("CREATE TABLE caf\u00e9 (\u00e9t\u00e9 text);\n"
                          "ALTER TABLE caf\u00e9 DROP COLUMN \u00e9t\u00e9;")
        << 2;
    QTest::newRow("comments only") << QStringLiteral("-- nothing to run\n/* at all */") << 0;
}

void SqlJsonTreeTest::statementsAndTheirNodeNames()
{
    QFETCH(QString, sql);
    QFETCH(int, statements);
    const auto analysis = SqlAnalysis::analyze(sql);
    if (statements >= 0) {
        QVERIFY(analysis->errors().empty());
        QCOMPARE(int(analysis->statements().size()), statements);
    }
    for (const SqlAnalysis::Statement &s : analysis->statements()) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(s.json, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, s.json.constData());
        QVERIFY(doc.object().contains(QLatin1String("stmt")));
        QStringList expected;
        stmtStrings(doc.object(), &expected);
        expected.sort();
        QStringList names;
        for (const QByteArray &n : s.stmtNames)
            names << QJsonDocument::fromJson("[\"" + n + "\"]").array().first().toString();
        names.sort();
        QCOMPARE(names, expected);
    }
}

void SqlJsonTreeTest::lookups()
{
    SqlJsonTree tree;
    QVERIFY(tree.parse(R"({"stmt":{"CreateStmt":{"relation":{"relname":"t","location":14},)"
                       R"("tableElts":[{"ColumnDef":{"colname":"a"}},{"Constraint":{}}]}}})"));
    const auto create = tree.root().value(QLatin1String("stmt")).value(QLatin1String("CreateStmt"));
    QVERIFY(create.isObject());
    QCOMPARE(create.value(QLatin1String("relation")).value(QLatin1String("relname")).toString(),
             QStringLiteral("t"));
    QCOMPARE(create.value(QLatin1String("relation")).value(QLatin1String("location")).toInt(), 14);
    // A key is matched whole, not as a prefix or at another depth.
    QVERIFY(!create.contains(QLatin1String("relatio")));
    QVERIFY(!create.contains(QLatin1String("relname")));
    QVERIFY(!create.contains(QLatin1String("ColumnDef")));
    const auto elts = create.value(QLatin1String("tableElts"));
    QCOMPARE(elts.size(), 2);
    QVERIFY(elts.first().contains(QLatin1String("ColumnDef")));
    QVERIFY(elts.last().contains(QLatin1String("Constraint")));
    // Absent and mistyped values read as QJsonValue's do: empty, 0, no elements.
    const auto missing = create.value(QLatin1String("nope"));
    QVERIFY(missing.isUndefined());
    QCOMPARE(missing.toString(), QString());
    QCOMPARE(missing.toInt(), 0);
    QVERIFY(missing.isEmpty());
    QVERIFY(missing.first().isUndefined());
    QCOMPARE(create.value(QLatin1String("relation")).toString(), QString());
    QCOMPARE(create.value(QLatin1String("relation")).size(), 0);
    QVERIFY(!(missing.begin() != missing.end()));
}

void SqlJsonTreeTest::reusedTreeForgetsTheLastText()
{
    SqlJsonTree tree;
    QVERIFY(tree.parse(R"({"a":{"b":1}})"));
    QVERIFY(!tree.parse(R"({"a":)"));
    QVERIFY(tree.root().isUndefined());
    QVERIFY(tree.parse(R"({"c":2})"));
    QVERIFY(!tree.root().contains(QLatin1String("a")));
    QCOMPARE(tree.root().value(QLatin1String("c")).toInt(), 2);
}

QTEST_GUILESS_MAIN(SqlJsonTreeTest)
#include "sqljsontree_test.moc"
