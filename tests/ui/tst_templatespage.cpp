#include "sampledata.h"
#include "ui/messagebox.h"
#include "ui/templatelistmodel.h"
#include "ui/templatespage.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

using namespace Knot;

class TestTemplatesPage : public QObject
{
    Q_OBJECT

private:
    static QAction* action(QMenu* menu, const char* name) { return menu->findChild<QAction*>(QLatin1String(name)); }

private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(knot); }

    void rowMenu()
    {
        TemplateListModel model;
        model.setTemplates(SampleData::templates(), {{SampleData::goTemplate().id, 2}});
        TemplatesPage page(&model);

        std::unique_ptr<QMenu> used(page.createRowMenu(SampleData::goTemplate().id, &page));
        for (const char* name : {"createSpaceAction", "editAction", "duplicateAction", "exportAction"}) {
            QVERIFY2(action(used.get(), name) && action(used.get(), name)->isEnabled(), name);
        }
        QVERIFY(!action(used.get(), "deleteAction")->isEnabled());
        QCOMPARE(action(used.get(), "deleteAction")->toolTip(),
                 QStringLiteral("2 spaces use this template; delete them first."));

        QSignalSpy create(&page, &TemplatesPage::createSpaceRequested);
        QSignalSpy edit(&page, &TemplatesPage::editRequested);
        QSignalSpy duplicate(&page, &TemplatesPage::duplicateRequested);
        action(used.get(), "createSpaceAction")->trigger();
        action(used.get(), "editAction")->trigger();
        action(used.get(), "duplicateAction")->trigger();
        QCOMPARE(create.count(), 1);
        QCOMPARE(edit.count(), 1);
        QCOMPARE(duplicate.first().first().toString(), SampleData::goTemplate().id);

        std::unique_ptr<QMenu> unused(page.createRowMenu(SampleData::busyboxTemplate().id, &page));
        QVERIFY(action(unused.get(), "deleteAction")->isEnabled());
        QSignalSpy remove(&page, &TemplatesPage::deleteRequested);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        action(unused.get(), "deleteAction")->trigger();
        QTRY_COMPARE(remove.count(), 1);
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Busybox")));
    }

    void filterAndEmptyState()
    {
        TemplateListModel model;
        TemplatesPage page(&model);
        page.show();
        auto* view = page.findChild<QListView*>(QStringLiteral("templatesView"));
        auto* empty = page.findChild<QLabel*>(QStringLiteral("templatesEmptyLabel"));
        QVERIFY(empty->isVisible());
        QVERIFY(!view->isVisible());

        model.setTemplates(SampleData::templates(), {});
        QVERIFY(!empty->isVisible());
        QCOMPARE(view->model()->rowCount(), 3);
        // Sorted by name.
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("Build Server"));
        page.findChild<QLineEdit*>(QStringLiteral("templatesFilter"))->setText(QStringLiteral("go"));
        QCOMPARE(view->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestTemplatesPage)
#include "tst_templatespage.moc"
