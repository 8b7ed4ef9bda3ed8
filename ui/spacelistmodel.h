#pragma once

#include "core/model/space.h"
#include "core/model/template.h"
#include "core/space/serviceprobe.h"
#include "ui/iconcache.h"
#include "ui/serviceicon.h"

#include <QAbstractListModel>
#include <QHash>

namespace Knot {

// The Spaces page's rows (and the tray menu's). Fed by the space service's signals through
// setSpaces/updateSpace/removeSpace and setPullProgress; it never asks anything itself.
class SpaceListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        NameRole,
        DescriptionRole,
        StateRole,     // int(SpaceState)
        StateTextRole, // "Running", …
        ErrorRole,     // the engine's text while Failed
        TemplateIdRole,
        TemplateNameRole,
        ManualRole,          // the template is manual: no Start
        UpdateAvailableRole, // running with an older template hash
        StartedAtRole,
        PullProgressRole, // 0–100 while pulling, -1 when the size is unknown, null otherwise
        PullTextRole,
        ServicesRole, // int(ServiceIcons) the template enables
        // int(ServiceIcons) to show while Running: enabled and answering (see setProbingServices)
        VisibleServicesRole,
        TunnelConnectedRole, // bool: the VS Code tunnel is connected (its icon is red otherwise)
        TunnelNameRole,      // the connected tunnel's name
    };

    explicit SpaceListModel(QObject* parent = nullptr);

    void setSpaces(const QList<Space>& spaces);
    // Inserts or replaces one space (matched by id).
    void updateSpace(const Space& space);
    void removeSpace(const QString& id);
    // The templates the spaces refer to, with their current hash (TemplateHash) for Update Available.
    void setTemplates(const QList<Template>& templates, const QHash<QString, QString>& hashes);
    // Image pull progress while Starting; cleared when the space leaves Starting.
    void setPullProgress(const QString& spaceId, int percent, const QString& text);
    // With probing on, a running space shows only the services that answer: VNC and Code Server
    // once their port listens inside, the terminal, ports and the VS Code tunnel (red until
    // connected) at once. Off (no prober, e.g. in tests of other things): the template's services.
    void setProbingServices(bool probing);
    // What the last probe found; an empty status forgets it (the space stopped).
    void setServiceStatus(const QString& spaceId, const ServiceStatus& status);

    int rowOf(const QString& id) const;
    std::optional<Space> spaceById(const QString& id) const;
    const QList<Space>& spaces() const { return m_spaces; }
    bool anyRunning() const;

    static ServiceIcons servicesFor(const Template& tmpl);
    // The template's services that `status` shows answering.
    static ServiceIcons answeringServices(const Template& tmpl, const ServiceStatus& status);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Pull
    {
        int percent = -1;
        QString text;
    };

    void emitRowChanged(int row);

    QList<Space> m_spaces;
    QHash<QString, Template> m_templates;
    mutable IconCache m_icons; // data() is const; decorations are asked for on every paint
    QHash<QString, QString> m_hashes;
    QHash<QString, Pull> m_pulls;
    QHash<QString, ServiceStatus> m_status;
    bool m_probing = false;
};

} // namespace Knot
