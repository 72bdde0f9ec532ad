using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

// The Knowledge service runs with the platform's plumbing (health, OpenAPI, event store, messaging); its
// features come with their own issue.
builder.AddNetworkService(new NetworkServiceOptions { Name = "knowledge", Database = "knowledge-db" });

var app = builder.Build();
app.UseNetworkService();
app.Run();
