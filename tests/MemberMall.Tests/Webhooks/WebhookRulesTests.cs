using System.Net;
using MemberMall.Features.Outbox;
using MemberMall.Features.Webhooks;

namespace MemberMall.Tests.Webhooks;

[Trait("Category", "Unit")]
public class WebhookRulesTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.5.4", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    public void Only_public_addresses_count_as_public(string address, bool expected) =>
        Assert.Equal(expected, WebhookRules.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void The_retry_delay_doubles_from_the_base_within_twenty_percent_and_stops_growing_at_six_hours()
    {
        Assert.Equal(30, WebhookRules.RetryDelay(1, 30, 0.5).TotalSeconds, 3);
        Assert.Equal(60, WebhookRules.RetryDelay(2, 30, 0.5).TotalSeconds, 3);
        Assert.Equal(24, WebhookRules.RetryDelay(1, 30, 0).TotalSeconds, 3);
        Assert.True(WebhookRules.RetryDelay(1, 30, 0.999).TotalSeconds < 36);
        Assert.Equal(6 * 3600, WebhookRules.RetryDelay(40, 30, 0.5).TotalSeconds, 3);
    }

    [Fact]
    public void Sequential_ids_grow_in_the_byte_order_the_databases_sort_them_in()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => SequentialIds.Next()).ToList();
        for (var i = 1; i < ids.Count; i++) Assert.True(SequentialIds.Compare(ids[i - 1], ids[i]) < 0);
        Assert.Equal(ids.Select(i => i.ToString()).Order(StringComparer.Ordinal), ids.Select(i => i.ToString()));
        Assert.All(ids, i => Assert.Equal(7, i.Version));
    }

    [Fact]
    public void The_signature_is_v1_and_the_base64_hmac_of_id_timestamp_and_body()
    {
        var secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var signature = WebhookRules.Signature("msg_1", 1700000000, "{}", [secret]);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), "msg_1.1700000000.{}"u8.ToArray()));
        Assert.Equal("v1," + expected, signature);
        Assert.Equal(2, WebhookRules.Signature("msg_1", 1700000000, "{}", [secret, secret]).Split(' ').Length);
    }
}
