#pragma once

#include <QString>
#include <QtGlobal>

namespace Knot {

// Qt key events to X keysyms, which is what RFB key events carry.
class VncKeyMap
{
public:
    // The keysym for a key press, or 0 when there is none. Special keys (arrows, F-keys, modifiers,
    // editing keys) come from `qtKey`; printable keys from `text`, falling back to `qtKey` when a
    // modifier such as Ctrl turned the text into a control character.
    static quint32 keysym(int qtKey, const QString& text);
};

} // namespace Knot
