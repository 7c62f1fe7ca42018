using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MemberMall.Infrastructure;

public sealed class SqliteMallDb(DbContextOptions<SqliteMallDb> options) : MallDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        base.ConfigureConventions(conventions);
        // SQLite cannot compare or order DateTimeOffset text; every time is UTC, so UTC ticks sort correctly.
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        // The same for values that belong to no property: parameters of hand-written statements.
        conventions.DefaultTypeMapping<DateTimeOffset>().HasConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class SqliteMallDbDesignFactory : IDesignTimeDbContextFactory<SqliteMallDb>
{
    public SqliteMallDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SqliteMallDb>()
        .UseSqlite("Data Source=design.db").UseSnakeCaseNamingConvention().Options);
}
