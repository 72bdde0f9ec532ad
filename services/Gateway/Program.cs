using Network.Gateway.Routing;
using Network.Platform.Hosting;

// The one front door: routes /api/<service>/... and the OpenID Connect provider's addresses; it signs nobody in
// itself and relays the caller's bearer token unchanged (each service checks it).
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddNetworkProblemDetails();
builder.Services.AddServiceRoutes();
// The services' own body limit, enforced here first: a larger body is the gateway's 413, not a cut-off forward (502).
builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
    options => options.Limits.MaxRequestBodySize = NetworkService.MaxRequestBodyBytes);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
// A publication's PDF may be larger than the 1 MiB every other body keeps to (Platform/Http/FileUploads.cs).
app.Use((context, next) =>
{
    Network.Platform.Http.FileUploads.AllowFileUploads(context);
    return next(context);
});

app.MapServiceRoutes();
app.MapDefaultEndpoints();

app.Run();
