using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Network.Platform.Mail;

public static class MailSetup
{
    /// <summary>The sender when <c>Mail:From</c> is not set.</summary>
    public const string DefaultFrom = "Network <no-reply@network.example>";

    /// <summary>
    /// Registers <see cref="IMailSender"/> for the SMTP server in <c>ConnectionStrings:mail</c> (see <see cref="SmtpServerAddress"/>),
    /// sending as <c>Mail:From</c> (<see cref="DefaultFrom"/> when unset). Throws <see cref="InvalidOperationException"/> at
    /// startup when either is missing or malformed, rather than at the first mail.
    /// </summary>
    public static IServiceCollection AddNetworkMail(this IServiceCollection services, IConfiguration configuration)
    {
        var server = SmtpServerAddress.Parse(configuration.GetConnectionString(SmtpServerAddress.ConnectionStringName));
        var configuredFrom = configuration["Mail:From"];
        var fromText = string.IsNullOrWhiteSpace(configuredFrom) ? DefaultFrom : configuredFrom;
        if (!MailboxAddress.TryParse(fromText, out var from) || string.IsNullOrEmpty(from.Domain))
            throw new InvalidOperationException($"Mail:From must be a mail address such as '{DefaultFrom}', not '{fromText}'.");
        services.AddSingleton<IMailSender>(new MailKitMailSender(server, from));
        return services;
    }
}
