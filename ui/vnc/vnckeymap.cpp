#include "ui/vnc/vnckeymap.h"

#include <QList>
#include <Qt>

#include <utility>

namespace Knot {

namespace {

constexpr std::pair<int, quint32> SpecialKeys[] = {
    {Qt::Key_Escape, 0xff1b},  {Qt::Key_Tab, 0xff09},      {Qt::Key_Backtab, 0xff09}, {Qt::Key_Backspace, 0xff08},
    {Qt::Key_Return, 0xff0d},  {Qt::Key_Enter, 0xff8d},    {Qt::Key_Insert, 0xff63},  {Qt::Key_Delete, 0xffff},
    {Qt::Key_Pause, 0xff13},   {Qt::Key_Print, 0xff61},    {Qt::Key_SysReq, 0xff15},  {Qt::Key_Clear, 0xff0b},
    {Qt::Key_Home, 0xff50},    {Qt::Key_End, 0xff57},      {Qt::Key_Left, 0xff51},    {Qt::Key_Up, 0xff52},
    {Qt::Key_Right, 0xff53},   {Qt::Key_Down, 0xff54},     {Qt::Key_PageUp, 0xff55},  {Qt::Key_PageDown, 0xff56},
    {Qt::Key_Shift, 0xffe1},   {Qt::Key_Control, 0xffe3},  {Qt::Key_Meta, 0xffeb},    {Qt::Key_Alt, 0xffe9},
    {Qt::Key_AltGr, 0xfe03},   {Qt::Key_CapsLock, 0xffe5}, {Qt::Key_NumLock, 0xff7f}, {Qt::Key_ScrollLock, 0xff14},
    {Qt::Key_Super_L, 0xffeb}, {Qt::Key_Super_R, 0xffec},  {Qt::Key_Menu, 0xff67},    {Qt::Key_Hyper_L, 0xffed},
    {Qt::Key_Hyper_R, 0xffee}, {Qt::Key_Help, 0xff6a},     {Qt::Key_Space, 0x20},
};

} // namespace

quint32 VncKeyMap::keysym(int qtKey, const QString& text)
{
    for (const auto& [key, sym] : SpecialKeys) {
        if (key == qtKey)
            return sym;
    }
    if (qtKey >= Qt::Key_F1 && qtKey <= Qt::Key_F35)
        return 0xffbe + quint32(qtKey - Qt::Key_F1);

    const QList<uint> codePoints = text.toUcs4();
    if (codePoints.size() == 1 && codePoints.first() >= 0x20 && codePoints.first() != 0x7f) {
        const uint codePoint = codePoints.first();
        // Latin-1 keysyms equal their code point; the rest of Unicode is 0x01000000 + code point.
        return codePoint < 0x100 ? codePoint : 0x01000000 | codePoint;
    }
    // Ctrl+letter and similar: the text is a control character (or empty), the key is what was hit.
    if (qtKey >= Qt::Key_A && qtKey <= Qt::Key_Z)
        return quint32('a' + (qtKey - Qt::Key_A));
    if (qtKey >= 0x20 && qtKey < 0x7f)
        return quint32(qtKey);
    return 0;
}

} // namespace Knot
