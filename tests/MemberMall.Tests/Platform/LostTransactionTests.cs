using MemberMall.Tests.Support;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MemberMall.Tests.Platform;

/// <summary>
/// A transaction the database ends for another's sake (the victim of a deadlock, a serialization failure) kept
/// nothing: the request is told it lost a race (409) and may be sent again, not that the server failed.
/// </summary>
public class LostTransactionTests
{
    private static async Task<(int Status, string Body, IReadOnlyList<string> Logs)> AnswerAsync(MallApp app, Exception error)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = "POST";
        http.Request.Path = "/api/admin/after-sales/x/refund";
        http.Response.Body = new MemoryStream();
        var before = app.Logs.Lines.Count;
        foreach (var handler in scope.ServiceProvider.GetServices<IExceptionHandler>())
            if (await handler.TryHandleAsync(http, error, CancellationToken.None)) break;
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, await new StreamReader(http.Response.Body).ReadToEndAsync(), app.Logs.Lines.Skip(before).ToList());
    }

    private static PostgresException Pg(string sqlState) => new("database said no", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    public async Task A_deadlock_victim_or_serialization_failure_answers_409_whether_it_came_from_a_save_or_a_statement(string sqlState)
    {
        await using var app = await MallApp.StartAsync();

        foreach (var error in new Exception[] { new DbUpdateException("save failed", Pg(sqlState)), Pg(sqlState) })
        {
            var (status, body, logs) = await AnswerAsync(app, error);
            Assert.Equal(409, status);
            Assert.Contains("\"code\":\"concurrency.stale\"", body);
            Assert.Contains(logs, l => l.Contains(sqlState, StringComparison.Ordinal) && l.Contains("409", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Other_database_errors_still_answer_500()
    {
        await using var app = await MallApp.StartAsync();
        var (status, body, _) = await AnswerAsync(app, new DbUpdateException("save failed", Pg(PostgresErrorCodes.CheckViolation)));
        Assert.Equal(500, status);
        Assert.Contains("\"code\":\"server.error\"", body);
    }
}
