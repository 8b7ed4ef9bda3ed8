#include "core/template/templatelexer.h"

namespace Knot {

namespace {

const QString OpenDelimiter = QStringLiteral("${{");
const QString CloseDelimiter = QStringLiteral("}}");
// lexAction's results when it found no closing delimiter.
constexpr int ReachedEnd = -1;
constexpr int AlreadyReported = -2;

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n';
}

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

} // namespace

TemplateLexer::TemplateLexer(const QString& source) : m_source(source)
{
    run();
}

void TemplateLexer::run()
{
    int pos = 0;
    bool trimNextText = false;
    while (pos <= m_source.size()) {
        const int open = m_source.indexOf(OpenDelimiter, pos);
        TemplateItem text;
        text.begin = pos;
        text.end = open < 0 ? m_source.size() : open;
        if (trimNextText) {
            while (text.begin < text.end && isSpace(m_source.at(text.begin))) {
                ++text.begin;
            }
        }
        TemplateItem action;
        action.kind = TemplateItem::Kind::Action;
        action.begin = open;
        int actionStart = open + OpenDelimiter.size();
        // Go's trim marker is "- " after the delimiter: "${{-3}}" is the number -3.
        if (open >= 0 && actionStart + 1 < m_source.size() && m_source.at(actionStart) == u'-'
            && isSpace(m_source.at(actionStart + 1))) {
            while (text.end > text.begin && isSpace(m_source.at(text.end - 1))) {
                --text.end;
            }
            ++actionStart;
        }
        if (text.end > text.begin) {
            m_items.append(text);
        }
        if (open < 0) {
            return;
        }
        trimNextText = false;
        pos = lexAction(actionStart, action, trimNextText);
        if (pos == ReachedEnd) {
            error(open, QStringLiteral("unterminated action: missing \"}}\""));
        }
        if (pos < 0) {
            return;
        }
        action.end = pos;
        m_items.append(action);
    }
}

int TemplateLexer::lexAction(int pos, TemplateItem& item, bool& trimRight)
{
    const int size = m_source.size();
    while (pos < size) {
        const QChar c = m_source.at(pos);
        if (isSpace(c)) {
            ++pos;
            continue;
        }
        if (m_source.mid(pos, 2) == CloseDelimiter) {
            return pos + 2;
        }
        if (c == u'-' && isSpace(m_source.at(pos - 1)) && m_source.mid(pos + 1, 2) == CloseDelimiter) {
            trimRight = true;
            return pos + 3;
        }
        if (m_source.mid(pos, 2) == QStringLiteral("/*")) {
            const int close = m_source.indexOf(QStringLiteral("*/"), pos + 2);
            if (close < 0) {
                error(pos, QStringLiteral("unterminated comment"));
                return AlreadyReported;
            }
            item.comment = true;
            pos = close + 2;
            continue;
        }
        TemplateToken token;
        token.offset = pos;
        const QChar next = pos + 1 < size ? m_source.at(pos + 1) : QChar();
        if (c == u'.' && !next.isDigit()) {
            token.kind = TemplateToken::Kind::Field;
            int end = pos;
            // A chain of .name segments; a lone "." is the root.
            while (end < size && m_source.at(end) == u'.') {
                int segmentEnd = end + 1;
                while (segmentEnd < size && isIdentifierChar(m_source.at(segmentEnd))) {
                    ++segmentEnd;
                }
                if (segmentEnd == end + 1 && end != pos) {
                    error(end, QStringLiteral("bad field name: nothing after \".\""));
                    break;
                }
                end = segmentEnd;
            }
            token.text = m_source.mid(pos + 1, end - pos - 1);
            pos = end;
        } else if (isIdentifierStart(c)) {
            int end = pos + 1;
            while (end < size && isIdentifierChar(m_source.at(end))) {
                ++end;
            }
            token.kind = TemplateToken::Kind::Identifier;
            token.text = m_source.mid(pos, end - pos);
            pos = end;
        } else if (c == u'"' || c == u'`' || c == u'\'') {
            pos = lexString(pos, c, token);
            if (pos < 0) {
                return AlreadyReported;
            }
        } else if (c.isDigit() || ((c == u'-' || c == u'+' || c == u'.') && next.isDigit())) {
            pos = lexNumber(pos, token);
        } else if (c == u'$') {
            int end = pos + 1;
            while (end < size && isIdentifierChar(m_source.at(end))) {
                ++end;
            }
            token.kind = TemplateToken::Kind::Variable;
            token.text = m_source.mid(pos, end - pos);
            pos = end;
        } else if (c == u'|') {
            token.kind = TemplateToken::Kind::Pipe;
            ++pos;
        } else if (c == u'(') {
            token.kind = TemplateToken::Kind::LeftParen;
            ++pos;
        } else if (c == u')') {
            token.kind = TemplateToken::Kind::RightParen;
            ++pos;
        } else if (c == u'=' || (c == u':' && next == u'=')) {
            token.kind = TemplateToken::Kind::Assign;
            pos += c == u'=' ? 1 : 2;
        } else {
            error(pos, QStringLiteral("unexpected \"%1\" in action").arg(c));
            ++pos;
            continue;
        }
        item.tokens.append(token);
    }
    return ReachedEnd;
}

int TemplateLexer::lexString(int pos, QChar quote, TemplateToken& token)
{
    token.kind = quote == u'\'' ? TemplateToken::Kind::Char : TemplateToken::Kind::String;
    const int start = pos;
    QString value;
    ++pos;
    while (pos < m_source.size()) {
        const QChar c = m_source.at(pos);
        if (c == quote) {
            token.text = m_source.mid(start, pos + 1 - start);
            token.value = value;
            return pos + 1;
        }
        if (quote != u'`' && c == u'\n') {
            break;
        }
        if (quote == u'`' || c != u'\\') {
            value += c;
            ++pos;
            continue;
        }
        // Go escapes: \n \t \r \\ \" \' \a \b \f \v \xHH \uHHHH \UHHHHHHHH
        const QChar e = pos + 1 < m_source.size() ? m_source.at(pos + 1) : QChar();
        pos += 2;
        const qsizetype simple = QStringLiteral("ntrabfv\\\"'").indexOf(e);
        if (simple >= 0) {
            value += QStringLiteral("\n\t\r\a\b\f\v\\\"'").at(simple);
            continue;
        }
        switch (e.unicode()) {
        case u'x':
        case u'u':
        case u'U': {
            const int digits = e == u'x' ? 2 : e == u'u' ? 4 : 8;
            bool ok = false;
            const uint code = m_source.mid(pos, digits).toUInt(&ok, 16);
            if (!ok || pos + digits > m_source.size()) {
                error(pos - 2, QStringLiteral("invalid escape in string"));
            } else {
                const char32_t ch = code;
                value += QString::fromUcs4(&ch, 1);
            }
            pos += digits;
            break;
        }
        default:
            error(pos - 2, QStringLiteral("invalid escape \"\\%1\" in string").arg(e));
            break;
        }
    }
    error(start, QStringLiteral("unterminated string"));
    return -1;
}

int TemplateLexer::lexNumber(int pos, TemplateToken& token)
{
    token.kind = TemplateToken::Kind::Number;
    int end = pos;
    if (m_source.at(end) == u'-' || m_source.at(end) == u'+') {
        ++end;
    }
    while (end < m_source.size()) {
        const QChar c = m_source.at(end);
        const bool exponentSign =
            (c == u'-' || c == u'+') && (m_source.at(end - 1) == u'e' || m_source.at(end - 1) == u'E');
        if (!c.isLetterOrNumber() && c != u'.' && c != u'_' && !exponentSign) {
            break;
        }
        ++end;
    }
    token.text = m_source.mid(pos, end - pos);
    QString digits = token.text;
    digits.remove(u'_');
    bool ok = false;
    const bool hex = digits.contains(QStringLiteral("0x"), Qt::CaseInsensitive);
    if (hex || (!digits.contains(u'.') && !digits.contains(u'e', Qt::CaseInsensitive))) {
        QString magnitude = digits;
        const bool negative = magnitude.startsWith(u'-');
        if (negative || magnitude.startsWith(u'+')) {
            magnitude.remove(0, 1);
        }
        int base = 10;
        if (magnitude.startsWith(QStringLiteral("0x"), Qt::CaseInsensitive)) {
            base = 16;
        } else if (magnitude.startsWith(QStringLiteral("0b"), Qt::CaseInsensitive)) {
            base = 2;
        } else if (magnitude.startsWith(QStringLiteral("0o"), Qt::CaseInsensitive)) {
            base = 8;
        }
        if (base != 10) {
            magnitude.remove(0, 2);
        } else if (magnitude.size() > 1 && magnitude.startsWith(u'0')) {
            base = 8; // Go's legacy octal literal
        }
        const qint64 value = magnitude.toLongLong(&ok, base);
        token.value = negative ? -value : value;
    } else {
        token.value = digits.toDouble(&ok);
    }
    if (!ok) {
        error(pos, QStringLiteral("bad number syntax: \"%1\"").arg(token.text));
        token.value = qint64(0);
    }
    return end;
}

} // namespace Knot
