using Network.Gateway.Routing;
using Network.Gateway.SignIn;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
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
