using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace PerfSuite.Affiliates.Webhooks.Dispatching;

/// <summary>
/// SSRF guard for webhook URLs: https only (http by configuration), and no address that is loopback, private,
/// link-local (cloud metadata), carrier-grade NAT, multicast or otherwise not public — unless allowlisted by CIDR or host.
/// Checked when the URL is set and again at every connection (<see cref="WebhookHttp"/> connects to the checked address).
/// </summary>
public sealed class WebhookAddressGuard
{
    private static readonly IPNetwork[] Blocked =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly bool _allowHttp;
    private readonly IPNetwork[] _allowedNetworks;
    private readonly HashSet<string> _allowedHosts;

    public WebhookAddressGuard(IOptions<WebhookOptions> options)
    {
        _allowHttp = options.Value.AllowHttp;
        var networks = new List<IPNetwork>();
        _allowedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in options.Value.Allowlist.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var single)) networks.Add(new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            else _allowedHosts.Add(entry);
        }
        _allowedNetworks = [.. networks];
    }

    /// <summary>Why the URL may not be used as a webhook endpoint (resolving its host now), or null when it may.</summary>
    public async Task<string?> CheckAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || url.Length > 2000)
            return "must be an absolute https URL";
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && _allowHttp))
            return _allowHttp ? "must be an https or http URL" : "must be an https URL";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "must not contain credentials";
        try
        {
            await ResolveAllowedAsync(uri.IdnHost, ct);
            return null;
        }
        catch (WebhookAddressRefused refused)
        {
            return refused.Message;
        }
    }

    /// <summary>The host's addresses that may be connected to; throws when the host is refused or none may.</summary>
    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken ct)
    {
        if (_allowedHosts.Contains(host))
            return IPAddress.TryParse(host, out var literal) ? [literal] : await Resolve(host, ct);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            throw new WebhookAddressRefused("must not point to localhost");
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? [ip] : await Resolve(host, ct);
        var refused = addresses.FirstOrDefault(a => !IsAllowed(a));
        if (refused is not null)
            throw new WebhookAddressRefused($"must not resolve to a loopback, private, link-local or metadata address ({refused})");
        return addresses;
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (_allowedNetworks.Any(n => n.Contains(address))) return true;
        return !Blocked.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }

    private static async Task<IPAddress[]> Resolve(string host, CancellationToken ct)
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, ct);
            return addresses.Length > 0 ? addresses : throw new WebhookAddressRefused($"host {host} does not resolve");
        }
        catch (SocketException)
        {
            throw new WebhookAddressRefused($"host {host} does not resolve");
        }
    }
}

public sealed class WebhookAddressRefused(string message) : Exception(message);
