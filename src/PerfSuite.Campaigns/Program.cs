using PerfSuite.BuildingBlocks.Http;
using PerfSuite.Campaigns;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPerfSuiteApi();
builder.AddCampaigns();

var app = builder.Build();
app.UsePerfSuiteApi();
app.MapCampaignsApi();
app.Run();

public partial class Program;
