#include "ui/spacelistmodel.h"

#include "ui/icons.h"
#include "ui/idlookup.h"

#include <algorithm>

namespace Knot {

SpaceListModel::SpaceListModel(QObject* parent) : QAbstractListModel(parent) { }

void SpaceListModel::setSpaces(const QList<Space>& spaces)
{
    beginResetModel();
    m_spaces = spaces;
    m_pulls.clear();
    m_status.clear();
    endResetModel();
}

void SpaceListModel::updateSpace(const Space& space)
{
    if (space.state != SpaceState::Starting) {
        m_pulls.remove(space.id);
    }
    const int row = rowOf(space.id);
    if (row >= 0) {
        m_spaces[row] = space;
        emitRowChanged(row);
        return;
    }
    beginInsertRows({}, m_spaces.size(), m_spaces.size());
    m_spaces.append(space);
    endInsertRows();
}

void SpaceListModel::removeSpace(const QString& id)
{
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_spaces.removeAt(row);
    m_pulls.remove(id);
    m_status.remove(id);
    endRemoveRows();
}

void SpaceListModel::setProbingServices(bool probing)
{
    if (std::exchange(m_probing, probing) != probing && !m_spaces.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {VisibleServicesRole, TunnelConnectedRole});
    }
}

void SpaceListModel::setServiceStatus(const QString& spaceId, const ServiceStatus& status)
{
    if (status == ServiceStatus()) {
        if (!m_status.remove(spaceId)) {
            return;
        }
    } else {
        m_status.insert(spaceId, status);
    }
    if (const int row = rowOf(spaceId); row >= 0) {
        Q_EMIT dataChanged(index(row), index(row), {VisibleServicesRole, TunnelConnectedRole, TunnelNameRole});
    }
}

void SpaceListModel::setTemplates(const QList<Template>& templates, const QHash<QString, QString>& hashes)
{
    m_templates.clear();
    for (const Template& tmpl : templates) {
        m_templates.insert(tmpl.id, tmpl);
    }
    m_hashes = hashes;
    if (!m_spaces.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(m_spaces.size() - 1));
    }
}

void SpaceListModel::setPullProgress(const QString& spaceId, int percent, const QString& text)
{
    const int row = rowOf(spaceId);
    if (row < 0 || m_spaces[row].state != SpaceState::Starting) {
        return;
    }
    m_pulls.insert(spaceId, Pull {percent, text});
    Q_EMIT dataChanged(index(row), index(row), {PullProgressRole, PullTextRole});
}

int SpaceListModel::rowOf(const QString& id) const
{
    return indexById(m_spaces, id);
}

std::optional<Space> SpaceListModel::spaceById(const QString& id) const
{
    return findById(m_spaces, id);
}

bool SpaceListModel::anyRunning() const
{
    return std::any_of(
        m_spaces.cbegin(), m_spaces.cend(), [](const Space& space) { return space.state == SpaceState::Running; });
}

ServiceIcons SpaceListModel::servicesFor(const Template& tmpl)
{
    ServiceIcons services;
    if (tmpl.vnc.has_value()) {
        services |= ServiceIcon::Vnc;
    }
    if (tmpl.features.codeServer) {
        services |= ServiceIcon::CodeServer;
    }
    if (tmpl.features.vscodeTunnel) {
        services |= ServiceIcon::VscodeTunnel;
    }
    if (tmpl.features.terminal) {
        services |= ServiceIcon::WebTerminal;
    }
    // Ports also lists ports discovered inside the space, so every container space offers it.
    if (!tmpl.isManual() || !tmpl.ports.isEmpty()) {
        services |= ServiceIcon::Ports;
    }
    return services;
}

ServiceIcons SpaceListModel::answeringServices(const Template& tmpl, const ServiceStatus& status)
{
    const ServiceIcons enabled = servicesFor(tmpl);
    // An exec always reaches a running container; the ports menu and the tunnel (red or not) are
    // useful as soon as it runs.
    ServiceIcons answering = enabled & (ServiceIcon::WebTerminal | ServiceIcon::Ports | ServiceIcon::VscodeTunnel);
    if (enabled.testFlag(ServiceIcon::Vnc) && tmpl.vnc && status.listens(tmpl.vnc->port)) {
        answering |= ServiceIcon::Vnc;
    }
    if (enabled.testFlag(ServiceIcon::CodeServer) && status.listens(tmpl.codeServerPort)) {
        answering |= ServiceIcon::CodeServer;
    }
    return answering;
}

int SpaceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_spaces.size());
}

QVariant SpaceListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Space& space = m_spaces[index.row()];
    const auto tmpl = m_templates.constFind(space.templateId);
    const bool hasTemplate = tmpl != m_templates.cend();

    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return space.name;
    case Qt::DecorationRole:
        return m_icons.fromSetting(space.icon.isEmpty() && hasTemplate ? tmpl->icon : space.icon);
    case DescriptionRole:
        return space.description;
    case Qt::ToolTipRole:
        return space.state == SpaceState::Failed ? space.lastError : space.description;
    case IdRole:
        return space.id;
    case StateRole:
        return static_cast<int>(space.state);
    case StateTextRole:
        return toText(space.state);
    case ErrorRole:
        return space.state == SpaceState::Failed ? space.lastError : QString();
    case TemplateIdRole:
        return space.templateId;
    case TemplateNameRole:
        return hasTemplate ? tmpl->name : QString();
    case ManualRole:
        return hasTemplate && tmpl->isManual();
    case UpdateAvailableRole: {
        const QString current = m_hashes.value(space.templateId);
        return space.state == SpaceState::Running && !current.isEmpty() && !space.startedHash.isEmpty()
               && current != space.startedHash;
    }
    case StartedAtRole:
        return space.state == SpaceState::Running ? space.startedAt : QDateTime();
    case PullProgressRole: {
        const auto pull = m_pulls.constFind(space.id);
        return pull == m_pulls.cend() ? QVariant() : QVariant(pull->percent);
    }
    case PullTextRole:
        return m_pulls.value(space.id).text;
    case ServicesRole:
        return hasTemplate ? static_cast<int>(servicesFor(*tmpl)) : 0;
    case VisibleServicesRole:
        if (!hasTemplate) {
            return 0;
        }
        return static_cast<int>(m_probing ? answeringServices(*tmpl, m_status.value(space.id)) : servicesFor(*tmpl));
    case TunnelConnectedRole:
        return !m_probing || m_status.value(space.id).tunnelConnected;
    case TunnelNameRole:
        return m_status.value(space.id).tunnelName;
    default:
        return {};
    }
}

QHash<int, QByteArray> SpaceListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(NameRole, "name");
    names.insert(DescriptionRole, "description");
    names.insert(StateRole, "state");
    names.insert(StateTextRole, "stateText");
    names.insert(ErrorRole, "error");
    names.insert(TemplateIdRole, "templateId");
    names.insert(TemplateNameRole, "templateName");
    names.insert(ManualRole, "manual");
    names.insert(UpdateAvailableRole, "updateAvailable");
    names.insert(StartedAtRole, "startedAt");
    names.insert(PullProgressRole, "pullProgress");
    names.insert(PullTextRole, "pullText");
    names.insert(ServicesRole, "services");
    names.insert(VisibleServicesRole, "visibleServices");
    names.insert(TunnelConnectedRole, "tunnelConnected");
    names.insert(TunnelNameRole, "tunnelName");
    return names;
}

void SpaceListModel::emitRowChanged(int row)
{
    Q_EMIT dataChanged(index(row), index(row));
}

} // namespace Knot
