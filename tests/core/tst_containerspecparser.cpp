#include "core/template/containerspecparser.h"
#include "testutils.h"

using namespace Knot;

namespace {

QString joined(const Diagnostics& diagnostics)
{
    QStringList lines;
    for (const auto& d : diagnostics) {
        lines.append(d.toString());
    }
    return lines.join(u'\n');
}

} // namespace

class TestContainerSpecParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKey()
    {
        const QString yaml = QStringLiteral(R"(container_name: alice-dev
hostname: dev
image: registry.example.com/dev/ubuntu:24.04
auth:
  username: alice
  password: s3cret
ports: ["8080:80/tcp", "5353:53/udp", "2222:22"]
volumes: ["dev-home:/home", "~/src:/src:ro", "/data:/data:z", "./rel:/rel:nocopy"]
command: [sleep, infinity]
privileged: true
network: host
environment: ["TZ=Europe/London", "EMPTY=", "A_B=c=d"]
cap_add: [CAP_NET_ADMIN, CAP_SYS_PTRACE]
cap_drop: [CAP_MKNOD]
devices: ["/dev/fuse:/dev/fuse"]
dns: [1.1.1.1, "2606:4700::1111"]
dns_search: [example.com]
add_host: ["db:10.0.0.2", "v6:fe80::1", "gw:host-gateway"]
memory: 4G
cpus: 1.5
shell: zsh
)");
        VolumeDefinition declared;
        declared.volumes.append({QStringLiteral("dev-home"), 0});
        const auto parsed = ContainerSpecParser::parse(yaml, declared);
        QVERIFY2(parsed.ok(), qPrintable(joined(parsed.diagnostics)));
        const ContainerSpec& spec = parsed.value;
        QCOMPARE(spec.containerName, QStringLiteral("alice-dev"));
        QCOMPARE(spec.hostname, QStringLiteral("dev"));
        QCOMPARE(spec.image, QStringLiteral("registry.example.com/dev/ubuntu:24.04"));
        QVERIFY(spec.auth.has_value());
        QCOMPARE(spec.auth->username, QStringLiteral("alice"));
        QCOMPARE(spec.auth->password, QStringLiteral("s3cret"));
        QCOMPARE(spec.ports.size(), 3);
        QCOMPARE(spec.ports.at(0), (ContainerSpec::Port {{}, 8080, 80, QStringLiteral("tcp")}));
        QCOMPARE(spec.ports.at(1), (ContainerSpec::Port {{}, 5353, 53, QStringLiteral("udp")}));
        QCOMPARE(spec.ports.at(2).protocol, QStringLiteral("tcp"));
        QCOMPARE(spec.volumes.size(), 4);
        QCOMPARE(spec.volumes.at(0),
                 (ContainerSpec::Mount {QStringLiteral("dev-home"), QStringLiteral("/home"), {}, false}));
        QCOMPARE(spec.volumes.at(1),
                 (ContainerSpec::Mount {QStringLiteral("~/src"), QStringLiteral("/src"), QStringLiteral("ro"), true}));
        QVERIFY(spec.volumes.at(2).hostPath);
        QVERIFY(spec.volumes.at(3).hostPath);
        QCOMPARE(spec.command, (QStringList {QStringLiteral("sleep"), QStringLiteral("infinity")}));
        QVERIFY(spec.privileged);
        QCOMPARE(spec.network, QStringLiteral("host"));
        QCOMPARE(spec.environment.size(), 3);
        QCOMPARE(spec.environment.at(2), QStringLiteral("A_B=c=d"));
        QCOMPARE(spec.capAdd, (QStringList {QStringLiteral("CAP_NET_ADMIN"), QStringLiteral("CAP_SYS_PTRACE")}));
        QCOMPARE(spec.capDrop, QStringList {QStringLiteral("CAP_MKNOD")});
        QCOMPARE(spec.devices.size(), 1);
        QCOMPARE(spec.devices.at(0).container, QStringLiteral("/dev/fuse"));
        QCOMPARE(spec.dns.size(), 2);
        QCOMPARE(spec.dnsSearch, QStringList {QStringLiteral("example.com")});
        QCOMPARE(spec.addHost.size(), 3);
        QCOMPARE(spec.memoryBytes, qint64(4) << 30);
        QCOMPARE(spec.nanoCpus, qint64(1500000000));
        QCOMPARE(spec.shell, QStringLiteral("zsh"));
    }

    void memorySizes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("bytes") << QStringLiteral("1048576") << qint64(1048576);
        QTest::newRow("k") << QStringLiteral("64k") << qint64(64 * 1024);
        QTest::newRow("m") << QStringLiteral("512m") << qint64(512) * 1024 * 1024;
        QTest::newRow("M with b") << QStringLiteral("512MB") << qint64(512) * 1024 * 1024;
        QTest::newRow("G") << QStringLiteral("2G") << (qint64(2) << 30);
        QTest::newRow("fraction") << QStringLiteral("1.5g") << (qint64(3) << 29);
        QTest::newRow("GiB") << QStringLiteral("1GiB") << (qint64(1) << 30);
    }

    void memorySizes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        const auto parsed = ContainerSpecParser::parse(QStringLiteral("image: busybox\nmemory: ") + text);
        QVERIFY2(parsed.ok(), qPrintable(joined(parsed.diagnostics)));
        QCOMPARE(parsed.value.memoryBytes, bytes);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");

        // clang-format off
        const auto row = [](const char* name, const char* yaml, int line, int column, const char* field,
                            const char* message) {
            QTest::newRow(name) << QString::fromUtf8(yaml) << line << column << QString::fromUtf8(field)
                                << QString::fromUtf8(message);
        };
        row("unknown key", "image: x\nimgae: y\n", 2, 1, "imgae", "unknown field \"imgae\"");
        row("missing image", "hostname: dev\n", 1, 1, "image", "\"image\" is required");
        row("empty document", "", 0, 0, "", "the container spec is empty");
        row("syntax error", "image: x\nports: [1, 2\nhostname: y\n", 3, 9, "", "YAML syntax error");
        row("duplicate key", "image: x\nhostname: a\nhostname: b\n", 3, 1, "hostname", "duplicate key \"hostname\"");
        row("two documents", "image: x\n---\nimage: y\n", 3, 1, "", "only one YAML document is allowed");
        row("not a mapping", "- image: x\n", 1, 1, "", "expected a mapping");
        row("image is a list", "image: [a, b]\n", 1, 8, "image", "expected a string, got a list");
        row("image empty", "image:\n", 1, 1, "image", "expected a string, got nothing");
        row("container name", "image: x\ncontainer_name: -bad name\n", 2, 17, "container_name", "is not a valid container name");
        row("hostname", "image: x\nhostname: under_score\n", 2, 11, "hostname", "is not a valid host name");
        row("auth not mapping", "image: x\nauth: alice:secret\n", 2, 7, "auth", "expected a mapping with username and password");
        row("auth unknown key", "image: x\nauth:\n  user: alice\n", 3, 3, "auth.user", "unknown field \"user\"");
        row("port out of range", "image: x\nports:\n  - \"70000:80\"\n", 3, 5, "ports[0]", "port \"70000\" is not a number from 1 to 65535");
        row("port two colons", "image: x\nports: [\"127.0.0.1:80:80\"]\n", 2, 9, "ports[0]", "exactly one \":\"");
        row("port protocol", "image: x\nports: [\"80:80/sctp\"]\n", 2, 9, "ports[0]", "protocol \"sctp\" is not tcp or udp");
        row("port not number", "image: x\nports: [\"http:80\"]\n", 2, 9, "ports[0]", "port \"http\" is not a number");
        row("ports a string", "image: x\nports: \"80:80\"\n", 2, 8, "ports", "expected a list of strings, got a single string");
        row("volume no target", "image: x\nvolumes: [\"data\"]\n", 2, 11, "volumes[0]", "is not SOURCE:TARGET[:OPTIONS]");
        row("volume relative target", "image: x\nvolumes: [\"/a:b\"]\n", 2, 11, "volumes[0]", "target \"b\" is not an absolute path");
        row("volume option", "image: x\nvolumes: [\"/a:/b:rx\"]\n", 2, 11, "volumes[0]", "unknown volume option \"rx\"");
        row("env without equals", "image: x\nenvironment:\n  - A=1\n  - JUSTKEY\n", 4, 5, "environment[1]", "\"JUSTKEY\" is not KEY=value (no \"=\")");
        row("env bad name", "image: x\nenvironment: [\"1A=b\"]\n", 2, 15, "environment[0]", "is not a valid variable name");
        row("cap lowercase", "image: x\ncap_add: [net_admin]\n", 2, 11, "cap_add[0]", "is not a capability in CAP_XXX form");
        row("cap_drop form", "image: x\ncap_drop: [CAP_]\n", 2, 12, "cap_drop[0]", "is not a capability in CAP_XXX form");
        row("device relative", "image: x\ndevices: [\"fuse:/dev/fuse\"]\n", 2, 11, "devices[0]", "is not HOST_PATH:CONTAINER_PATH");
        row("device three parts", "image: x\ndevices: [\"/dev/a:/dev/b:rwm\"]\n", 2, 11, "devices[0]", "is not HOST_PATH:CONTAINER_PATH");
        row("add_host no ip", "image: x\nadd_host: [\"db\"]\n", 2, 12, "add_host[0]", "is not HOSTNAME:IP");
        row("add_host bad ip", "image: x\nadd_host: [\"db:10.0.0.300\"]\n", 2, 12, "add_host[0]", "\"10.0.0.300\" is not an IP address");
        row("dns not ip", "image: x\ndns: [one.one]\n", 2, 7, "dns[0]", "is not an IP address");
        row("memory unit", "image: x\nmemory: 4 potatoes\n", 2, 9, "memory", "is not a memory size");
        row("memory zero", "image: x\nmemory: 0\n", 2, 9, "memory", "is not a memory size");
        row("cpus negative", "image: x\ncpus: -1\n", 2, 7, "cpus", "is not a positive number of CPUs");
        row("cpus text", "image: x\ncpus: lots\n", 2, 7, "cpus", "is not a positive number of CPUs");
        row("privileged not bool", "image: x\nprivileged: maybe\n", 2, 13, "privileged", "expected true or false");
        row("command string", "image: x\ncommand: sleep infinity\n", 2, 10, "command", "expected a list of strings, got a single string");
        row("command nested", "image: x\ncommand: [[a]]\n", 2, 11, "command[0]", "expected a string, got a list");
        row("network list", "image: x\nnetwork: [a]\n", 2, 10, "network", "expected a string, got a list");
        row("undeclared volume", "image: x\nvolumes: [\"cache:/cache\"]\n", 2, 11, "volumes[0]", "named volume \"cache\" is not declared");
        // clang-format on
    }

    void invalid()
    {
        QFETCH(QString, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const auto parsed = ContainerSpecParser::parse(yaml, VolumeDefinition {});
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.diagnostics.size(), 1);
        const Diagnostic& d = parsed.diagnostics.first();
        QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
        QCOMPARE(d.field, field);
        QCOMPARE(d.line, line);
        QCOMPARE(d.column, column);
    }

    void reportsEveryError()
    {
        const auto parsed = ContainerSpecParser::parse(QStringLiteral("imgae: x\n"
                                                                      "ports: [\"0:80\", \"80:80\", \"a:b:c\"]\n"
                                                                      "environment: [NOPE]\n"
                                                                      "cpus: 0\n"));
        QStringList fields;
        for (const auto& d : parsed.diagnostics) {
            fields.append(d.field);
        }
        QCOMPARE(fields,
                 (QStringList {QStringLiteral("imgae"),
                               QStringLiteral("ports[0]"),
                               QStringLiteral("ports[2]"),
                               QStringLiteral("environment[0]"),
                               QStringLiteral("cpus"),
                               QStringLiteral("image")}));
        QCOMPARE(parsed.diagnostics.at(3).line, 3);
    }

    void volumesUncheckedWithoutDefinition()
    {
        const auto parsed = ContainerSpecParser::parse(QStringLiteral("image: x\nvolumes: [\"cache:/cache\"]\n"));
        QVERIFY2(parsed.ok(), qPrintable(joined(parsed.diagnostics)));
        QVERIFY(!parsed.value.volumes.first().hostPath);
    }

    void trailingSeparatorIsStillOneDocument()
    {
        for (const char* yaml : {"image: x\n---\n", "---\nimage: x\n---\n", "image: x\n---\n---\n"}) {
            const auto parsed = ContainerSpecParser::parse(QString::fromLatin1(yaml));
            QVERIFY2(parsed.ok(), qPrintable(QString::fromLatin1(yaml) + joined(parsed.diagnostics)));
            QCOMPARE(parsed.value.image, QStringLiteral("x"));
        }
    }
};

QTEST_GUILESS_MAIN(TestContainerSpecParser)
#include "tst_containerspecparser.moc"
