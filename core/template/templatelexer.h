#pragma once

#include "core/model/diagnostic.h"

#include <QList>
#include <QString>
#include <QVariant>

namespace Knot {

// One token inside a `${{ … }}` action.
struct TemplateToken
{
    enum class Kind
    {
        Field,      // .space.name (text holds the dotted path without the leading dot; "" for a lone dot)
        Identifier, // function name or keyword (if, else, end, true, …)
        String,     // "…" or `…`, value holds the unquoted text
        Number,     // value holds qint64 or double
        Char,       // 'x' (Go rune literal; unsupported)
        Variable,   // $x (unsupported)
        Pipe,
        LeftParen,
        RightParen,
        Assign, // := or = (unsupported)
    };

    Kind kind = Kind::Identifier;
    QString text;
    QVariant value;
    int offset = 0; // in the source text
};

// A piece of the source: literal text or one action with its tokens. Trim markers are already
// applied: a text item's [begin, end) range excludes whitespace an adjacent `${{-`/`-}}` removed.
struct TemplateItem
{
    enum class Kind
    {
        Text,
        Action,
    };

    Kind kind = Kind::Text;
    int begin = 0; // source offset (for an action: of `${{`)
    int end = 0;
    QList<TemplateToken> tokens;
    bool comment = false; // the action held only a /* comment */
};

// Splits a template into text and actions delimited by `${{` and `}}` (with Go's trim markers),
// tokenizing each action. Positions are source offsets.
class TemplateLexer
{
public:
    explicit TemplateLexer(const QString& source);

    QList<TemplateItem> items() const { return m_items; }
    // Offsets of lexical errors (unterminated action or string, unexpected character), with messages.
    QList<QPair<int, QString>> errors() const { return m_errors; }

private:
    void run();
    // Lexes one action starting after `${{`; returns the offset after its `}}`, or a negative value.
    int lexAction(int pos, TemplateItem& item, bool& trimRight);
    int lexString(int pos, QChar quote, TemplateToken& token);
    int lexNumber(int pos, TemplateToken& token);
    void error(int offset, const QString& message) { m_errors.append({offset, message}); }

    const QString m_source;
    QList<TemplateItem> m_items;
    QList<QPair<int, QString>> m_errors;
};

} // namespace Knot
