#include "core/store/templatestore.h"

#include "core/store/database.h"

#include <QSqlQuery>

namespace Knot {

namespace {

const QString columns = QStringLiteral(
    "id, name, description, icon, platform, job, volumes, feature_terminal, feature_code_server, "
    "feature_vscode_tunnel, feature_ssh, feature_run_command, vnc_enabled, vnc_port, vnc_transport, vnc_password, "
    "code_server_port, pull_policy, extra_yaml, created_at, updated_at, feature_node_migration");

Template templateFromRow(const QSqlQuery& row)
{
    Template t;
    t.id = row.value(0).toString();
    t.name = row.value(1).toString();
    t.description = row.value(2).toString();
    t.icon = row.value(3).toString();
    t.platform = platformFromText(row.value(4).toString()).value_or(Platform::Container);
    t.job = row.value(5).toString();
    t.volumes = row.value(6).toString();
    t.features.terminal = row.value(7).toBool();
    t.features.codeServer = row.value(8).toBool();
    t.features.vscodeTunnel = row.value(9).toBool();
    t.features.ssh = row.value(10).toBool();
    t.features.runCommand = row.value(11).toBool();
    if (row.value(12).toBool()) {
        VncSettings vnc;
        vnc.port = row.value(13).toInt();
        vnc.transport = vncTransportFromText(row.value(14).toString()).value_or(VncTransport::Rfb);
        vnc.password = row.value(15).toString();
        t.vnc = vnc;
    }
    t.codeServerPort = row.value(16).toInt();
    t.pullPolicy = pullPolicyFromText(row.value(17).toString()).value_or(PullPolicy::IfMissing);
    t.extraYaml = row.value(18).toString();
    t.createdAt = Database::fromTimestamp(row.value(19));
    t.updatedAt = Database::fromTimestamp(row.value(20));
    t.features.nodeMigration = row.value(21).toBool();
    return t;
}

// Values in `columns` order.
QVariantList templateValues(const Template& t)
{
    const VncSettings vnc = t.vnc.value_or(VncSettings {});
    return {t.id,
            t.name,
            t.description,
            t.icon,
            toText(t.platform),
            t.job,
            t.volumes,
            t.features.terminal,
            t.features.codeServer,
            t.features.vscodeTunnel,
            t.features.ssh,
            t.features.runCommand,
            t.vnc.has_value(),
            vnc.port,
            toText(vnc.transport),
            vnc.password,
            t.codeServerPort,
            toText(t.pullPolicy),
            t.extraYaml,
            Database::toTimestamp(t.createdAt),
            Database::toTimestamp(t.updatedAt),
            t.features.nodeMigration};
}

} // namespace

Result<QList<Template>> TemplateStore::select(const QString& where, const QVariantList& values) const
{
    auto rows = m_db.exec(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM templates ") + where
                              + QStringLiteral(" ORDER BY lower(name)"),
                          values);
    if (!rows) {
        return rows.error();
    }
    QList<Template> templates;
    QHash<QString, qsizetype> index;
    while (rows->next()) {
        templates.append(templateFromRow(*rows));
        index.insert(templates.last().id, templates.size() - 1);
    }
    if (templates.isEmpty()) {
        return templates;
    }

    // Children: one query per table, whatever the number of templates.
    const QString children = QStringLiteral(" WHERE template_id IN (SELECT id FROM templates ") + where
                             + QStringLiteral(") ORDER BY template_id, position");
    auto ports =
        m_db.exec(QStringLiteral("SELECT template_id, name, port, protocol FROM template_ports") + children, values);
    if (!ports) {
        return ports.error();
    }
    while (ports->next()) {
        TemplatePort port;
        port.name = ports->value(1).toString();
        port.port = ports->value(2).toInt();
        port.protocol = portProtocolFromText(ports->value(3).toString()).value_or(PortProtocol::Http);
        templates[index.value(ports->value(0).toString())].ports.append(port);
    }
    auto fields = m_db.exec(
        QStringLiteral("SELECT template_id, name, description FROM template_custom_fields") + children, values);
    if (!fields) {
        return fields.error();
    }
    while (fields->next()) {
        templates[index.value(fields->value(0).toString())].customFields.append(
            CustomField {fields->value(1).toString(), fields->value(2).toString()});
    }
    return templates;
}

Result<QList<Template>> TemplateStore::list() const
{
    return select({}, {});
}

Result<Template> TemplateStore::get(const QString& id) const
{
    return Database::single(select(QStringLiteral("WHERE id = ?"), {id}),
                            QStringLiteral("No template with id %1").arg(id));
}

Result<Template> TemplateStore::getByName(const QString& name) const
{
    return Database::single(select(QStringLiteral("WHERE lower(name) = lower(?)"), {name}),
                            QStringLiteral("No template named “%1”").arg(name));
}

VoidResult TemplateStore::checkNameFree(const Template& tmpl) const
{
    auto taken = m_db.exec(QStringLiteral("SELECT 1 FROM templates WHERE lower(name) = lower(?) AND id <> ?"),
                           {tmpl.name, tmpl.id});
    if (!taken) {
        return taken.error();
    }
    if (taken->next()) {
        return Error::conflict(QStringLiteral("A template named “%1” already exists").arg(tmpl.name));
    }
    return {};
}

VoidResult TemplateStore::writeChildren(const Template& tmpl)
{
    for (const auto* table : {u"template_ports", u"template_custom_fields"}) {
        if (auto done = m_db.run(QStringLiteral("DELETE FROM %1 WHERE template_id = ?").arg(QString::fromUtf16(table)),
                                 {tmpl.id});
            !done) {
            return done;
        }
    }
    for (int i = 0; i < tmpl.ports.size(); ++i) {
        const TemplatePort& port = tmpl.ports[i];
        if (auto done = m_db.run(QStringLiteral("INSERT INTO template_ports (template_id, position, name, port, "
                                                "protocol) VALUES (?, ?, ?, ?, ?)"),
                                 {tmpl.id, i, port.name, port.port, toText(port.protocol)});
            !done) {
            return done;
        }
    }
    for (int i = 0; i < tmpl.customFields.size(); ++i) {
        const CustomField& field = tmpl.customFields[i];
        if (auto done = m_db.run(QStringLiteral("INSERT INTO template_custom_fields (template_id, position, name, "
                                                "description) VALUES (?, ?, ?, ?)"),
                                 {tmpl.id, i, field.name, field.description});
            !done) {
            return done;
        }
    }
    return {};
}

Result<Template> TemplateStore::insert(Template tmpl)
{
    if (tmpl.id.isEmpty()) {
        tmpl.id = Database::newId();
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!tmpl.createdAt.isValid()) {
        tmpl.createdAt = now;
    }
    if (!tmpl.updatedAt.isValid()) {
        tmpl.updatedAt = tmpl.createdAt;
    }
    auto done = m_db.transaction([&]() -> VoidResult {
        if (auto free = checkNameFree(tmpl); !free) {
            return free;
        }
        const QString placeholders = QStringLiteral("?, ").repeated(templateValues(tmpl).size() - 1) + u'?';
        if (auto inserted = m_db.run(QStringLiteral("INSERT INTO templates (") + columns + QStringLiteral(") VALUES (")
                                         + placeholders + u')',
                                     templateValues(tmpl));
            !inserted) {
            return inserted;
        }
        return writeChildren(tmpl);
    });
    if (!done) {
        return done.error();
    }
    return tmpl;
}

Result<Template> TemplateStore::update(Template tmpl)
{
    tmpl.updatedAt = QDateTime::currentDateTimeUtc();
    auto done = m_db.transaction([&]() -> VoidResult {
        if (auto free = checkNameFree(tmpl); !free) {
            return free;
        }
        // Every column but id, in `columns` order, then the id for WHERE.
        QVariantList values = templateValues(tmpl);
        values.removeFirst();
        values.append(tmpl.id);
        QStringList assignments = columns.split(QStringLiteral(", "));
        assignments.removeFirst();
        for (QString& column : assignments) {
            column += QStringLiteral(" = ?");
        }
        if (auto updated = m_db.change(QStringLiteral("UPDATE templates SET ") + assignments.join(QStringLiteral(", "))
                                           + QStringLiteral(" WHERE id = ?"),
                                       values,
                                       QStringLiteral("No template with id %1").arg(tmpl.id));
            !updated) {
            return updated;
        }
        return writeChildren(tmpl);
    });
    if (!done) {
        return done.error();
    }
    return tmpl;
}

VoidResult TemplateStore::remove(const QString& id)
{
    return m_db.transaction([&]() -> VoidResult {
        const auto tmpl = get(id);
        if (!tmpl) {
            return tmpl.error();
        }
        const auto count = spaceCount(id);
        if (!count) {
            return count.error();
        }
        if (*count > 0) {
            return Error::conflict(QStringLiteral("The template “%1” is used by %2 space(s); delete them first")
                                       .arg(tmpl->name)
                                       .arg(*count));
        }
        if (auto removed = m_db.run(QStringLiteral("DELETE FROM templates WHERE id = ?"), {id}); !removed) {
            return removed;
        }
        return {};
    });
}

Result<int> TemplateStore::spaceCount(const QString& templateId) const
{
    auto count = m_db.exec(QStringLiteral("SELECT count(*) FROM spaces WHERE template_id = ?"), {templateId});
    if (!count) {
        return count.error();
    }
    count->next();
    return count->value(0).toInt();
}

Result<QHash<QString, int>> TemplateStore::spaceCounts() const
{
    auto rows = m_db.exec(QStringLiteral("SELECT template_id, count(*) FROM spaces GROUP BY template_id"));
    if (!rows) {
        return rows.error();
    }
    QHash<QString, int> counts;
    while (rows->next()) {
        counts.insert(rows->value(0).toString(), rows->value(1).toInt());
    }
    return counts;
}

} // namespace Knot
