using Network.Gateway.Routing;
using Network.Gateway.SignIn;
using Network.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddNetworkProblemDetails();
builder.Services.AddGatewaySignIn(builder.Configuration);
builder.Services.AddServiceRoutes();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapSignInEndpoints();
app.MapServiceRoutes();
app.MapDefaultEndpoints();

app.Run();
