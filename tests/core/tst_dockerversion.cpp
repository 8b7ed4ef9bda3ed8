#include "core/engine/dockerclient.h"
#include "core/engine/engineendpoint.h"
#include "testutils.h"

using namespace Knot;

namespace {
// JSON written with single quotes (moc cannot read raw string literals).
QByteArray q(const char* json)
{
    return QByteArray(json).replace('\'', '"');
}
} // namespace

// Version negotiation and error mapping of DockerClient, from recorded engine replies.
class TestDockerVersion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void docker()
    {
        const Result<EngineVersion> v = DockerClient::parseVersion(
            q("{'Platform':{'Name':''},'Components':[{'Name':'Engine','Version':'20.10.24'}],"
              "'Version':'20.10.24','ApiVersion':'1.41','MinAPIVersion':'1.12','Os':'linux','Arch':'amd64'}"));
        QVERIFY_RESULT(v);
        QCOMPARE(v->kind, EngineRecord::Kind::Docker);
        QCOMPARE(v->apiVersion, QStringLiteral("1.41"));
        QCOMPARE(v->productVersion, QStringLiteral("20.10.24"));
    }

    void newerEngineUsesOurs()
    {
        const Result<EngineVersion> v = DockerClient::parseVersion(
            q("{'Components':[{'Name':'Engine'}],'Version':'29.0.0','ApiVersion':'1.52','MinAPIVersion':'1.44'}"));
        QVERIFY_RESULT(v);
        QCOMPARE(v->apiVersion, QStringLiteral("1.47"));
    }

    void podman()
    {
        const Result<EngineVersion> v = DockerClient::parseVersion(
            q("{'Platform':{'Name':'linux/amd64/debian-12'},'Components':[{'Name':'Podman Engine','Version':'4.3.1'}],"
              "'Version':'4.3.1','ApiVersion':'1.41','MinAPIVersion':'1.24'}"));
        QVERIFY_RESULT(v);
        QCOMPARE(v->kind, EngineRecord::Kind::Podman);
        QCOMPARE(v->apiVersion, QStringLiteral("1.41"));
        // Some Podman releases reported a bogus API version.
        const Result<EngineVersion> bogus =
            DockerClient::parseVersion(q("{'Components':[{'Name':'Podman "
                                         "Engine'}],'Version':'3.0.0','ApiVersion':'1.0.0','MinAPIVersion':'1.0.0'}"));
        QVERIFY_RESULT(bogus);
        QCOMPARE(bogus->apiVersion, QStringLiteral("1.41"));
    }

    void refusals()
    {
        const Result<EngineVersion> tooNew =
            DockerClient::parseVersion(q("{'Version':'40.0','ApiVersion':'1.60','MinAPIVersion':'1.50'}"));
        QVERIFY(!tooNew.ok());
        QCOMPARE(tooNew.error().kind, Error::Kind::Unsupported);
        QVERIFY(tooNew.error().message.contains(QStringLiteral("1.50")));
        const Result<EngineVersion> tooOld =
            DockerClient::parseVersion(q("{'Version':'1.11','ApiVersion':'1.23','MinAPIVersion':'1.12'}"));
        QVERIFY(!tooOld.ok());
        QVERIFY(!DockerClient::parseVersion("<html>").ok());
    }

    void engineErrors()
    {
        HttpResponse response;
        response.status = 409;
        response.body = "{\"message\":\"Conflict. The container name \\\"/x\\\" is already in use\"}";
        const Error error = DockerClient::errorFromResponse(response, "POST /containers/create?name=x%2Fy");
        QCOMPARE(error.kind, Error::Kind::Engine);
        QCOMPARE(error.httpStatus, 409);
        QCOMPARE(error.message, QStringLiteral("Conflict. The container name \"/x\" is already in use"));
        QCOMPARE(error.detail, QStringLiteral("POST /containers/create?name=x%2Fy: HTTP 409"));
        HttpResponse plain;
        plain.status = 500;
        plain.reason = "Internal Server Error";
        QCOMPARE(DockerClient::errorFromResponse(plain, "GET /x").message,
                 QStringLiteral("HTTP 500 Internal Server Error"));
    }

    void containerInspect()
    {
        const Result<ContainerInfo> info = DockerClient::parseContainer(
            q("{'Id':'abc','Name':'/knot-space','Config':{'Image':'busybox','Labels':{'knot.space':'s1'},'Tty':true},"
              "'State':{'Status':'exited','Running':false,'ExitCode':137,'Error':'','OOMKilled':true,"
              "'StartedAt':'2026-01-02T03:04:05.123456789Z','FinishedAt':'0001-01-01T00:00:00Z'},"
              "'NetworkSettings':{'Ports':{'8080/tcp':[{'HostIp':'127.0.0.1','HostPort':'18080'}],'53/"
              "udp':null}}}"));
        QVERIFY_RESULT(info);
        QCOMPARE(info->name, QStringLiteral("knot-space"));
        QCOMPARE(info->labels.value(QStringLiteral("knot.space")), QStringLiteral("s1"));
        QVERIFY(info->tty);
        QCOMPARE(info->state.exitCode, 137);
        QVERIFY(info->state.oomKilled);
        QCOMPARE(info->ports.size(), 2);
        const auto published = std::find_if(
            info->ports.cbegin(), info->ports.cend(), [](const ContainerPort& p) { return p.containerPort == 8080; });
        QVERIFY(published != info->ports.cend());
        QCOMPARE(published->hostPort, 18080);
        QCOMPARE(published->hostIp, QStringLiteral("127.0.0.1"));
        QCOMPARE(published->protocol, QStringLiteral("tcp"));
    }

    void endpoints()
    {
        QCOMPARE(EngineEndpoint::parse(QStringLiteral("unix:///run/podman/podman.sock"))->path,
                 QStringLiteral("/run/podman/podman.sock"));
        QCOMPARE(EngineEndpoint::parse(QStringLiteral("/var/run/docker.sock"))->toString(),
                 QStringLiteral("unix:///var/run/docker.sock"));
        const Result<EngineEndpoint> tcp = EngineEndpoint::parse(QStringLiteral("tcp://10.0.0.5:2375"));
        QVERIFY_RESULT(tcp);
        QCOMPARE(tcp->transport, EngineEndpoint::Transport::Tcp);
        QCOMPARE(tcp->port, 2375);
        QVERIFY(!EngineEndpoint::parse(QStringLiteral("tcp://nohost")).ok());
        QVERIFY(!EngineEndpoint::parse(QStringLiteral("unix://relative")).ok());

        // Where published ports are: here for a local socket or loopback TCP, elsewhere otherwise.
        QVERIFY(EngineEndpoint::parse(QStringLiteral("/run/podman/podman.sock"))->isLocal());
        QVERIFY(EngineEndpoint::parse(QStringLiteral("tcp://127.0.0.1:2375"))->isLocal());
        QVERIFY(EngineEndpoint::parse(QStringLiteral("tcp://localhost:2375"))->isLocal());
        QVERIFY(EngineEndpoint::parse(QStringLiteral("tcp://[::1]:2375"))->isLocal());
        QVERIFY(!tcp->isLocal());
        QVERIFY(!EngineEndpoint::parse(QStringLiteral("ssh://dev@127.0.0.1/var/run/docker.sock"))->isLocal());
    }

    void sshEndpoints()
    {
        // Like the docker CLI: no path means Docker's socket on the remote machine.
        const Result<EngineEndpoint> plain = EngineEndpoint::parse(QStringLiteral("ssh://dev@build-box"));
        QVERIFY_RESULT(plain);
        QCOMPARE(plain->transport, EngineEndpoint::Transport::Ssh);
        QCOMPARE(plain->user, QStringLiteral("dev"));
        QCOMPARE(plain->host, QStringLiteral("build-box"));
        QCOMPARE(plain->port, 0);
        QCOMPARE(plain->path, QStringLiteral("/var/run/docker.sock"));
        QCOMPARE(plain->toString(), QStringLiteral("ssh://dev@build-box/var/run/docker.sock"));

        // Podman's form: port and the rootless socket path.
        const auto podman =
            EngineEndpoint::parse(QStringLiteral("ssh://core@10.0.0.7:2222/run/user/1000/podman/podman.sock"));
        QVERIFY_RESULT(podman);
        QCOMPARE(podman->port, 2222);
        QCOMPARE(podman->path, QStringLiteral("/run/user/1000/podman/podman.sock"));
        QCOMPARE(EngineEndpoint::parse(podman->toString()).value(), *podman);

        const auto noUser = EngineEndpoint::parse(QStringLiteral("ssh://[::1]:22/run/docker.sock"));
        QVERIFY_RESULT(noUser);
        QVERIFY(noUser->user.isEmpty());
        QCOMPARE(noUser->toString(), QStringLiteral("ssh://[::1]:22/run/docker.sock"));

        for (const char* bad : {"ssh://", "ssh://user:secret@host", "ssh://host:0", "ssh://host/sock?x=1"}) {
            const auto parsed = EngineEndpoint::parse(QString::fromUtf8(bad));
            QVERIFY2(!parsed.ok(), bad);
            QVERIFY2(parsed.error().message.contains(QStringLiteral("ssh://[user@]host")), bad);
        }
    }
};

QTEST_GUILESS_MAIN(TestDockerVersion)
#include "tst_dockerversion.moc"
