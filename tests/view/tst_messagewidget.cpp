#include "ui/messagewidget.h"

#include <QLabel>
#include <QTest>
#include <QToolButton>

using namespace Knot;

class TestMessageWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void errorsStayUntilClosed()
    {
        QWidget window;
        auto* message = new MessageWidget(&window);
        window.show();
        message->setAutoHideTimeout(10);
        message->showError(QStringLiteral("The engine is unreachable"));
        QVERIFY(message->isVisible());
        QCOMPARE(message->type(), MessageWidget::Type::Error);
        QCOMPARE(message->findChild<QLabel*>(QStringLiteral("messageText"))->text(),
                 QStringLiteral("The engine is unreachable"));
        QTest::qWait(50);
        QVERIFY(message->isVisible());
        message->findChild<QToolButton*>(QStringLiteral("messageCloseButton"))->click();
        QVERIFY(!message->isVisible());
    }

    void infoHidesItself()
    {
        QWidget window;
        auto* message = new MessageWidget(&window);
        window.show();
        message->setAutoHideTimeout(10);
        message->showInfo(QStringLiteral("Template imported"));
        QVERIFY(message->isVisible());
        QTRY_VERIFY(!message->isVisible());
    }

    void errorTintDiffersFromInfo()
    {
        QWidget window;
        auto* message = new MessageWidget(&window);
        message->showInfo(QStringLiteral("a"));
        const QColor info = message->palette().color(QPalette::Window);
        message->showError(QStringLiteral("b"));
        QVERIFY(message->palette().color(QPalette::Window) != info);
    }
};

QTEST_MAIN(TestMessageWidget)
#include "tst_messagewidget.moc"
