using PerfSuite.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.UseGateway();
app.MapGatewayApi();
app.Run();

public partial class Program;
