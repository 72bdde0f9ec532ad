using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

// The Events service runs with the platform's plumbing (health, OpenAPI, event store, messaging); its
// features come with their own issue.
builder.AddNetworkService(new NetworkServiceOptions { Name = "events", Database = "events-db" });

var app = builder.Build();
app.UseNetworkService();
app.Run();
