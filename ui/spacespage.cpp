#include "ui/spacespage.h"

#include "ui/messagebox.h"
#include "ui/messagewidget.h"
#include "ui/spacefiltermodel.h"
#include "ui/spaceitemdelegate.h"
#include "ui/spacelistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QWidgetAction>

namespace Knot {

namespace {
// Uptime is shown in minutes: repaint running rows twice a minute (a repaint, not a poll of state).
constexpr int UptimeRefreshMs = 30 * 1000;
} // namespace

SpacesPage::SpacesPage(SpaceListModel* model, QWidget* parent)
    : SpacesPage(model, new SpaceFilterModel, new SpaceItemDelegate, parent)
{ }

SpacesPage::SpacesPage(SpaceListModel* model,
                       SpaceFilterModel* filterModel,
                       SpaceItemDelegate* delegate,
                       QWidget* parent)
    : ListPage({QStringLiteral("spaces"),
                tr("Spaces"),
                tr("Filter spaces"),
                tr("No spaces yet.\nCreate one from a template on the Templates page."),
                SpaceListModel::IdRole},
               model,
               filterModel,
               delegate,
               parent)
    , m_model(model)
    , m_filterModel(filterModel)
    , m_delegate(delegate)
    , m_stateFilter(new QComboBox(this))
    , m_uptimeTimer(new QTimer(this))
{
    m_stateFilter->setObjectName(QStringLiteral("stateFilter"));
    m_stateFilter->addItem(tr("All states"), -1);
    for (const SpaceState state : {SpaceState::Running,
                                   SpaceState::Stopped,
                                   SpaceState::Starting,
                                   SpaceState::Stopping,
                                   SpaceState::Failed,
                                   SpaceState::Deleting}) {
        m_stateFilter->addItem(toText(state), static_cast<int>(state));
    }
    auto* newButton = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("New Space"), this);
    newButton->setObjectName(QStringLiteral("newSpaceButton"));
    newButton->setToolTip(tr("Create a space from a template (Ctrl+N)"));
    addHeaderWidget(m_stateFilter);
    addHeaderWidget(newButton);

    const QString later = tr("arrives with the %1");
    m_delegate->setServiceAvailable(ServiceIcon::Vnc, false, later.arg(tr("VNC viewer")));
    m_delegate->setServiceAvailable(ServiceIcon::CodeServer, false, later.arg(tr("port forwarding")));
    m_delegate->setServiceAvailable(ServiceIcon::VscodeTunnel, false, later.arg(tr("terminal")));
    m_delegate->setServiceAvailable(ServiceIcon::WebTerminal, false, later.arg(tr("terminal")));
    m_delegate->setServiceAvailable(ServiceIcon::Ports, false, later.arg(tr("port forwarding")));

    connect(filter(), &QLineEdit::textChanged, m_filterModel, &SpaceFilterModel::setText);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int state = m_stateFilter->currentData().toInt();
        m_filterModel->setState(state < 0 ? std::nullopt : std::optional(static_cast<SpaceState>(state)));
    });
    connect(newButton, &QPushButton::clicked, this, &SpacesPage::newSpaceRequested);
    connect(
        m_delegate, &SpaceItemDelegate::serviceClicked, this, [this](const QModelIndex& index, ServiceIcon service) {
            Q_EMIT serviceRequested(index.data(SpaceListModel::IdRole).toString(), service);
        });
    connect(m_uptimeTimer, &QTimer::timeout, this, [this] {
        if (m_model->anyRunning()) {
            view()->viewport()->update();
        }
    });
    m_uptimeTimer->start(UptimeRefreshMs);
}

void SpacesPage::selectSpace(const QString& id)
{
    selectSourceRow(m_model->rowOf(id));
}

QMenu* SpacesPage::createRowMenu(const QString& id, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("spaceMenu"));
    menu->setToolTipsVisible(true);
    const int row = m_model->rowOf(id);
    if (row < 0) {
        return menu;
    }
    const QModelIndex index = m_model->index(row);
    const auto state = static_cast<SpaceState>(index.data(SpaceListModel::StateRole).toInt());
    const bool manual = index.data(SpaceListModel::ManualRole).toBool();
    const bool stopped = state == SpaceState::Stopped || state == SpaceState::Failed;

    auto makeAction = [this, menu, &id](const char* objectName, const QString& text, auto signal) {
        auto* action = new QAction(text, menu);
        action->setObjectName(QLatin1String(objectName));
        connect(action, &QAction::triggered, this, [this, id, signal] { (this->*signal)(id); });
        return action;
    };

    if (!manual) {
        QAction* start = makeAction("startAction", tr("Start"), &SpacesPage::startRequested);
        start->setEnabled(stopped);
        menu->addAction(start);

        // Split button: Stop, with Restart behind the arrow.
        QAction* stop = makeAction("stopAction", tr("Stop"), &SpacesPage::stopRequested);
        stop->setEnabled(state == SpaceState::Running || state == SpaceState::Starting || state == SpaceState::Failed);
        QAction* restart = makeAction("restartAction", tr("Restart"), &SpacesPage::restartRequested);
        restart->setEnabled(state == SpaceState::Running);
        auto* split = new QWidgetAction(menu);
        split->setObjectName(QStringLiteral("stopRestartAction"));
        auto* container = new QWidget(menu);
        auto* layout = new QHBoxLayout(container);
        layout->setContentsMargins(4, 2, 4, 2);
        auto* button = new QToolButton(container);
        button->setObjectName(QStringLiteral("stopRestartButton"));
        button->setPopupMode(QToolButton::MenuButtonPopup);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setDefaultAction(stop);
        auto* restartMenu = new QMenu(button);
        restartMenu->addAction(restart);
        button->setMenu(restartMenu);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        layout->addWidget(button);
        split->setDefaultWidget(container);
        menu->addAction(split);
        for (QAction* action : {stop, restart}) {
            connect(action, &QAction::triggered, menu, &QMenu::close);
        }
    }

    QAction* edit = makeAction("editAction", tr("Edit"), &SpacesPage::editRequested);
    edit->setEnabled(state != SpaceState::Deleting);
    menu->addAction(edit);
    menu->addSeparator();
    QAction* remove = makeAction("deleteAction", tr("Delete"), &SpacesPage::confirmDelete);
    remove->setEnabled(stopped);
    if (!stopped) {
        remove->setToolTip(tr("Stop the space before deleting it."));
    }
    menu->addAction(remove);
    return menu;
}

void SpacesPage::confirmDelete(const QString& id)
{
    const auto space = m_model->spaceById(id);
    if (!space) {
        return;
    }
    QString text = tr("Delete the space “%1”?").arg(space->name.toHtmlEscaped());
    if (space->volumeRecords.isEmpty()) {
        text += tr("<p>Its container is removed. It has no volumes.</p>");
    } else {
        QString items;
        for (const VolumeRecord& record : space->volumeRecords) {
            items += QStringLiteral("<li>%1 %2</li>")
                         .arg(record.kind == VolumeRecord::Kind::Volume ? tr("Volume") : tr("Folder"),
                              record.name.toHtmlEscaped());
        }
        text += tr("<p>These volumes and all the data in them will be removed:</p><ul>%1</ul>").arg(items);
    }
    MessageBox::confirm(this, tr("Delete Space"), text, tr("Delete"), [this, id](bool accepted) {
        if (accepted) {
            Q_EMIT deleteRequested(id);
        }
    });
}

} // namespace Knot
