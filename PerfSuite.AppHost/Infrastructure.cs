using Microsoft.Extensions.Configuration;

namespace PerfSuite.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ for the suite. By default they are local processes started by
/// `scripts/infra.sh start`, handed over as connection strings (ConnectionStrings__postgres,
/// ConnectionStrings__rabbitmq). With PERFSUITE_USE_DOCKER=1 and a working Docker engine, Aspire's
/// container resources are used instead. Neither available: fail at once with what to run —
/// Aspire's container resources would otherwise wait forever for a Docker that is not there.
/// </summary>
public static class Infrastructure
{
    public static (IResourceBuilder<IResourceWithConnectionString> Postgres, IResourceBuilder<IResourceWithConnectionString> RabbitMq) Declare(
        IDistributedApplicationBuilder builder)
    {
        var hasPostgres = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("postgres"));
        var hasRabbit = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("rabbitmq"));
        if (hasPostgres && hasRabbit)
            return (builder.AddConnectionString("postgres"), builder.AddConnectionString("rabbitmq"));

        if (builder.Configuration["PERFSUITE_USE_DOCKER"] == "1")
        {
            var postgres = builder.AddPostgres("pg").WithDataVolume().AddDatabase("postgres", "perfsuite");
            var rabbit = builder.AddRabbitMQ("rabbitmq");
            return (postgres, rabbit);
        }

        throw new InvalidOperationException(
            "PostgreSQL and RabbitMQ are not configured. Run `scripts/infra.sh start` and `source .local/env.sh` " +
            "(or use `scripts/run.sh`, which does both), or set PERFSUITE_USE_DOCKER=1 where a Docker engine runs.");
    }
}
