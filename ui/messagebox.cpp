#include "ui/messagebox.h"

#include <QPointer>
#include <QPushButton>
#include <QTimer>

namespace Knot {

MessageBox::Button MessageBox::s_nextAnswer = QMessageBox::NoButton;
QString MessageBox::s_lastText;

void MessageBox::question(
    QWidget* parent, const QString& title, const QString& text, Buttons buttons, Button defaultButton, Callback done)
{
    auto* box = new QMessageBox(QMessageBox::Question, title, text, buttons, parent);
    box->setDefaultButton(defaultButton);
    open(box, parent, std::move(done));
}

void MessageBox::confirm(QWidget* parent,
                         const QString& title,
                         const QString& text,
                         const QString& acceptText,
                         std::function<void(bool)> done)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Yes | QMessageBox::Cancel, parent);
    box->button(QMessageBox::Yes)->setText(acceptText);
    box->setDefaultButton(QMessageBox::Cancel);
    open(box, parent, [done = std::move(done)](Button answer) { done(answer == QMessageBox::Yes); });
}

void MessageBox::setNextAnswer(Button button)
{
    s_nextAnswer = button;
}

QString MessageBox::lastText()
{
    return s_lastText;
}

void MessageBox::open(QMessageBox* box, QWidget* parent, Callback done)
{
    s_lastText = box->text();
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject* context = parent ? static_cast<QObject*>(parent) : static_cast<QObject*>(box);

    if (s_nextAnswer != QMessageBox::NoButton) {
        const Button answer = s_nextAnswer;
        s_nextAnswer = QMessageBox::NoButton;
        box->deleteLater();
        QTimer::singleShot(0, context, [done = std::move(done), answer] { done(answer); });
        return;
    }

    // finished() reports the clicked standard button; Escape and closing the window map to the
    // escape button, which QMessageBox picks (Cancel/No) for us.
    QObject::connect(box, &QMessageBox::finished, context, [box, done = std::move(done)](int) {
        done(box->standardButton(box->clickedButton()));
    });
    box->setWindowModality(parent ? Qt::WindowModal : Qt::ApplicationModal);
    box->open();
}

} // namespace Knot
