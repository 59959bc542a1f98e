using PerfSuite.BuildingBlocks.Http;
using PerfSuite.Reporting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPerfSuiteApi();
builder.AddReporting();

var app = builder.Build();
app.UsePerfSuiteApi();
app.MapReportingApi();
app.Run();

public partial class Program;
