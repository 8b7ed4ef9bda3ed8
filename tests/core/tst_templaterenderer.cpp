#include "core/template/templaterenderer.h"

#include <QTest>

using namespace Knot;

class TestTemplateRenderer : public QObject
{
    Q_OBJECT

private:
    static QVariantMap data()
    {
        return {
            {QStringLiteral("space"),
             QVariantMap {{QStringLiteral("id"), QStringLiteral("1234-abcd")},
                          {QStringLiteral("name"), QStringLiteral("Dev-Box")},
                          {QStringLiteral("first_boot"), true}}},
            {QStringLiteral("template"),
             QVariantMap {{QStringLiteral("id"), QStringLiteral("t-1")},
                          {QStringLiteral("name"), QStringLiteral("Ubuntu")}}},
            {QStringLiteral("user"),
             QVariantMap {{QStringLiteral("username"), QStringLiteral("alice")},
                          {QStringLiteral("email"), QStringLiteral("alice@example.com")},
                          {QStringLiteral("timezone"), QStringLiteral("Europe/London")},
                          {QStringLiteral("service_password"), QStringLiteral("p\"w<&>")}}},
            {QStringLiteral("custom"), QVariantMap {{QStringLiteral("project"), QStringLiteral("knot")}}},
            {QStringLiteral("var"), QVariantMap {{QStringLiteral("registry"), QStringLiteral("reg.example.com")}}},
        };
    }

    static RenderResult render(const QString& source)
    {
        return TemplateRenderer(data(), {QStringLiteral("custom")}).render(source, QStringLiteral("job"));
    }

    static QString errorsOf(const RenderResult& result)
    {
        QStringList lines;
        for (const auto& d : result.diagnostics) {
            lines.append(d.toString());
        }
        return lines.join(u'\n');
    }

private Q_SLOTS:
    void rendersValues_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");

        auto row = [](const char* name, const char* source, const char* expected) {
            QTest::newRow(name) << QString::fromUtf8(source) << QString::fromUtf8(expected);
        };
        row("plain text", "image: ubuntu\n", "image: ubuntu\n");
        row("lone dollar and braces", "a ${b} {{c}} $ {", "a ${b} {{c}} $ {");
        row("field", "name: ${{ .space.name }}", "name: Dev-Box");
        row("no spaces", "${{.space.id}}-home", "1234-abcd-home");
        row("every group",
            "${{ .template.id }} ${{ .template.name }} ${{ .user.username }} ${{ .user.email }} ${{ .user.timezone }} "
            "${{ .var.registry }} ${{ .custom.project }}",
            "t-1 Ubuntu alice alice@example.com Europe/London reg.example.com knot");
        row("missing custom field is empty", "[${{ .custom.nothere }}]", "[]");
        row("bool", "${{ .space.first_boot }}", "true");
        row("toUpper pipeline", "${{ .space.name | toUpper }}", "DEV-BOX");
        row("toLower call", "${{ toLower .space.name }}", "dev-box");
        row("chained pipeline", "${{ .space.name | toLower | toUpper }}", "DEV-BOX");
        row("quote", "${{ quote .user.service_password }}", "p\\\"w<&>");
        row("quote pipeline", "\"${{ \"say \\\"hi\\\"\" | quote }}\"", "\"say \\\"hi\\\"\"");
        row("json string", "${{ json .user.service_password }}", "\"p\\\"w\\u003c\\u0026\\u003e\"");
        row("json newline", "${{ json \"a\\nb\\t\" }}", "\"a\\nb\\t\"");
        row("json bool", "${{ json .space.first_boot }}", "true");
        row("json map", "${{ json (map \"b\" 1 \"a\" \"x\") }}", "{\"a\":\"x\",\"b\":1}");
        row("json number", "${{ json 1.5 }}", "1.5");
        row("map print", "${{ map \"k\" .space.name \"n\" 2 }}", "map[k:Dev-Box n:2]");
        row("index map", "${{ index . \"space\" \"name\" }}", "Dev-Box");
        row("index built map", "${{ index (map \"a\" \"b\") \"a\" }}", "b");
        row("index open map", "[${{ index .custom \"other\" }}]", "[]");
        row("index string byte", "${{ index \"AB\" 1 }}", "66");
        row("printf s d", "${{ printf \"%s-%d\" .space.name 42 }}", "Dev-Box-42");
        row("printf v", "${{ printf \"%v %v %v\" .space.first_boot 7 \"x\" }}", "true 7 x");
        row("printf q", "${{ printf \"%q\" \"a\\\"b\\n\" }}", "\"a\\\"b\\n\"");
        row("printf x", "${{ printf \"%x %X %x\" 255 255 \"hi\" }}", "ff FF 6869");
        row("printf width", "${{ printf \"[%5s][%-4d][%05d]\" \"ab\" 7 -42 }}", "[   ab][7   ][-0042]");
        row("printf float", "${{ printf \"%.2f %v\" 3.14159 2.5 }}", "3.14 2.5");
        row("printf percent", "${{ printf \"100%%\" }}", "100%");
        row("printf bad verb", "${{ printf \"%d\" \"x\" }}", "%!d(string=x)");
        row("printf missing", "${{ printf \"%s %s\" \"a\" }}", "a %!s(MISSING)");
        row("printf extra", "${{ printf \"%s\" \"a\" 3 }}", "a%!(EXTRA int=3)");
        row("printf pipeline last arg", "${{ .space.name | printf \"<%s>\" }}", "<Dev-Box>");
        row("eq true", "${{ eq .space.name \"Dev-Box\" }}", "true");
        row("eq false", "${{ eq 1 2 }}", "false");
        row("eq several", "${{ eq .template.name \"Debian\" \"Ubuntu\" }}", "true");
        row("ne lt", "${{ ne 1 2 }} ${{ lt 1 2 }} ${{ ge \"b\" \"a\" }}", "true true true");
        row("and or not", "${{ and 1 \"\" }}|${{ or \"\" \"y\" }}|${{ not .space.first_boot }}", "|y|false");
        row("len", "${{ len .space.name }}", "7");
        row("print", "${{ print 1 2 \"a\" 3 }}", "1 2a3");
        row("numbers", "${{ 0x1F }} ${{ -3 }} ${{ 1e3 }} ${{ 1_000 }}", "31 -3 1000 1000");
        row("raw string", "${{ `a\\n` }}", "a\\n");
        row("parentheses", "${{ printf \"%s/%s\" (toUpper .user.username) (.space.name | toLower) }}", "ALICE/dev-box");
        row("if true", "${{ if .space.first_boot }}init${{ end }}", "init");
        row("if false", "${{ if not .space.first_boot }}init${{ end }}", "");
        row("if else", "${{ if eq .space.name \"x\" }}a${{ else }}b${{ end }}", "b");
        row("else if", "${{ if eq 1 2 }}a${{ else if eq 1 1 }}b${{ else }}c${{ end }}", "b");
        row("else if falls to else", "${{ if false }}a${{ else if \"\" }}b${{ else }}c${{ end }}", "c");
        row("nested if", "${{ if true }}<${{ if false }}x${{ else }}y${{ end }}>${{ end }}", "<y>");
        row("truthiness", "${{ if 0 }}a${{ end }}${{ if \"x\" }}b${{ end }}${{ if .custom.nothere }}c${{ end }}", "b");
        row("map truthiness", "${{ if .custom }}yes${{ end }}", "yes");
        row("trim left", "a   \n  ${{- .space.id }}", "a1234-abcd");
        row("trim right", "${{ .space.id -}}  \n  b", "1234-abcdb");
        row("trim both in if", "x\n${{- if true -}}\n  y\n${{- end }}", "xy");
        row("negative number not trim", "${{-3}}", "-3");
        row("comment", "a${{/* note */}}b", "ab");
        row("trimmed comment", "a ${{- /* note */ -}} b", "ab");
        row("delimiters inside a string", "${{ printf \"}}%s${{\" \"x\" }}", "}}x${{");
        row("closing braces in text", "a }} b", "a }} b");
        row("string escapes", "${{ \"\\x41\\u00e9\\\\\\\"\" }}", "A\u00e9\\\"");
        row("nested parentheses",
            "${{ toUpper (printf \"%s-%s\" (toLower \"A\") (index (map \"k\" \"b\") \"k\")) }}",
            "A-B");
        row("newline inside action", "${{ printf \"%s\"\n  .space.name }}", "Dev-Box");
    }

    void rendersValues()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        const RenderResult result = render(source);
        QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
        QCOMPARE(result.text, expected);
        QVERIFY(!result.text.contains(QStringLiteral("<no value>")));
    }

    void reportsErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");

        auto row = [](const char* name, const char* source, int line, int column, const char* message) {
            QTest::newRow(name) << QString::fromUtf8(source) << line << column << QString::fromUtf8(message);
        };
        row("unknown field", "image: x\nname: ${{ .space.nmae }}\n", 2, 11, "unknown variable .space.nmae");
        row("unknown root", "${{ .foo }}", 1, 5, "unknown variable .foo");
        row("unknown var", "a\n\n  ${{ .var.nope }}", 3, 7, "unknown variable .var.nope");
        row("field of string", "${{ .space.name.first }}", 1, 5, ".space.name is a string, it has no field \"first\"");
        row("unknown in untaken branch",
            "${{ if false }}\n${{ .user.nmae }}\n${{ end }}",
            2,
            5,
            "unknown variable .user.nmae");
        row("unknown function", "x: ${{ frobnicate .space.name }}", 1, 8, "function \"frobnicate\" not defined");
        row("unknown function in pipe", "${{ .space.name |\n   upper }}", 2, 4, "function \"upper\" not defined");
        row("unterminated action", "a\nb ${{ .space.name\nc", 2, 3, "unterminated action");
        row("unterminated string", "${{ printf \"abc }}", 1, 12, "unterminated string");
        row("stray end", "a\n${{ end }}", 2, 5, "unexpected \"end\"");
        row("stray else", "${{ else }}", 1, 5, "unexpected \"else\"");
        row("unterminated if", "\n${{ if true }}x", 2, 5, "unterminated \"if\"");
        row("second else", "${{ if true }}${{ else }}${{ else }}${{ end }}", 1, 30, "second \"else\"");
        row("range", "${{ range .custom }}x${{ end }}", 1, 5, "\"range\" is not supported");
        row("with", "${{ with .space }}x${{ end }}", 1, 5, "\"with\" is not supported");
        row("define", "${{ define \"x\" }}x${{ end }}", 1, 5, "\"define\" is not supported");
        row("template", "${{ template \"x\" }}", 1, 5, "\"template\" is not supported");
        row("variable", "${{ $x := 1 }}", 1, 5, "variables ($x) are not supported");
        row("variable use", "${{ $ }}", 1, 5, "variables ($) are not supported");
        row("empty action", "${{ }}", 1, 1, "missing value for command");
        row("argument to field", "${{ .space.name 1 }}", 1, 5, "can't give argument to non-function");
        row("pipe into field", "${{ 1 | .space.name }}", 1, 9, "can't give argument to non-function");
        row("nil", "${{ nil }}", 1, 5, "nil is not a command");
        row("wrong arity", "${{ toUpper }}", 1, 5, "wrong number of args for toUpper: want 1 got 0");
        row("wrong type", "${{ toUpper .space.first_boot }}", 1, 5, "expected string; got bool");
        row("eq incompatible", "${{ eq \"1\" 1 }}", 1, 5, "incompatible types for comparison");
        row("map odd", "${{ map \"a\" }}", 1, 5, "key/value pairs");
        row("index missing key", "${{ index .space \"nmae\" }}", 1, 5, "map has no entry for key \"nmae\"");
        row("index out of range", "${{ index \"ab\" 5 }}", 1, 5, "index out of range: 5");
        row("unclosed paren", "${{ (toUpper .space.name }}", 1, 5, "unclosed left parenthesis");
        row("extra paren", "${{ .space.name) }}", 1, 16, "unexpected \")\"");
        row("unexpected character", "${{ .space.name ; }}", 1, 17, "unexpected \";\"");
        row("char literal", "${{ 'a' }}", 1, 5, "character literals are not supported");
        row("missing condition", "${{ if }}x${{ end }}", 1, 5, "missing condition in \"if\"");
        row("else if after else", "${{ if true }}${{ else }}${{ else if true }}${{ end }}", 1, 30, "second \"else\"");
        row("unterminated comment", "${{/* x }}", 1, 4, "unterminated comment");
        row("invalid escape", "${{ \"\\q\" }}", 1, 6, "invalid escape");
        row("trim marker needs a space", "${{-.space.id }}", 1, 4, "unexpected \"-\"");
        row("column after tab", "\t${{ .nope }}", 1, 6, "unknown variable .nope");
    }

    void reportsErrors()
    {
        QFETCH(QString, source);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const RenderResult result = render(source);
        QVERIFY(!result.ok());
        QVERIFY2(!result.diagnostics.isEmpty(), "no diagnostics");
        const Diagnostic& first = result.diagnostics.first();
        QVERIFY2(first.message.contains(message), qPrintable(errorsOf(result)));
        QCOMPARE(first.line, line);
        QCOMPARE(first.column, column);
        QCOMPARE(first.field, QStringLiteral("job"));
        QVERIFY(first.isError());
        QVERIFY(result.text.isEmpty());
    }

    void reportsEveryError()
    {
        const RenderResult result =
            render(QStringLiteral("a: ${{ .space.nmae }}\nb: ${{ nope 1 }}\nc: ${{ .user.x }}\n"));
        QCOMPARE(result.diagnostics.size(), 3);
        QCOMPARE(result.diagnostics.at(0).line, 1);
        QCOMPARE(result.diagnostics.at(1).line, 2);
        QCOMPARE(result.diagnostics.at(1).column, 8);
        QCOMPARE(result.diagnostics.at(2).line, 3);
    }

    void unknownNameNeverYieldsNoValue()
    {
        for (const char* source : {"${{ .space.missing }}", "${{ .missing.deeper }}", "${{ index .user \"x\" }}"}) {
            const RenderResult result = render(QString::fromUtf8(source));
            QVERIFY2(!result.ok(), source);
            QVERIFY(!result.text.contains(QStringLiteral("no value")));
        }
    }

    void keepsLineStructure()
    {
        const QString source = QStringLiteral("a: ${{ .space.name }}\n"
                                              "${{ if false }}\n"
                                              "dropped\n"
                                              "${{ end }}\n"
                                              "b: ${{ printf \"x\\ny\" }}\n"
                                              "c: 1\n");
        const RenderResult result = render(source);
        QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
        QCOMPARE(result.text, QStringLiteral("a: Dev-Box\n\nb: x\ny\nc: 1\n"));
        // Output lines: "a" (1), the line break after `end` (4), "b: x" (5), "y" (still 5: a value's
        // newline), "c" (6).
        QCOMPARE(result.sourceLine(1), 1);
        QCOMPARE(result.sourceLine(2), 4);
        QCOMPARE(result.sourceLine(3), 5);
        QCOMPARE(result.sourceLine(4), 5);
        QCOMPARE(result.sourceLine(5), 6);
    }

    void substitutionsKeepLines()
    {
        const QString source = QStringLiteral("one ${{ .space.id }}\ntwo ${{ .user.username | toUpper }}\nthree\n");
        const RenderResult result = render(source);
        QVERIFY(result.ok());
        QCOMPARE(result.text.count(u'\n'), source.count(u'\n'));
        for (int line = 1; line <= 3; ++line) {
            QCOMPARE(result.sourceLine(line), line);
        }
    }
};

QTEST_GUILESS_MAIN(TestTemplateRenderer)
#include "tst_templaterenderer.moc"
