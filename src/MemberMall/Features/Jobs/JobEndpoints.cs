using MemberMall.Features.Accounts;
using MemberMall.Infrastructure;

namespace MemberMall.Features.Jobs;

public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/admin/jobs").WithTags("Jobs").RequireAuthorization(Permissions.JobsRun);
        jobs.MapGet("", (JobRunner runner, CancellationToken ct) => runner.ListAsync(ct));
        jobs.MapPost("/{name}/run", async (string name, JobRunner runner, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await runner.RunAsync(name, ct))).ProducesError(404, "job.not_found");
        return app;
    }
}
