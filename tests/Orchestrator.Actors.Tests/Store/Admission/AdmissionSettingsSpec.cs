using Orchestrator.Actors.Store.Settings;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Tests.Store.Admission;

/// <summary>The typed settings of <c>orchestrator.store.admission</c>.</summary>
public sealed class AdmissionSettingsSpec
{
    [Fact]
    public void Values_override_the_defaults()
    {
        var settings = StoreSettings.From(Config.Parse("orchestrator.store.admission { quota-resync-interval = 3s, quota-conflict-retries = 2 }")).Admission;
        Assert.Equal((TimeSpan.FromSeconds(3), 2), (settings.QuotaResyncInterval, settings.QuotaConflictRetries));
    }

    [Theory]
    [InlineData("orchestrator.store.admission.quota-resync-interval = 0s", "orchestrator.store.admission.quota-resync-interval")]
    [InlineData("orchestrator.store.admission.quota-conflict-retries = 0", "orchestrator.store.admission.quota-conflict-retries")]
    [InlineData("orchestrator.store.admission.quota-resync = 1s", "orchestrator.store.admission.quota-resync")]
    public void A_bad_value_or_unknown_key_is_named(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => StoreSettings.From(Config.Parse(hocon)));
        Assert.Contains(key, error.Message);
    }
}
