using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Network.Platform.Http;

public static class ProblemDetailsCustomisation
{
    /// <summary>
    /// Adds a customisation of every problem after those registered before it, instead of replacing them: a service
    /// that says more about its own problems keeps the platform's instance and traceId (AddNetworkProblemDetails).
    /// </summary>
    public static IServiceCollection CustomizeProblemDetailsToo(this IServiceCollection services, Action<ProblemDetailsContext> customize) =>
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var before = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                before?.Invoke(context);
                customize(context);
            };
        });
}
