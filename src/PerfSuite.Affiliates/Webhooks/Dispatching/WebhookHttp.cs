using System.Net.Sockets;

namespace PerfSuite.Affiliates.Webhooks.Dispatching;

/// <summary>
/// The HttpClient webhooks are sent with: it resolves the host itself and connects only to an address the guard
/// allows, so a DNS answer that changes between the check and the connection (rebinding) cannot reach a private address.
/// No redirects are followed, no cookies kept, no proxy used.
/// </summary>
public static class WebhookHttp
{
    public static SocketsHttpHandler CreateHandler(WebhookAddressGuard guard) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await guard.ResolveAllowedAsync(context.DnsEndPoint.Host, ct);
            Exception? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(address, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    last = e;
                    if (ct.IsCancellationRequested) throw;
                }
            }
            throw new HttpRequestException($"Could not connect to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}", last);
        },
    };
}
