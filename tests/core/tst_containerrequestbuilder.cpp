#include "core/engine/containerrequestbuilder.h"
#include "testutils.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Knot;

namespace {

const QString home = QStringLiteral("/home/alice");

QJsonArray strings(std::initializer_list<const char*> values)
{
    QJsonArray array;
    for (const char* value : values) {
        array.append(QString::fromUtf8(value));
    }
    return array;
}

ContainerSpec fullSpec()
{
    ContainerSpec spec;
    spec.image = QStringLiteral("registry.example.com/dev/ubuntu:24.04");
    spec.containerName = QStringLiteral("alice-dev");
    spec.hostname = QStringLiteral("dev");
    spec.auth = ContainerSpec::Auth {QStringLiteral("alice"), QStringLiteral("s3cret")};
    spec.ports = {{{}, 8080, 80, QStringLiteral("tcp")},
                  {QStringLiteral("0.0.0.0"), 5353, 53, QStringLiteral("udp")},
                  {{}, 8081, 80, QStringLiteral("tcp")}};
    spec.volumes = {{QStringLiteral("space1-home"), QStringLiteral("/home"), {}, false},
                    {QStringLiteral("~/src"), QStringLiteral("/src"), QStringLiteral("ro"), true},
                    {QStringLiteral("./data/../cache"), QStringLiteral("/cache"), QStringLiteral("Z"), true},
                    {QStringLiteral("/srv"), QStringLiteral("/srv"), {}, true}};
    spec.command = {QStringLiteral("sleep"), QStringLiteral("infinity")};
    spec.privileged = true;
    spec.network = QStringLiteral("host");
    spec.environment = {QStringLiteral("TZ=UTC"), QStringLiteral("EMPTY=")};
    spec.capAdd = {QStringLiteral("CAP_NET_ADMIN")};
    spec.capDrop = {QStringLiteral("CAP_MKNOD")};
    spec.devices = {{QStringLiteral("/dev/fuse"), QStringLiteral("/dev/fuse")}};
    spec.dns = {QStringLiteral("1.1.1.1")};
    spec.dnsSearch = {QStringLiteral("example.com")};
    spec.addHost = {QStringLiteral("db:10.0.0.2")};
    spec.memoryBytes = qint64(4) << 30;
    spec.nanoCpus = 1'500'000'000;
    spec.shell = QStringLiteral("zsh");
    return spec;
}

const QMap<QString, QString> labels {{QStringLiteral("knot.space.id"), QStringLiteral("space1")},
                                     {QStringLiteral("knot.template.hash"), QStringLiteral("abc")}};

} // namespace

class TestContainerRequestBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullRequest_data();
    void fullRequest();
    void minimalRequestLeavesDefaultsToTheEngine();
    void hostPathsAreResolvedAgainstHome_data();
    void hostPathsAreResolvedAgainstHome();
    void capAuditWriteIsNotAddedTwice();
    void registryAuthIsBase64UrlJson();
    void refusesOldApis();
    void remoteEngineTakesOnlyAbsoluteHostPaths();
};

void TestContainerRequestBuilder::fullRequest_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::newRow("1.41") << QStringLiteral("1.41");
    QTest::newRow("1.44") << QStringLiteral("1.44");
    QTest::newRow("1.47") << QStringLiteral("1.47");
}

void TestContainerRequestBuilder::fullRequest()
{
    QFETCH(QString, apiVersion);
    const auto request = ContainerRequestBuilder(home).build(fullSpec(), labels, apiVersion);
    QVERIFY_RESULT(request);
    QCOMPARE(request->name, QStringLiteral("alice-dev"));
    QVERIFY(!request->registryAuth.isEmpty());

    const QJsonObject body = request->body;
    QCOMPARE(body.value(QStringLiteral("Image")).toString(), QStringLiteral("registry.example.com/dev/ubuntu:24.04"));
    QCOMPARE(body.value(QStringLiteral("Hostname")).toString(), QStringLiteral("dev"));
    QCOMPARE(body.value(QStringLiteral("Cmd")).toArray(), strings({"sleep", "infinity"}));
    QCOMPARE(body.value(QStringLiteral("Env")).toArray(), strings({"TZ=UTC", "EMPTY="}));
    QCOMPARE(body.value(QStringLiteral("Labels")).toObject(),
             (QJsonObject {{QStringLiteral("knot.space.id"), QStringLiteral("space1")},
                           {QStringLiteral("knot.template.hash"), QStringLiteral("abc")}}));
    QCOMPARE(body.value(QStringLiteral("Tty")), QJsonValue(false));
    QCOMPARE(body.value(QStringLiteral("OpenStdin")), QJsonValue(false));
    QCOMPARE(body.value(QStringLiteral("ExposedPorts")).toObject(),
             (QJsonObject {{QStringLiteral("80/tcp"), QJsonObject()}, {QStringLiteral("53/udp"), QJsonObject()}}));

    const QJsonObject host = body.value(QStringLiteral("HostConfig")).toObject();
    QCOMPARE(host.value(QStringLiteral("Binds")).toArray(),
             strings({"space1-home:/home", "/home/alice/src:/src:ro", "/home/alice/cache:/cache:Z", "/srv:/srv"}));
    const auto binding = [](const char* ip, const char* port) {
        return QJsonObject {{QStringLiteral("HostIp"), QString::fromUtf8(ip)},
                            {QStringLiteral("HostPort"), QString::fromUtf8(port)}};
    };
    QCOMPARE(host.value(QStringLiteral("PortBindings")).toObject(),
             (QJsonObject {
                 {QStringLiteral("80/tcp"), QJsonArray {binding("127.0.0.1", "8080"), binding("127.0.0.1", "8081")}},
                 {QStringLiteral("53/udp"), QJsonArray {binding("0.0.0.0", "5353")}}}));
    QCOMPARE(host.value(QStringLiteral("Privileged")), QJsonValue(true));
    QCOMPARE(host.value(QStringLiteral("NetworkMode")).toString(), QStringLiteral("host"));
    QCOMPARE(host.value(QStringLiteral("CapAdd")).toArray(), strings({"CAP_NET_ADMIN", "CAP_AUDIT_WRITE"}));
    QCOMPARE(host.value(QStringLiteral("CapDrop")).toArray(), strings({"CAP_MKNOD"}));
    QCOMPARE(host.value(QStringLiteral("Devices")).toArray(),
             (QJsonArray {QJsonObject {{QStringLiteral("PathOnHost"), QStringLiteral("/dev/fuse")},
                                       {QStringLiteral("PathInContainer"), QStringLiteral("/dev/fuse")},
                                       {QStringLiteral("CgroupPermissions"), QStringLiteral("rwm")}}}));
    QCOMPARE(host.value(QStringLiteral("Dns")).toArray(), strings({"1.1.1.1"}));
    QCOMPARE(host.value(QStringLiteral("DnsSearch")).toArray(), strings({"example.com"}));
    QCOMPARE(host.value(QStringLiteral("ExtraHosts")).toArray(), strings({"db:10.0.0.2"}));
    QCOMPARE(host.value(QStringLiteral("Memory")).toInteger(), qint64(4) << 30);
    QCOMPARE(host.value(QStringLiteral("NanoCpus")).toInteger(), qint64(1'500'000'000));
    QCOMPARE(host.value(QStringLiteral("RestartPolicy")).toObject(),
             (QJsonObject {{QStringLiteral("Name"), QStringLiteral("no")}}));
}

void TestContainerRequestBuilder::minimalRequestLeavesDefaultsToTheEngine()
{
    ContainerSpec spec;
    spec.image = QStringLiteral("busybox");
    const auto request = ContainerRequestBuilder(home).build(spec, {}, QStringLiteral("1.41"));
    QVERIFY_RESULT(request);
    QVERIFY(request->name.isEmpty());
    QVERIFY(request->registryAuth.isEmpty());
    const QJsonObject body = request->body;
    for (const char* key : {"Hostname", "Cmd", "Env", "ExposedPorts"}) {
        QVERIFY2(!body.contains(QString::fromUtf8(key)), key);
    }
    QCOMPARE(body.value(QStringLiteral("Labels")).toObject(), QJsonObject());
    const QJsonObject host = body.value(QStringLiteral("HostConfig")).toObject();
    for (const char* key : {"NetworkMode", "Memory", "NanoCpus"}) {
        QVERIFY2(!host.contains(QString::fromUtf8(key)), key);
    }
    QCOMPARE(host.value(QStringLiteral("Privileged")), QJsonValue(false));
    QCOMPARE(host.value(QStringLiteral("CapAdd")).toArray(), strings({"CAP_AUDIT_WRITE"}));
    QCOMPARE(host.value(QStringLiteral("Binds")).toArray(), QJsonArray());
}

void TestContainerRequestBuilder::hostPathsAreResolvedAgainstHome_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("hostPath");
    QTest::addColumn<QString>("bind");
    QTest::newRow("tilde") << QStringLiteral("~") << true << QStringLiteral("/home/alice:/x");
    QTest::newRow("tilde slash") << QStringLiteral("~/a/b") << true << QStringLiteral("/home/alice/a/b:/x");
    QTest::newRow("dot") << QStringLiteral(".") << true << QStringLiteral("/home/alice:/x");
    QTest::newRow("dot slash") << QStringLiteral("./w") << true << QStringLiteral("/home/alice/w:/x");
    QTest::newRow("dot dot") << QStringLiteral("../bob") << true << QStringLiteral("/home/bob:/x");
    QTest::newRow("absolute") << QStringLiteral("/srv//data/") << true << QStringLiteral("/srv/data:/x");
    QTest::newRow("named volume") << QStringLiteral("space1-home") << false << QStringLiteral("space1-home:/x");
}

void TestContainerRequestBuilder::hostPathsAreResolvedAgainstHome()
{
    QFETCH(QString, source);
    QFETCH(bool, hostPath);
    QFETCH(QString, bind);
    QCOMPARE(ContainerRequestBuilder(home).bind({source, QStringLiteral("/x"), {}, hostPath}), bind);
}

void TestContainerRequestBuilder::capAuditWriteIsNotAddedTwice()
{
    ContainerSpec spec;
    spec.image = QStringLiteral("busybox");
    spec.capAdd = {QStringLiteral("CAP_AUDIT_WRITE")};
    auto request = ContainerRequestBuilder(home).build(spec, {}, QStringLiteral("1.43"));
    QVERIFY_RESULT(request);
    QCOMPARE(request->body[QStringLiteral("HostConfig")][QStringLiteral("CapAdd")].toArray(),
             strings({"CAP_AUDIT_WRITE"}));

    // Dropping it on purpose wins over knot's default.
    spec.capAdd.clear();
    spec.capDrop = {QStringLiteral("CAP_AUDIT_WRITE")};
    request = ContainerRequestBuilder(home).build(spec, {}, QStringLiteral("1.43"));
    QVERIFY_RESULT(request);
    QCOMPARE(request->body[QStringLiteral("HostConfig")][QStringLiteral("CapAdd")].toArray(), QJsonArray());
}

void TestContainerRequestBuilder::registryAuthIsBase64UrlJson()
{
    // "?>" and "~~~" produce "+" and "/" in plain base64: the URL alphabet must replace them.
    const ContainerSpec::Auth auth {QStringLiteral("al?>ce"), QStringLiteral("p~~~w\"d")};
    const QByteArray header = ContainerRequestBuilder::registryAuth(auth);
    QVERIFY2(!header.contains('+') && !header.contains('/'), header.constData());
    const auto decoded =
        QByteArray::fromBase64Encoding(header, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(decoded);
    const QJsonObject json = QJsonDocument::fromJson(*decoded).object();
    QCOMPARE(json,
             (QJsonObject {{QStringLiteral("username"), auth.username}, {QStringLiteral("password"), auth.password}}));

    const auto request = ContainerRequestBuilder(home).build(fullSpec(), {}, QStringLiteral("1.41"));
    QVERIFY_RESULT(request);
    QCOMPARE(request->registryAuth, ContainerRequestBuilder::registryAuth(*fullSpec().auth));
}

void TestContainerRequestBuilder::refusesOldApis()
{
    for (const QString& version : {QStringLiteral("1.40"), QStringLiteral("1.0.0"), QString(), QStringLiteral("x")}) {
        const auto request = ContainerRequestBuilder(home).build(fullSpec(), labels, version);
        QVERIFY2(!request.ok(), qPrintable(version));
        QCOMPARE(request.error().kind, Error::Kind::Unsupported);
    }
    QVERIFY_RESULT(ContainerRequestBuilder(home).build(fullSpec(), labels, QStringLiteral("1.48")));
}

// An engine on another machine: `~` and relative paths would be this machine's, so they are refused with the
// volume named; absolute ones are that machine's and go through as written, named volumes too.
void TestContainerRequestBuilder::remoteEngineTakesOnlyAbsoluteHostPaths()
{
    const ContainerRequestBuilder remote {QString()};
    for (const QString& source : {QStringLiteral("~/code"), QStringLiteral("./w"), QStringLiteral("~")}) {
        ContainerSpec spec;
        spec.image = QStringLiteral("busybox");
        spec.volumes = {{source, QStringLiteral("/workspace"), {}, true}};
        const auto request = remote.build(spec, {}, QStringLiteral("1.43"));
        QVERIFY2(!request.ok(), qPrintable(source));
        QCOMPARE(request.error().kind, Error::Kind::Invalid);
        QVERIFY2(request.error().message.contains(source + QStringLiteral(":/workspace")),
                 qPrintable(request.error().message));
    }
    ContainerSpec spec;
    spec.image = QStringLiteral("busybox");
    spec.volumes = {{QStringLiteral("/srv/code"), QStringLiteral("/workspace"), {}, true},
                    {QStringLiteral("space1-home"), QStringLiteral("/home/dev"), {}, false}};
    const auto request = remote.build(spec, {}, QStringLiteral("1.43"));
    QVERIFY_RESULT(request);
    QCOMPARE(request->body[QStringLiteral("HostConfig")][QStringLiteral("Binds")].toArray(),
             strings({"/srv/code:/workspace", "space1-home:/home/dev"}));
}

QTEST_GUILESS_MAIN(TestContainerRequestBuilder)
#include "tst_containerrequestbuilder.moc"
