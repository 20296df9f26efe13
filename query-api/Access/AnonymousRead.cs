using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SearchEngine.Access;

namespace SearchEngine.QueryApi.Access;

/// <summary>
/// Whether requests without a key may read: <see cref="AccessOptions.AnonymousRead"/> when set; unset, only when every
/// address the server listens on is loopback (the addresses the server bound, or the <c>urls</c> setting, or
/// ASP.NET Core's default, http://localhost:5000), so the person on the machine needs no key and a server that anyone on
/// the network can reach never serves them anonymously by accident. Decided once, when the server has started.
/// </summary>
internal sealed partial class AnonymousRead
{
    private readonly Lazy<bool> _allowed;

    public AnonymousRead(IOptions<AccessOptions> options, IServer server, IConfiguration configuration, ILogger<AnonymousRead> logger)
    {
        _allowed = new Lazy<bool>(() =>
        {
            if (options.Value.AnonymousRead is { } configured)
            {
                LogConfigured(logger, configured);
                return configured;
            }

            var addresses = ListenAddresses(server, configuration);
            var allowed = addresses.Count > 0 && addresses.All(IsLoopback);
            LogDecided(logger, allowed, string.Join(", ", addresses));
            return allowed;
        });
    }

    /// <summary>Whether a request without a key may read.</summary>
    public bool Allowed => _allowed.Value;

    /// <summary>Whether <paramref name="address"/> (a URL as Kestrel takes it) reaches only this machine.</summary>
    public static bool IsLoopback(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        // Wildcards (*, +, 0.0.0.0, [::]) and host names other than localhost may be reached from elsewhere; a Unix
        // socket is a file whose permissions, not this setting, decide who connects.
        return !binding.IsUnixPipe
            && (binding.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(binding.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
    }

    private static List<string> ListenAddresses(IServer server, IConfiguration configuration)
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (bound is { Count: > 0 })
        {
            return [.. bound];
        }

        // An in-memory server (tests) binds nothing: what would have been bound is the urls setting or the default.
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        return string.IsNullOrWhiteSpace(urls)
            ? ["http://localhost:5000"]
            : [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Anonymous read is {Allowed} (Access:AnonymousRead)")]
    private static partial void LogConfigured(ILogger logger, bool allowed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anonymous read is {Allowed}: Access:AnonymousRead is unset and the API listens on {Addresses} (on only when every address is loopback)")]
    private static partial void LogDecided(ILogger logger, bool allowed, string addresses);
}
