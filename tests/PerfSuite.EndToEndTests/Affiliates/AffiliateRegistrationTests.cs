using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Affiliates;

[Collection(SuiteCollection.Name)]
public sealed class AffiliateRegistrationTests(SuiteFixture suite)
{
    [Fact]
    public async Task An_affiliate_is_registered_pending_then_approved_suspended_and_reinstated()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;

        var (status, created) = await api.PostAsync("/api/affiliates", new { name = "Deal Hunters", email = "ops@dealhunters.example" });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal("Deal Hunters", created["name"]!.GetValue<string>());
        Assert.Equal("ops@dealhunters.example", created["email"]!.GetValue<string>());
        Assert.Equal("pending", created["status"]!.GetValue<string>());

        var (approveStatus, approved) = await api.PostAsync($"/api/affiliates/{id}/approve");
        Assert.Equal(HttpStatusCode.OK, approveStatus);
        Assert.Equal("approved", approved!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/affiliates/{id}/approve")).Status);

        var (suspendStatus, suspended) = await api.PostAsync($"/api/affiliates/{id}/suspend", new { reason = "cookie stuffing" });
        Assert.Equal(HttpStatusCode.OK, suspendStatus);
        Assert.Equal("suspended", suspended!["status"]!.GetValue<string>());
        Assert.Equal("cookie stuffing", suspended["suspendedReason"]!.GetValue<string>());

        var (getStatus, got) = await api.GetAsync($"/api/affiliates/{id}");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("suspended", got!["status"]!.GetValue<string>());

        Assert.Equal("approved", (await api.PostAsync($"/api/affiliates/{id}/approve")).Body!["status"]!.GetValue<string>());
        var (_, list) = await api.GetAsync("/api/affiliates");
        Assert.Equal(id, Assert.Single(list!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_registrations_and_suspensions_are_refused_naming_the_field_and_store_nothing()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;

        var (status, problem) = await api.PostAsync("/api/affiliates", new { name = "", email = "not-an-email" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["name"]);
        Assert.NotNull(problem["errors"]!["email"]);

        var (wrongType, typeProblem) = await api.PostAsync("/api/affiliates", """{"name": 5, "email": "a@b.example"}""");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType);
        Assert.NotNull(typeProblem!["errors"]!["name"]);
        Assert.Empty((await api.GetAsync("/api/affiliates")).Body!.AsArray());

        var id = (await api.PostAsync("/api/affiliates", new { name = "A", email = "a@b.example" })).Body!["id"]!.GetValue<string>();
        var (suspendStatus, suspendProblem) = await api.PostAsync($"/api/affiliates/{id}/suspend", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, suspendStatus);
        Assert.NotNull(suspendProblem!["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/affiliates/{Guid.NewGuid()}/approve")).Status);
    }

    [Fact]
    public async Task Another_tenant_cannot_see_or_change_an_affiliate()
    {
        var a = (await Api.CreateTenantAsync(suite, "Agency A")).Client;
        var b = (await Api.CreateTenantAsync(suite, "Agency B")).Client;
        var id = (await a.PostAsync("/api/affiliates", new { name = "A", email = "a@b.example" })).Body!["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/affiliates/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/api/affiliates/{id}/approve")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/api/affiliates/{id}/suspend", new { reason = "x" })).Status);
        Assert.Empty((await b.GetAsync("/api/affiliates")).Body!.AsArray());
        Assert.Equal("pending", (await a.GetAsync($"/api/affiliates/{id}")).Body!["status"]!.GetValue<string>());
    }
}
