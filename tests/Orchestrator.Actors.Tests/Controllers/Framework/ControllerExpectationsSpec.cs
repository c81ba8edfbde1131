using Orchestrator.Actors.Controllers.Framework;

namespace Orchestrator.Actors.Tests.Controllers.Framework;

public sealed class ControllerExpectationsSpec
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_key_without_expectations_is_satisfied()
    {
        var expectations = new ControllerExpectations(TimeSpan.FromMinutes(5), () => _now);

        Assert.True(expectations.IsSatisfied("default/web"));
    }

    [Fact]
    public void Expectations_are_met_when_every_creation_and_deletion_was_observed()
    {
        var expectations = new ControllerExpectations(TimeSpan.FromMinutes(5), () => _now);
        expectations.Expect("default/web", 2, ["uid-1"]);

        expectations.CreationObserved("default/web");
        Assert.False(expectations.IsSatisfied("default/web"));
        expectations.CreationObserved("default/web");
        Assert.False(expectations.IsSatisfied("default/web"));
        expectations.DeletionObserved("default/web", "uid-other");
        Assert.False(expectations.IsSatisfied("default/web"));
        expectations.DeletionObserved("default/web", "uid-1");

        Assert.True(expectations.IsSatisfied("default/web"));
    }

    [Fact]
    public void Unmet_expectations_expire_after_the_timeout()
    {
        var expectations = new ControllerExpectations(TimeSpan.FromMinutes(5), () => _now);
        expectations.Expect("default/web", 3, []);

        _now += TimeSpan.FromMinutes(4);
        Assert.False(expectations.IsSatisfied("default/web"));
        _now += TimeSpan.FromMinutes(2);
        Assert.True(expectations.IsSatisfied("default/web"));
    }
}
