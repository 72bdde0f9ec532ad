// The Network, as the architecture diagram draws it: one PostgreSQL server with one database per
// service, one RabbitMQ broker, a mail server, four services, the Identity service (the OpenID Connect
// provider), the partner delivery and the gateway, the one front door.
//
// Infrastructure runs as containers where a container runtime works, otherwise as the locally
// installed Debian servers (executable resources, state under .local/). See Infrastructure.cs.
// The mail server is smtp4dev, a local dotnet tool, in both cases.
using Microsoft.Extensions.Configuration;
using Network.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Secrets: generated on first run and kept in the AppHost's user secrets; override with Parameters:<name>.
// No signing secret: the Identity service signs tokens with its own asymmetric keys (under .local/identity-keys).
var staffPassword = builder.AddGeneratedSecret("bootstrap-staff-password", length: 24);
// Encrypts the partners' webhook signing secrets in their database (docs/partners.md).
var partnersSecretsKey = builder.AddGeneratedSecret("partners-secrets-key", length: 48);

// Infrastructure. Least privilege: each service gets its own database role, owner of its database alone, and its own
// broker user, which publishes only to its own exchanges and reads only its own queues (docs/security.md).
var infrastructure = builder.AddNetworkInfrastructure();
var postgres       = infrastructure.AddPostgres("postgres");
var directoryDb    = postgres.AddDatabase("directory-db");
var forumDb        = postgres.AddDatabase("forum-db");
var eventsDb       = postgres.AddDatabase("events-db");
var knowledgeDb    = postgres.AddDatabase("knowledge-db");
var identityDb     = postgres.AddDatabase("identity-db");
var partnersDb     = postgres.AddDatabase("partners-db");
var rabbitmq       = infrastructure.AddRabbitMq("rabbitmq");
// Catches every mail for its web view and delivers none; a service that sends mail takes WithReference(mail).
var mail           = infrastructure.AddMailServer("mail");

// The gateway: the only resource reachable from outside the AppHost; its address is the provider's issuer.
// It has neither a database nor broker credentials.
var gateway = builder.AddService<Projects.Gateway>("gateway", port: builder.Configuration.GetValue("Gateway:HttpPort", 5080))
    .WithExternalHttpEndpoints();
var issuer = gateway.GetEndpoint("http");

// Sign-in: accounts of people and partner systems, the OpenID Connect provider. It learns people and their
// organisations from the Directory's events, so it starts before the Directory publishes.
var identity = builder.AddService<Projects.Identity>("identity-api").WithInfrastructure(identityDb, rabbitmq.AddUser("identity"));
identity.WithSignIn(issuer, identity)
    .WithReference(mail).WaitFor(mail) // invitations and password resets
    .WithEnvironment("Identity__BootstrapStaff__Password", staffPassword)
    .WithEnvironment("Identity__Keys__Directory", Path.Combine(infrastructure.DataDirectory, "identity-keys"));

// Partner delivery: records the public events of every service in one feed and delivers them as signed webhooks, and
// publishes them to the partner exchange (a vhost of its own, where each partner's broker user reads its own queues).
// The services below wait for it: its queues must exist before they publish, or what they publish at their first
// start never reaches partners.
var partnersBroker  = rabbitmq.AddUser("partners");
var partnerExchange = rabbitmq.AddPartnerExchange("partners", publisher: "partners");
var partners  = builder.AddService<Projects.Partners>("partners-api").WithInfrastructure(partnersDb, partnersBroker).WithSignIn(issuer, identity)
    .WithPartnerExchange(partnerExchange)
    // On this machine a partner's test receiver listens on loopback (README); production never allows it (docs/partners.md).
    .WithEnvironment("Partners__Delivery__AllowLoopback", "true")
    .WithEnvironment("Partners__SecretsKey", partnersSecretsKey);

// Services: each owns its database and talks to the others over RabbitMQ.
var knowledge = builder.AddService<Projects.Knowledge>("knowledge-api").WithInfrastructure(knowledgeDb, rabbitmq.AddUser("knowledge")).WithSignIn(issuer, identity)
    // A few fictional good practices of the demo network's organisations, with the Directory's demo data.
    .WithEnvironment("Knowledge__LoadDemoData", builder.Configuration.GetValue("DemoData", true).ToString())
    .WaitFor(partners);
var forum     = builder.AddService<Projects.Forum>("forum-api").WithInfrastructure(forumDb, rabbitmq.AddUser("forum")).WithSignIn(issuer, identity)
    .WithEnvironment("Forum__LoadDemoData", builder.Configuration.GetValue("DemoData", true).ToString()) // demo boards beside the demo network
    // The Knowledge service's queue for promoted threads, and the Identity service's for digests to mail, must exist before
    // the Forum publishes one.
    .WaitFor(knowledge).WaitFor(identity).WaitFor(partners);
var events    = builder.AddService<Projects.Events>("events-api").WithInfrastructure(eventsDb, rabbitmq.AddUser("events")).WithSignIn(issuer, identity)
    // A few fictional events of the demo organisations, two of them what demo good practices came out of.
    .WithEnvironment("Events__LoadDemoData", builder.Configuration.GetValue("DemoData", true).ToString())
    // The Knowledge service's queue for held and documented events (what good practice links to) must exist first.
    .WaitFor(knowledge).WaitFor(partners);
var directory = builder.AddService<Projects.Directory>("directory-api").WithInfrastructure(directoryDb, rabbitmq.AddUser("directory")).WithSignIn(issuer, identity)
    // The fictional demo network of the five pilot cities, on by default; --DemoData=false starts empty.
    .WithEnvironment("Directory__LoadDemoData", builder.Configuration.GetValue("DemoData", true).ToString())
    // Its consumers' queues must exist before it publishes (RabbitMQ drops what no queue is bound for):
    // on a first start the demo data would otherwise never reach them.
    .WaitFor(forum).WaitFor(events).WaitFor(identity).WaitFor(knowledge);

gateway
    .WithReference(identity).WaitFor(identity)
    .WithReference(directory).WaitFor(directory)
    .WithReference(forum).WaitFor(forum)
    .WithReference(events).WaitFor(events)
    .WithReference(knowledge).WaitFor(knowledge)
    .WithReference(partners).WaitFor(partners);

// On the console: "All N resources are healthy after X s.", or which resource failed while starting, with its last log
// lines, and then the AppHost stops with exit code 1 instead of waiting.
builder.AddResourceStatusReporter();
builder.Build().Run();
