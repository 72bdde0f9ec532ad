// The Network, as the architecture diagram draws it: one PostgreSQL server with one database per
// service, one RabbitMQ broker, a mail server, four services and the gateway, the one front door.
//
// Infrastructure runs as containers where a container runtime works, otherwise as the locally
// installed Debian servers (executable resources, state under .local/). See Infrastructure.cs.
// The mail server is smtp4dev, a local dotnet tool, in both cases.
using Microsoft.Extensions.Configuration;
using Network.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Secrets: generated on first run and kept in the AppHost's user secrets; override with Parameters:<name>.
var signingKey    = builder.AddGeneratedSecret("auth-signing-key", length: 64, minimumLength: 32);
var staffPassword = builder.AddGeneratedSecret("bootstrap-staff-password", length: 24);

// Infrastructure
var infrastructure = builder.AddNetworkInfrastructure();
var postgres       = infrastructure.AddPostgres("postgres");
var directoryDb    = postgres.AddDatabase("directory-db");
var forumDb        = postgres.AddDatabase("forum-db");
var eventsDb       = postgres.AddDatabase("events-db");
var knowledgeDb    = postgres.AddDatabase("knowledge-db");
var rabbitmq       = infrastructure.AddRabbitMq("rabbitmq");
// Catches every mail for its web view and delivers none; a service that sends mail takes WithReference(mail).
var mail           = infrastructure.AddMailServer("mail");

// Services: each owns its database and talks to the others over RabbitMQ.
var forum     = builder.AddService<Projects.Forum>("forum-api", signingKey).WithInfrastructure(forumDb, rabbitmq);
var events    = builder.AddService<Projects.Events>("events-api", signingKey).WithInfrastructure(eventsDb, rabbitmq);
var knowledge = builder.AddService<Projects.Knowledge>("knowledge-api", signingKey).WithInfrastructure(knowledgeDb, rabbitmq);
var directory = builder.AddService<Projects.Directory>("directory-api", signingKey).WithInfrastructure(directoryDb, rabbitmq)
    // The fictional demo network of the five pilot cities, on by default; --DemoData=false starts empty.
    .WithEnvironment("Directory__LoadDemoData", builder.Configuration.GetValue("DemoData", true).ToString())
    // Its consumers' queues must exist before it publishes (RabbitMQ drops what no queue is bound for):
    // on a first start the demo data would otherwise never reach them.
    .WaitFor(forum).WaitFor(events);

// The gateway: the only resource reachable from outside the AppHost.
builder.AddService<Projects.Gateway>("gateway", signingKey, port: builder.Configuration.GetValue("Gateway:HttpPort", 5080))
    .WithInfrastructure(database: null, rabbitmq)
    .WithEnvironment("Auth__BootstrapStaffPassword", staffPassword)
    .WithReference(directory).WaitFor(directory)
    .WithReference(forum).WaitFor(forum)
    .WithReference(events).WaitFor(events)
    .WithReference(knowledge).WaitFor(knowledge)
    .WithExternalHttpEndpoints();

builder.AddResourceStatusReporter(); // "All N resources are healthy after X s." on the console
builder.Build().Run();
