using Network.Gateway.Routing;
using Network.Platform.Hosting;

// The one front door: routes /api/<service>/... and the OpenID Connect provider's addresses; it signs nobody in
// itself and relays the caller's bearer token unchanged (each service checks it).
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddNetworkProblemDetails();
builder.Services.AddServiceRoutes();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapServiceRoutes();
app.MapDefaultEndpoints();

app.Run();
