using PerfSuite.BuildingBlocks.Http;
using PerfSuite.Conversions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPerfSuiteApi();
builder.AddConversions();

var app = builder.Build();
app.UsePerfSuiteApi();
app.MapConversionsApi();
app.Run();

public partial class Program;
