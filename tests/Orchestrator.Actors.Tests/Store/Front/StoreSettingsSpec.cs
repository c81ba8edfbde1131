using Orchestrator.Actors.Store.Settings;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Tests.Store.Front;

/// <summary>The typed settings of <c>orchestrator.store</c>.</summary>
public sealed class StoreSettingsSpec
{
    [Fact]
    public void Defaults_come_from_the_embedded_reference_conf()
    {
        var settings = StoreSettings.From(Config.Empty);
        Assert.Equal(new StoreSettings(), settings);
    }

    [Fact]
    public void Values_override_the_defaults()
    {
        var settings = StoreSettings.From(Config.Parse("orchestrator.store { passivation-timeout = 5s, watch-history-size = 7, list-page-size-max = 10 }"));
        Assert.Equal((TimeSpan.FromSeconds(5), 7, 10), (settings.PassivationTimeout, settings.WatchHistorySize, settings.ListPageSizeMax));
    }

    [Theory]
    [InlineData("orchestrator.store.watch-history-size = 0", "orchestrator.store.watch-history-size")]
    [InlineData("orchestrator.store.bookmark-interval = 0s", "orchestrator.store.bookmark-interval")]
    [InlineData("orchestrator.store.pasivation-timeout = 1s", "orchestrator.store.pasivation-timeout")]
    public void A_bad_value_or_unknown_key_is_named(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => StoreSettings.From(Config.Parse(hocon)));
        Assert.Contains(key, error.Message);
    }
}
