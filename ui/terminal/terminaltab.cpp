#include "ui/terminal/terminaltab.h"

#include "ui/terminal/terminalsession.h"
#include "ui/terminal/terminalsurface.h"
#include "ui/terminal/terminalview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Knot {

TerminalTab::TerminalTab(SessionFactory factory, QWidget* parent)
    : QWidget(parent)
    , m_factory(std::move(factory))
    , m_view(new TerminalView(this))
    , m_bar(new QWidget(this))
    , m_message(new QLabel(m_bar))
    , m_reconnect(new QPushButton(tr("Reconnect"), m_bar))
{
    auto* barLayout = new QHBoxLayout(m_bar);
    barLayout->addWidget(m_message, 1);
    barLayout->addWidget(m_reconnect);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);
    m_bar->hide();

    connect(m_reconnect, &QPushButton::clicked, this, &TerminalTab::reconnect);
    connect(m_view, &TerminalView::sessionClosed, this, &TerminalTab::onClosed);
    connect(m_view, &TerminalView::titleChanged, this, &TerminalTab::titleChanged);
    reconnect();
}

void TerminalTab::reconnect()
{
    TerminalSession* old = m_session;
    m_session = m_factory ? m_factory(this) : nullptr;
    m_view->setSession(m_session);
    if (old) {
        old->deleteLater();
    }
    m_closedReason.clear();
    m_bar->hide();
    // The new session learns the grid size from the view's next resize; tell it now.
    if (m_session) {
        m_session->resize(m_view->surface()->rows(), m_view->surface()->columns());
    }
    m_view->setFocus();
}

void TerminalTab::onClosed(const QString& reason)
{
    m_closedReason = reason;
    m_message->setText(reason);
    m_bar->show();
}

} // namespace Knot
