#include "core/template/templatefunctions.h"

#include <QLocale>

#include <cmath>

namespace Knot {

namespace {

enum class Kind
{
    Nil,
    Bool,
    Int,
    Float,
    String,
    Map,
    List,
};

Kind kindOf(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return Kind::Nil;
    case QMetaType::Bool:
        return Kind::Bool;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return Kind::Int;
    case QMetaType::Double:
    case QMetaType::Float:
        return Kind::Float;
    case QMetaType::QVariantMap:
        return Kind::Map;
    case QMetaType::QVariantList:
    case QMetaType::QStringList:
        return Kind::List;
    default:
        return Kind::String;
    }
}

Error wrongArgs(const QString& name, const QString& want, qsizetype got)
{
    return Error::invalid(QStringLiteral("wrong number of args for %1: want %2 got %3").arg(name, want).arg(got));
}

Result<QString> stringArg(const QString& name, const QVariant& value)
{
    if (kindOf(value) != Kind::String) {
        return Error::invalid(QStringLiteral("wrong type for value of %1; expected string; got %2")
                                  .arg(name, TemplateFunctions::typeName(value)));
    }
    return value.toString();
}

// Go's shortest float rendering: exponent form outside [1e-4, 1e6) for fmt's %v and %g, outside
// [1e-6, 1e21) for encoding/json.
QString formatFloat(double value, int lowExponent, int highExponent)
{
    if (std::isinf(value)) {
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    }
    if (std::isnan(value)) {
        return QStringLiteral("NaN");
    }
    const QString scientific = QString::number(value, 'e', QLocale::FloatingPointShortest);
    const int e = scientific.indexOf(u'e');
    const int exponent = scientific.mid(e + 1).toInt();
    if (value != 0 && (exponent < lowExponent || exponent >= highExponent)) {
        QString mantissa = scientific.left(e);
        const QString exponentText = QString::number(std::abs(exponent)).rightJustified(2, u'0');
        return mantissa + u'e' + (exponent < 0 ? u'-' : u'+') + exponentText;
    }
    return QString::number(value, 'f', QLocale::FloatingPointShortest);
}

enum class QuoteStyle
{
    Go,   // strconv.Quote
    Json, // encoding/json with HTML escaping
};

QString quoted(const QString& text, QuoteStyle style)
{
    const bool json = style == QuoteStyle::Json;
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const char* escape = u == u'"'    ? "\\\""
                             : u == u'\\' ? "\\\\"
                             : u == u'\n' ? "\\n"
                             : u == u'\r' ? "\\r"
                             : u == u'\t' ? "\\t"
                             : u == u'\b' ? "\\b"
                             : u == u'\f' ? "\\f"
                             : json       ? nullptr
                             : u == 7     ? "\\a"
                             : u == u'\v' ? "\\v"
                                          : nullptr;
        if (escape) {
            out += QLatin1String(escape);
        } else if (json && (u < 0x20 || u == u'&' || u == u'<' || u == u'>' || u == 0x2028 || u == 0x2029)) {
            // Go's JSON escapes HTML-significant characters and the JavaScript line separators.
            out += QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, u'0');
        } else if (!json && (u < 0x20 || u == 0x7f)) {
            out += QStringLiteral("\\x") + QString::number(u, 16).rightJustified(2, u'0');
        } else {
            out += c;
        }
    }
    return out + u'"';
}

Result<int> compare(const QVariant& a, const QVariant& b, bool orderedOnly)
{
    const Kind ka = kindOf(a);
    const Kind kb = kindOf(b);
    const bool numeric = (ka == Kind::Int || ka == Kind::Float) && (kb == Kind::Int || kb == Kind::Float);
    if (ka != kb && !numeric) {
        return Error::invalid(QStringLiteral("incompatible types for comparison"));
    }
    if (ka == Kind::Map || ka == Kind::List || (orderedOnly && (ka == Kind::Bool || ka == Kind::Nil))) {
        return Error::invalid(QStringLiteral("invalid type for comparison"));
    }
    if (ka == Kind::Int && kb == Kind::Int) {
        const qint64 x = a.toLongLong();
        const qint64 y = b.toLongLong();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (numeric) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (ka == Kind::String) {
        return a.toString().compare(b.toString());
    }
    if (ka == Kind::Bool) {
        return a.toBool() == b.toBool() ? 0 : 1;
    }
    return 0; // nil == nil
}

struct Spec
{
    bool minus = false;
    bool plus = false;
    bool sharp = false;
    bool space = false;
    bool zero = false;
    int width = -1;
    int precision = -1;
};

QString pad(const QString& text, const Spec& spec, bool numeric)
{
    if (spec.width < 0 || text.size() >= spec.width) {
        return text;
    }
    if (spec.minus) {
        return text.leftJustified(spec.width, u' ');
    }
    if (spec.zero && numeric) {
        const bool sign = text.startsWith(u'-') || text.startsWith(u'+');
        const QString digits = sign ? text.mid(1) : text;
        return (sign ? text.left(1) : QString()) + digits.rightJustified(spec.width - (sign ? 1 : 0), u'0');
    }
    return text.rightJustified(spec.width, u' ');
}

QString badVerb(QChar verb, const QVariant& value)
{
    if (kindOf(value) == Kind::Nil) {
        return QStringLiteral("%!") + verb + QStringLiteral("(<nil>)");
    }
    return QStringLiteral("%!") + verb + u'(' + TemplateFunctions::typeName(value) + u'='
           + TemplateFunctions::print(value) + u')';
}

QString formatInteger(qint64 value, int base, bool upper, const Spec& spec)
{
    QString digits = QString::number(value < 0 ? -static_cast<quint64>(value) : static_cast<quint64>(value), base);
    if (upper) {
        digits = digits.toUpper();
    }
    if (spec.precision >= 0) {
        digits = digits.rightJustified(spec.precision, u'0');
    }
    if (spec.sharp && base == 16) {
        digits.prepend(upper ? QStringLiteral("0X") : QStringLiteral("0x"));
    }
    if (value < 0) {
        digits.prepend(u'-');
    } else if (spec.plus) {
        digits.prepend(u'+');
    } else if (spec.space) {
        digits.prepend(u' ');
    }
    return pad(digits, spec, spec.precision < 0);
}

QString formatVerb(QChar verb, const Spec& spec, const QVariant& value)
{
    const Kind kind = kindOf(value);
    switch (verb.unicode()) {
    case u'v':
        return pad(kind == Kind::String ? value.toString() : TemplateFunctions::print(value), spec, false);
    case u's':
    case u'q':
        if (kind == Kind::String) {
            QString text = value.toString();
            if (spec.precision >= 0) {
                text.truncate(spec.precision);
            }
            return pad(verb == u'q' ? TemplateFunctions::goQuote(text) : text, spec, false);
        }
        if (verb == u's' && (kind == Kind::Map || kind == Kind::List)) {
            return pad(TemplateFunctions::print(value), spec, false);
        }
        if (verb == u'q' && kind == Kind::Int) {
            const char32_t ch = static_cast<char32_t>(value.toLongLong());
            return pad(u'\'' + QString::fromUcs4(&ch, 1) + u'\'', spec, false);
        }
        return badVerb(verb, value);
    case u'd':
        return kind == Kind::Int ? formatInteger(value.toLongLong(), 10, false, spec) : badVerb(verb, value);
    case u'b':
    case u'o':
        return kind == Kind::Int ? formatInteger(value.toLongLong(), verb == u'b' ? 2 : 8, false, spec)
                                 : badVerb(verb, value);
    case u'x':
    case u'X':
        if (kind == Kind::Int) {
            return formatInteger(value.toLongLong(), 16, verb == u'X', spec);
        }
        if (kind == Kind::String) {
            QString hex = QString::fromLatin1(value.toString().toUtf8().toHex());
            return pad(verb == u'X' ? hex.toUpper() : hex, spec, false);
        }
        return badVerb(verb, value);
    case u'c':
        if (kind == Kind::Int) {
            const char32_t ch = static_cast<char32_t>(value.toLongLong());
            return pad(QString::fromUcs4(&ch, 1), spec, false);
        }
        return badVerb(verb, value);
    case u't':
        return kind == Kind::Bool ? pad(TemplateFunctions::print(value), spec, false) : badVerb(verb, value);
    case u'f':
    case u'F':
    case u'e':
    case u'g': {
        if (kind != Kind::Float) {
            return badVerb(verb, value);
        }
        const double number = value.toDouble();
        QString text;
        if (verb == u'g' && spec.precision < 0) {
            text = formatFloat(number, -4, 6);
        } else {
            const char format = verb == u'F' ? 'f' : static_cast<char>(verb.unicode());
            text = QString::number(number, format, spec.precision < 0 ? 6 : spec.precision);
        }
        if (spec.plus && number >= 0) {
            text.prepend(u'+');
        }
        return pad(text, spec, true);
    }
    default:
        return badVerb(verb, value);
    }
}

} // namespace

QStringList TemplateFunctions::names()
{
    return {QStringLiteral("toUpper"),
            QStringLiteral("toLower"),
            QStringLiteral("quote"),
            QStringLiteral("json"),
            QStringLiteral("map"),
            QStringLiteral("printf"),
            QStringLiteral("print"),
            QStringLiteral("index"),
            QStringLiteral("len"),
            QStringLiteral("eq"),
            QStringLiteral("ne"),
            QStringLiteral("lt"),
            QStringLiteral("le"),
            QStringLiteral("gt"),
            QStringLiteral("ge"),
            QStringLiteral("and"),
            QStringLiteral("or"),
            QStringLiteral("not")};
}

Result<QVariant> TemplateFunctions::call(const QString& name,
                                         const QVariantList& args,
                                         const std::function<bool(const QVariantMap&)>& openMap)
{
    const qsizetype count = args.size();
    auto exactly = [&](qsizetype n) -> std::optional<Error> {
        if (count != n) {
            return wrongArgs(name, QString::number(n), count);
        }
        return std::nullopt;
    };

    if (name == QStringLiteral("toUpper") || name == QStringLiteral("toLower") || name == QStringLiteral("quote")) {
        if (auto e = exactly(1)) {
            return *e;
        }
        const auto text = stringArg(name, args.first());
        if (!text) {
            return text.error();
        }
        if (name == QStringLiteral("quote")) {
            // knot's quote only escapes double quotes and adds none around the value.
            return QVariant(QString(*text).replace(u'"', QStringLiteral("\\\"")));
        }
        return QVariant(name == QStringLiteral("toUpper") ? text->toUpper() : text->toLower());
    }
    if (name == QStringLiteral("json")) {
        if (auto e = exactly(1)) {
            return *e;
        }
        return QVariant(json(args.first()));
    }
    if (name == QStringLiteral("map")) {
        if (count % 2 != 0) {
            return Error::invalid(QStringLiteral("map needs key/value pairs, got %1 arguments").arg(count));
        }
        QVariantMap map;
        for (qsizetype i = 0; i < count; i += 2) {
            if (kindOf(args.at(i)) != Kind::String) {
                return Error::invalid(QStringLiteral("map keys must be strings, got %1").arg(typeName(args.at(i))));
            }
            map.insert(args.at(i).toString(), args.at(i + 1));
        }
        return QVariant(map);
    }
    if (name == QStringLiteral("printf")) {
        if (count < 1) {
            return wrongArgs(name, QStringLiteral("at least 1"), count);
        }
        const auto format = stringArg(name, args.first());
        if (!format) {
            return format.error();
        }
        return QVariant(printf(*format, args.mid(1)));
    }
    if (name == QStringLiteral("print")) {
        QString text;
        for (qsizetype i = 0; i < count; ++i) {
            // fmt.Sprint puts a space between operands when neither is a string.
            if (i > 0 && kindOf(args.at(i)) != Kind::String && kindOf(args.at(i - 1)) != Kind::String) {
                text += u' ';
            }
            text += print(args.at(i));
        }
        return QVariant(text);
    }
    if (name == QStringLiteral("index")) {
        if (count < 1) {
            return wrongArgs(name, QStringLiteral("at least 1"), count);
        }
        QVariant current = args.first();
        for (qsizetype i = 1; i < count; ++i) {
            const QVariant& key = args.at(i);
            const Kind kind = kindOf(current);
            if (kind == Kind::Map) {
                if (kindOf(key) != Kind::String) {
                    return Error::invalid(QStringLiteral("index of map with %1 key").arg(typeName(key)));
                }
                const QVariantMap map = current.toMap();
                if (!map.contains(key.toString())) {
                    if (!openMap(map)) {
                        return Error::invalid(QStringLiteral("map has no entry for key \"%1\"").arg(key.toString()));
                    }
                    current = QString();
                    continue;
                }
                current = map.value(key.toString());
            } else if (kind == Kind::List || kind == Kind::String) {
                if (kindOf(key) != Kind::Int) {
                    return Error::invalid(QStringLiteral("cannot index slice/array with type %1").arg(typeName(key)));
                }
                const qint64 at = key.toLongLong();
                const qint64 size = kind == Kind::List ? current.toList().size() : current.toString().toUtf8().size();
                if (at < 0 || at >= size) {
                    return Error::invalid(QStringLiteral("index out of range: %1").arg(at));
                }
                current = kind == Kind::List ? current.toList().at(at)
                                             : QVariant(qint64(static_cast<uchar>(current.toString().toUtf8().at(at))));
            } else {
                return Error::invalid(QStringLiteral("can't index item of type %1").arg(typeName(current)));
            }
        }
        return current;
    }
    if (name == QStringLiteral("len")) {
        if (auto e = exactly(1)) {
            return *e;
        }
        switch (kindOf(args.first())) {
        case Kind::String:
            return QVariant(qint64(args.first().toString().toUtf8().size()));
        case Kind::Map:
            return QVariant(qint64(args.first().toMap().size()));
        case Kind::List:
            return QVariant(qint64(args.first().toList().size()));
        default:
            return Error::invalid(QStringLiteral("len of type %1").arg(typeName(args.first())));
        }
    }
    if (name == QStringLiteral("eq")) {
        if (count < 2) {
            return Error::invalid(QStringLiteral("missing argument for comparison"));
        }
        for (qsizetype i = 1; i < count; ++i) {
            const auto result = compare(args.first(), args.at(i), false);
            if (!result) {
                return result.error();
            }
            if (*result == 0) {
                return QVariant(true);
            }
        }
        return QVariant(false);
    }
    if (name == QStringLiteral("ne") || name == QStringLiteral("lt") || name == QStringLiteral("le")
        || name == QStringLiteral("gt") || name == QStringLiteral("ge")) {
        if (auto e = exactly(2)) {
            return *e;
        }
        const auto result = compare(args.at(0), args.at(1), name != QStringLiteral("ne"));
        if (!result) {
            return result.error();
        }
        const int c = *result;
        const bool value = name == QStringLiteral("ne")   ? c != 0
                           : name == QStringLiteral("lt") ? c < 0
                           : name == QStringLiteral("le") ? c <= 0
                           : name == QStringLiteral("gt") ? c > 0
                                                          : c >= 0;
        return QVariant(value);
    }
    if (name == QStringLiteral("and") || name == QStringLiteral("or")) {
        if (count < 1) {
            return wrongArgs(name, QStringLiteral("at least 1"), count);
        }
        // Go returns the first argument that decides the result, or the last one.
        const bool stopOn = name == QStringLiteral("or");
        for (const QVariant& arg : args) {
            if (isTrue(arg) == stopOn) {
                return arg;
            }
        }
        return args.last();
    }
    if (name == QStringLiteral("not")) {
        if (auto e = exactly(1)) {
            return *e;
        }
        return QVariant(!isTrue(args.first()));
    }
    return Error::invalid(QStringLiteral("function \"%1\" not defined").arg(name));
}

QString TemplateFunctions::print(const QVariant& value)
{
    switch (kindOf(value)) {
    case Kind::Nil:
        return QStringLiteral("<nil>");
    case Kind::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Int:
        return QString::number(value.toLongLong());
    case Kind::Float:
        return formatFloat(value.toDouble(), -4, 6);
    case Kind::String:
        return value.toString();
    case Kind::Map: {
        QStringList parts;
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            parts.append(it.key() + u':' + print(it.value()));
        }
        return QStringLiteral("map[") + parts.join(u' ') + u']';
    }
    case Kind::List: {
        QStringList parts;
        for (const QVariant& item : value.toList()) {
            parts.append(print(item));
        }
        return u'[' + parts.join(u' ') + u']';
    }
    }
    return {};
}

QString TemplateFunctions::json(const QVariant& value)
{
    switch (kindOf(value)) {
    case Kind::Nil:
        return QStringLiteral("null");
    case Kind::Bool:
    case Kind::Int:
        return print(value);
    case Kind::Float:
        return formatFloat(value.toDouble(), -6, 21).replace(QStringLiteral("e-0"), QStringLiteral("e-"));
    case Kind::String:
        return quoted(value.toString(), QuoteStyle::Json);
    case Kind::Map: {
        QStringList parts;
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            parts.append(json(it.key()) + u':' + json(it.value()));
        }
        return u'{' + parts.join(u',') + u'}';
    }
    case Kind::List: {
        QStringList parts;
        for (const QVariant& item : value.toList()) {
            parts.append(json(item));
        }
        return u'[' + parts.join(u',') + u']';
    }
    }
    return {};
}

QString TemplateFunctions::goQuote(const QString& text)
{
    return quoted(text, QuoteStyle::Go);
}

QString TemplateFunctions::printf(const QString& format, const QVariantList& args)
{
    QString out;
    qsizetype next = 0;
    for (qsizetype i = 0; i < format.size(); ++i) {
        const QChar c = format.at(i);
        if (c != u'%') {
            out += c;
            continue;
        }
        Spec spec;
        ++i;
        for (; i < format.size(); ++i) {
            const QChar flag = format.at(i);
            if (flag == u'-') {
                spec.minus = true;
            } else if (flag == u'+') {
                spec.plus = true;
            } else if (flag == u'#') {
                spec.sharp = true;
            } else if (flag == u' ') {
                spec.space = true;
            } else if (flag == u'0') {
                spec.zero = true;
            } else {
                break;
            }
        }
        auto readNumber = [&]() {
            int number = -1;
            while (i < format.size() && format.at(i).isDigit()) {
                number = (number < 0 ? 0 : number * 10) + format.at(i).digitValue();
                ++i;
            }
            return number;
        };
        spec.width = readNumber();
        if (i < format.size() && format.at(i) == u'.') {
            ++i;
            spec.precision = std::max(0, readNumber());
        }
        if (i >= format.size()) {
            out += QStringLiteral("%!(NOVERB)");
            break;
        }
        const QChar verb = format.at(i);
        if (verb == u'%') {
            out += u'%';
            continue;
        }
        if (next >= args.size()) {
            out += QStringLiteral("%!") + verb + QStringLiteral("(MISSING)");
            continue;
        }
        out += formatVerb(verb, spec, args.at(next++));
    }
    if (next < args.size()) {
        QStringList extra;
        for (; next < args.size(); ++next) {
            extra.append(typeName(args.at(next)) + u'=' + print(args.at(next)));
        }
        out += QStringLiteral("%!(EXTRA ") + extra.join(QStringLiteral(", ")) + u')';
    }
    return out;
}

bool TemplateFunctions::isTrue(const QVariant& value)
{
    switch (kindOf(value)) {
    case Kind::Nil:
        return false;
    case Kind::Bool:
        return value.toBool();
    case Kind::Int:
        return value.toLongLong() != 0;
    case Kind::Float:
        return value.toDouble() != 0.0;
    case Kind::String:
        return !value.toString().isEmpty();
    case Kind::Map:
        return !value.toMap().isEmpty();
    case Kind::List:
        return !value.toList().isEmpty();
    }
    return false;
}

QString TemplateFunctions::typeName(const QVariant& value)
{
    switch (kindOf(value)) {
    case Kind::Nil:
        return QStringLiteral("<nil>");
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::Float:
        return QStringLiteral("float64");
    case Kind::String:
        return QStringLiteral("string");
    case Kind::Map:
        return QStringLiteral("map[string]interface {}");
    case Kind::List:
        return QStringLiteral("[]interface {}");
    }
    return {};
}

} // namespace Knot
