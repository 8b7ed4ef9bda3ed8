#pragma once

#include <QMessageBox>

#include <functional>

namespace Knot {

// The one way the UI asks a modal question. Boxes open window-modal without a nested event loop;
// the answer arrives in the callback. Tests answer the next question with setNextAnswer() instead
// of showing a box (the answer is still delivered asynchronously, like a real click).
class MessageBox
{
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;
    using Callback = std::function<void(Button)>;

    // A question with standard buttons (e.g. Save | Discard | Cancel).
    static void question(QWidget* parent,
                         const QString& title,
                         const QString& text,
                         Buttons buttons,
                         Button defaultButton,
                         Callback done);
    // A yes/no confirmation whose accept button says what will happen ("Delete", "Remove").
    // done(true) only when the user accepted.
    static void confirm(QWidget* parent,
                        const QString& title,
                        const QString& text,
                        const QString& acceptText,
                        std::function<void(bool)> done);

    // Test hook: the next question is answered with `button` without showing a box.
    static void setNextAnswer(Button button);
    // The text of the last question asked (shown or answered by the hook), for tests.
    static QString lastText();

private:
    static void open(QMessageBox* box, QWidget* parent, Callback done);

    static Button s_nextAnswer;
    static QString s_lastText;
};

} // namespace Knot
