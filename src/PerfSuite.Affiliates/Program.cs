using PerfSuite.BuildingBlocks.Http;
using PerfSuite.Affiliates;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPerfSuiteApi();
builder.AddAffiliates();

var app = builder.Build();
app.UsePerfSuiteApi();
app.MapAffiliatesApi();
app.Run();

public partial class Program;
