using System.Reflection;
using Engagement.Domain.Responses;

namespace Engagement.UnitTests.Responses;

public sealed class StatusHistoryTests
{
    [Fact]
    public void A_status_change_has_no_public_setters()
    {
        var writable = typeof(StatusChange).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(writable);
        Assert.DoesNotContain(typeof(StatusChange).GetConstructors(BindingFlags.Public | BindingFlags.Instance), c => true);
    }

    [Fact]
    public void The_history_is_read_only()
    {
        var entry = StatusWorkflowTests.EntryIn(ResponseStatus.InProgress);
        var history = entry.History;

        Assert.Null(typeof(ResponseEntry).GetProperty(nameof(ResponseEntry.History))!.SetMethod);
        Assert.IsNotType<List<StatusChange>>(history);
        var list = Assert.IsAssignableFrom<IList<StatusChange>>(history);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list.RemoveAt(0));
        Assert.Throws<NotSupportedException>(() => list.Clear());
        Assert.Equal(4, entry.History.Count);
    }

    [Fact]
    public void A_refused_move_leaves_the_history_as_it_was()
    {
        var entry = StatusWorkflowTests.EntryIn(ResponseStatus.Completed);
        var before = entry.History.Select(h => (h.FromStatus, h.ToStatus, h.Note, h.ChangedAt)).ToList();

        Assert.False(entry.ChangeStatus(ResponseStatus.UnderReview, null, null, "user-3", DateTime.UtcNow).Succeeded);

        Assert.Equal(before, entry.History.Select(h => (h.FromStatus, h.ToStatus, h.Note, h.ChangedAt)).ToList());
    }

    [Fact]
    public void Every_change_bumps_the_concurrency_version()
    {
        var entry = StatusWorkflowTests.EntryIn(ResponseStatus.Received);
        var version = entry.Version;

        Assert.True(entry.ChangeStatus(ResponseStatus.UnderReview, null, null, "user-1", DateTime.UtcNow).Succeeded);

        Assert.NotEqual(version, entry.Version);
    }
}
