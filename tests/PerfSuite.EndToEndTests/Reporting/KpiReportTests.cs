using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Reporting;

[Collection(SuiteCollection.Name)]
public sealed class KpiReportTests(SuiteFixture suite)
{
    private static decimal Dec(JsonNode? row, string field) => row![field]!.GetValue<decimal>();

    private static JsonNode Row(JsonNode? rows, string key) => rows!.AsArray().Single(r => r!["key"]!.GetValue<string>() == key)!;

    [Fact]
    public async Task Known_journeys_yield_exactly_the_expected_kpi_rows_by_campaign_affiliate_variant_and_day_for_readers_only()
    {
        var journey = await ReportingJourney.LaunchAsync(suite);
        var api = journey.Api;
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        // Ann's link: 4 visitors click, 12 impressions; v1 leaves a lead, v2 buys for $100 and is refunded. Bob's link: v5 buys for $60, v6 only clicks.
        var clicks = new Dictionary<string, (Guid ClickId, bool VariantB)>();
        foreach (var visitor in new[] { "v1", "v2", "v3", "v4" }) clicks[visitor] = await journey.ClickAsync(journey.Link1, visitor);
        foreach (var visitor in new[] { "v5", "v6" }) clicks[visitor] = await journey.ClickAsync(journey.Link2, visitor);
        for (var i = 0; i < 12; i++) await journey.ImpressionAsync(journey.Link1, $"viewer-{i}");
        await journey.ConvertAsync(clicks["v1"].ClickId, "lead", 0m, "lead-1");
        var refunded = await journey.ConvertAsync(clicks["v2"].ClickId, "sale", 100m, "order-2", "cust-2");
        await journey.ConvertAsync(clicks["v5"].ClickId, "sale", 60m, "order-5", "cust-5");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/conversions/{refunded}/reverse", new { reason = "refund" })).Status);
        var (platformStatus, _) = await api.PostAsync("/api/platform-stats",
            new { campaignId = journey.CampaignId, date = today, spend = 40m, conversions = 3m, revenue = 200m });
        Assert.Equal(HttpStatusCode.OK, platformStatus);

        // By campaign: 6 clicks at $0.50 + $40 platform spend; the refund leaves one lead and one $60 sale.
        var byCampaign = await api.EventuallyAsync($"/api/reports/kpis?groupBy=campaign&campaignId={journey.CampaignId}",
            b => b is JsonArray { Count: 1 } a && a[0]!["clicks"]!.GetValue<long>() == 6 && a[0]!["impressions"]!.GetValue<long>() == 12
                 && Dec(a[0], "conversions") == 2 && Dec(a[0], "revenue") == 60m, TimeSpan.FromSeconds(45));
        var campaign = Row(byCampaign, journey.CampaignId);
        Assert.Equal("Winter leads", campaign["label"]!.GetValue<string>());
        Assert.Equal("USD", campaign["currency"]!.GetValue<string>());
        Assert.Equal((1m, 1m, 43m), (Dec(campaign, "leads"), Dec(campaign, "sales"), Dec(campaign, "spend")));
        Assert.Equal(0.5m, Dec(campaign, "ctr"));            // 6 / 12
        Assert.Equal(0.333333m, Dec(campaign, "cvr"));       // 2 / 6
        Assert.Equal(7.166667m, Dec(campaign, "cpc"));       // 43 / 6
        Assert.Equal(43m, Dec(campaign, "cpa"));             // 43 / 1 sale
        Assert.Equal(43m, Dec(campaign, "cpl"));             // 43 / 1 lead
        Assert.Equal(3583.333333m, Dec(campaign, "cpm"));    // 43 / 12 × 1000
        Assert.Equal(1.395349m, Dec(campaign, "roas"));      // 60 / 43
        Assert.Equal(0.5m, Dec(campaign, "epc"));            // $3 affiliate earnings / 6 clicks

        // By affiliate: platform cost belongs to no affiliate.
        var byAffiliate = (await api.GetAsync($"/api/reports/kpis?groupBy=affiliate&campaignId={journey.CampaignId}")).Body;
        Assert.Equal(3, byAffiliate!.AsArray().Count);
        var ann = Row(byAffiliate, journey.Affiliate1);
        Assert.Equal((4L, 12L, 1m, 0m, 1m, 0m, 2m), (ann["clicks"]!.GetValue<long>(), ann["impressions"]!.GetValue<long>(), Dec(ann, "leads"),
            Dec(ann, "sales"), Dec(ann, "conversions"), Dec(ann, "revenue"), Dec(ann, "spend")));
        var bob = Row(byAffiliate, journey.Affiliate2);
        Assert.Equal((2L, 1m, 60m, 1m, 60m), (bob["clicks"]!.GetValue<long>(), Dec(bob, "sales"), Dec(bob, "revenue"), Dec(bob, "spend"), Dec(bob, "roas")));
        var none = Row(byAffiliate, "none");
        Assert.Equal((0L, 40m), (none["clicks"]!.GetValue<long>(), Dec(none, "spend")));
        Assert.Null(none["cpc"]);

        // By variant: each visitor's arm is where its click was sent (impressions are assigned to arms too, so an arm may have a row without clicks).
        var byVariant = (await api.GetAsync($"/api/reports/kpis?groupBy=variant&campaignId={journey.CampaignId}")).Body!.AsArray();
        var variantB = clicks.Where(c => c.Value.VariantB).Select(c => c.Key).ToHashSet();
        long ExpectedClicks(bool b) => clicks.Count(c => c.Value.VariantB == b);
        decimal ExpectedConversions(bool b) => new[] { "v1", "v5" }.Count(v => variantB.Contains(v) == b);
        decimal ExpectedRevenue(bool b) => variantB.Contains("v5") == b ? 60m : 0m;
        foreach (var b in new[] { false, true })
        {
            var key = b ? journey.VariantBId : "none";
            var expectedClicks = ExpectedClicks(b);
            var row = byVariant.SingleOrDefault(r => r!["key"]!.GetValue<string>() == key);
            if (row is null) { Assert.Equal(0, expectedClicks); continue; }
            Assert.Equal(expectedClicks, row["clicks"]!.GetValue<long>());
            Assert.Equal(ExpectedConversions(b), Dec(row, "conversions"));
            Assert.Equal(ExpectedRevenue(b), Dec(row, "revenue"));
            Assert.Equal(expectedClicks * ReportingJourney.Cpc + (b ? 0m : 40m), Dec(row, "spend"));
        }
        if (byVariant.Any(r => r!["key"]!.GetValue<string>() == journey.VariantBId))
            Assert.Equal("B", Row(byVariant, journey.VariantBId)["label"]!.GetValue<string>());
        Assert.Equal(6, byVariant.Sum(r => r!["clicks"]!.GetValue<long>()));

        // By day: everything happened today (the tenant's time zone is UTC).
        var byDay = (await api.GetAsync($"/api/reports/kpis?groupBy=day&campaignId={journey.CampaignId}&from={today}&to={today}")).Body;
        var day = Assert.Single(byDay!.AsArray())!;
        Assert.Equal((today, 6L, 2m, 60m, 43m), (day["key"]!.GetValue<string>(), day["clicks"]!.GetValue<long>(), Dec(day, "conversions"),
            Dec(day, "revenue"), Dec(day, "spend")));
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");
        Assert.Empty((await api.GetAsync($"/api/reports/kpis?groupBy=day&campaignId={journey.CampaignId}&from={yesterday}&to={yesterday}")).Body!.AsArray());

        // CSV: same rows, proper header.
        using var csv = await api.SendRawAsync(HttpMethod.Get, $"/api/reports/kpis?groupBy=affiliate&campaignId={journey.CampaignId}",
            headers: new Dictionary<string, string> { ["Accept"] = "text/csv" });
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("key,label,currency,impressions,clicks,billableClicks,leads,sales,conversions,revenue,spend,ctr,cvr", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"{journey.Affiliate2},,USD,0,2,2,0,1,1,60,1,", StringComparison.Ordinal));

        // Blended: platform figures beside first-party ones.
        var blended = (await api.GetAsync($"/api/reports/blended?campaignId={journey.CampaignId}")).Body!.AsArray();
        var blendedDay = Assert.Single(blended)!;
        Assert.Equal((40m, 3m, 2m, 43m, 50m, 233.333333m), (Dec(blendedDay, "platformSpend"), Dec(blendedDay, "platformConversions"),
            Dec(blendedDay, "firstPartyConversions"), Dec(blendedDay, "totalSpend"), Dec(blendedDay, "conversionsDiscrepancyPercent"),
            Dec(blendedDay, "revenueDiscrepancyPercent")));

        // Attribution comparison: one touch per conversion, so every model credits the same affiliates.
        var attribution = await api.EventuallyAsync($"/api/reports/attribution?campaignId={journey.CampaignId}",
            b => b is JsonArray { Count: 2 }, TimeSpan.FromSeconds(20));
        var bobCredits = attribution!.AsArray().Single(r => r!["affiliateId"]!.GetValue<string>() == journey.Affiliate2)!;
        foreach (var model in new[] { "lastTouch", "firstTouch", "linear", "positionBased", "timeDecay" })
            Assert.Equal((1m, 60m), (Dec(bobCredits, $"{model}Conversions"), Dec(bobCredits, $"{model}Revenue")));

        // An analyst reads; an affiliate sees only its own stats and no agency report.
        var analyst = api.WithKey(await journey.KeyAsync("analyst"));
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/reports/kpis?groupBy=campaign")).Status);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/reports/experiments/{journey.CampaignId}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/platform-stats",
            new { campaignId = journey.CampaignId, date = today, spend = 1m, conversions = 0m, revenue = 0m })).Status);
        var annKey = api.WithKey(await journey.KeyAsync("affiliate", journey.Affiliate1));
        var (meStatus, me) = await annKey.GetAsync("/api/me/stats");
        Assert.Equal(HttpStatusCode.OK, meStatus);
        var mine = Assert.Single(me!.AsArray())!;
        Assert.Equal((journey.CampaignId, 4L, 1m, 2m, 0.5m), (mine["campaignId"]!.GetValue<string>(), mine["clicks"]!.GetValue<long>(),
            Dec(mine, "conversions"), Dec(mine, "earnings"), Dec(mine, "epc")));
        Assert.Equal(HttpStatusCode.Forbidden, (await annKey.GetAsync("/api/reports/kpis")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/me/stats")).Status);

        // Another tenant never sees any of it.
        var other = (await Api.CreateTenantAsync(suite)).Client;
        foreach (var groupBy in new[] { "campaign", "channel", "affiliate", "variant", "day" })
            Assert.Empty((await other.GetAsync($"/api/reports/kpis?groupBy={groupBy}")).Body!.AsArray());
        Assert.Empty((await other.GetAsync($"/api/reports/blended?campaignId={journey.CampaignId}")).Body!.AsArray());
        Assert.Empty((await other.GetAsync("/api/reports/guardrails")).Body!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/reports/experiments/{journey.CampaignId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/reports/holdout/{journey.CampaignId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/reports/attribution?campaignId={journey.CampaignId}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsync("/api/platform-stats",
            new { campaignId = journey.CampaignId, date = today, spend = 1m, conversions = 0m, revenue = 0m })).Status);
    }

    [Fact]
    public async Task Guardrails_flag_a_campaign_over_its_targets_with_the_numbers()
    {
        // Customer value $500 × 10% lead-to-customer = $50 max affordable CPL; a lead that cost $60 is over it.
        var journey = await ReportingJourney.LaunchAsync(suite, targets: new { cpl = 100m, customerValue = 500m, leadToCustomerRate = 0.10m });
        var api = journey.Api;
        var (click, _) = await journey.ClickAsync(journey.Link1, "g1");
        await journey.ConvertAsync(click, "lead", 0m, "lead-g1");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/platform-stats",
            new { campaignId = journey.CampaignId, date = today, spend = 99.5m, conversions = 1m, revenue = 0m })).Status);
        // A later import of the same day replaces the earlier one.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/platform-stats",
            new { campaignId = journey.CampaignId, date = today, spend = 59.5m, conversions = 1m, revenue = 0m })).Status);

        var rows = await api.EventuallyAsync($"/api/reports/guardrails?campaignId={journey.CampaignId}",
            b => b is JsonArray { Count: 1 } a && Dec(a[0], "leads") == 1 && Dec(a[0], "spend") == 60m, TimeSpan.FromSeconds(45));
        var row = rows!.AsArray().Single()!;
        Assert.Equal((60m, 100m, 50m, 500m), (Dec(row, "cpl"), Dec(row, "targetCpl"), Dec(row, "maxAffordableCpl"), Dec(row, "maxAffordableCpa")));
        Assert.True(row["overTarget"]!.GetValue<bool>());
        Assert.Equal("cpl 60 above max affordable 50", row["alerts"]!.GetValue<string>());
    }

    [Fact]
    public async Task Platform_stats_are_validated_field_by_field_and_nothing_is_stored()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var (status, problem) = await api.PostAsync("/api/platform-stats", new { spend = -1m, conversions = 2m, currency = "DOLLARS" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem!["errors"]!.AsObject();
        foreach (var field in new[] { "campaignId", "date", "spend", "revenue", "currency" }) Assert.True(errors.ContainsKey(field), field);
        Assert.False(errors.ContainsKey("conversions"));

        var (badDate, dateProblem) = await api.SendAsync(HttpMethod.Post, "/api/platform-stats", """{"campaignId":"x","date":"yesterday"}""");
        Assert.Equal(HttpStatusCode.BadRequest, badDate);
        Assert.NotNull(dateProblem!["errors"]);

        var (unknown, unknownProblem) = await api.PostAsync("/api/platform-stats",
            new { campaignId = Guid.NewGuid(), date = "2026-11-01", spend = 1m, conversions = 0m, revenue = 0m });
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.True(unknownProblem!["errors"]!.AsObject().ContainsKey("campaignId"));
        Assert.Empty((await api.GetAsync("/api/reports/blended")).Body!.AsArray());

        var (badGroup, groupProblem) = await api.GetAsync("/api/reports/kpis?groupBy=planet");
        Assert.Equal(HttpStatusCode.BadRequest, badGroup);
        Assert.True(groupProblem!["errors"]!.AsObject().ContainsKey("groupBy"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/reports/kpis?from=2026-11-02&to=2026-11-01")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/reports/attribution")).Status);
    }
}
