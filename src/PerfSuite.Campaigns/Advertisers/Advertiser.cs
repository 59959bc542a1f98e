namespace PerfSuite.Campaigns.Advertisers;

public sealed record AdvertiserRegistered(Guid AdvertiserId, string Name, string? Website, DateTimeOffset RegisteredAt);

public sealed record Advertiser(Guid Id, string Name, string? Website, DateTimeOffset RegisteredAt)
{
    public long Version { get; init; }

    public static Advertiser Create(AdvertiserRegistered e) => new(e.AdvertiserId, e.Name, e.Website, e.RegisteredAt);
}
