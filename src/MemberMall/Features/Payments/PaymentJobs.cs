using MemberMall.Features.Jobs;

namespace MemberMall.Features.Payments;

/// <summary>The refund sender as a job staff can start at once.</summary>
public sealed class SendPendingRefunds(RefundSender sender) : IJob
{
    public string Name => RefundSender.JobName;
    public string Description => "Send refunds owed through the payment gateway, and retry those it declined";

    public Task<int> RunAsync(IServiceProvider services, CancellationToken ct) => sender.SendDueAsync(ct);
}
