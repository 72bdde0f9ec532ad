using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Network.Platform.Auth;

/// <summary>The provider's keys could not be read (it is down or answers nonsense): tokens cannot be checked.</summary>
public sealed class ProviderKeysUnavailable(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The provider's signing keys as the bearer-token handler needs them. Read from its JWKS inside the AppHost (not
/// from the discovery document, whose addresses are the gateway's public ones), kept for an hour, and read again at
/// once (at most every 30 s) when a token names a key not seen yet: that is how a key rollover reaches every
/// service without a restart, since the provider publishes the next key before it signs with it.
/// </summary>
public static class ProviderKeys
{
    public const string HttpClientName = "identity-provider-keys";

    public static ConfigurationManager<OpenIdConnectConfiguration> FromJwks(ProviderSettings provider, HttpClient http) =>
        new(provider.KeysAddress, new JwksRetriever(provider.Issuer), new HttpDocumentRetriever(http) { RequireHttps = false })
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(1),
            RefreshInterval = TimeSpan.FromSeconds(30),
        };

    /// <summary>The provider's own keys, for the Identity service, which checks the tokens it issued without a round trip.</summary>
    public static IConfigurationManager<OpenIdConnectConfiguration> Fixed(string issuer, IEnumerable<SecurityKey> signingKeys)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        foreach (var key in signingKeys) configuration.SigningKeys.Add(key);
        return new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
    }

    sealed class JwksRetriever(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            JsonWebKeySet keys;
            try
            {
                keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ProviderKeysUnavailable($"Could not read the sign-in provider's keys from {address}: {e.Message}", e);
            }
            var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys()) configuration.SigningKeys.Add(key);
            if (configuration.SigningKeys.Count == 0)
                throw new ProviderKeysUnavailable($"The sign-in provider published no signing keys at {address}.");
            return configuration;
        }
    }
}
