#include "ui/messagebox.h"

#include <QAbstractButton>
#include <QApplication>
#include <QTest>
#include <QWidget>

using namespace Knot;

class TestMessageBox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextAnswerIsDeliveredWithoutABox()
    {
        QWidget parent;
        MessageBox::setNextAnswer(QMessageBox::Discard);
        std::optional<MessageBox::Button> answer;
        MessageBox::question(&parent,
                             QStringLiteral("Unsaved changes"),
                             QStringLiteral("Save the template?"),
                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                             QMessageBox::Save,
                             [&answer](MessageBox::Button button) { answer = button; });
        // Asynchronous like a real click: nothing happened yet.
        QVERIFY(!answer.has_value());
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(*answer, QMessageBox::Discard);
        QCOMPARE(MessageBox::lastText(), QStringLiteral("Save the template?"));
        QVERIFY(QApplication::topLevelWidgets().size() == 1); // no box was left behind
    }

    void confirmMapsTheAcceptButton()
    {
        QWidget parent;
        std::optional<bool> accepted;
        MessageBox::setNextAnswer(QMessageBox::Yes);
        MessageBox::confirm(&parent,
                            QStringLiteral("Delete"),
                            QStringLiteral("Delete it?"),
                            QStringLiteral("Delete"),
                            [&accepted](bool yes) { accepted = yes; });
        QTRY_VERIFY(accepted.has_value());
        QCOMPARE(*accepted, true);

        accepted.reset();
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        MessageBox::confirm(&parent,
                            QStringLiteral("Delete"),
                            QStringLiteral("Delete it?"),
                            QStringLiteral("Delete"),
                            [&accepted](bool yes) { accepted = yes; });
        QTRY_VERIFY(accepted.has_value());
        QCOMPARE(*accepted, false);
    }

    void realBoxAnswersThroughItsButtons()
    {
        QWidget parent;
        parent.show();
        std::optional<bool> accepted;
        MessageBox::confirm(&parent,
                            QStringLiteral("Delete"),
                            QStringLiteral("Delete space dev?"),
                            QStringLiteral("Delete"),
                            [&accepted](bool yes) { accepted = yes; });
        QMessageBox* box = parent.findChild<QMessageBox*>();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(box->button(QMessageBox::Yes)->text(), QStringLiteral("Delete"));
        box->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(accepted.has_value());
        QCOMPARE(*accepted, true);
    }
};

QTEST_MAIN(TestMessageBox)
#include "tst_messagebox.moc"
