using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Model.Labels;
using Orchestrator.Model.Tests.Support;

namespace Orchestrator.Model.Tests.Labels;

public sealed class SelectorPropertyTests
{
    [Fact]
    public void Printing_a_random_selector_and_parsing_it_back_yields_an_equal_selector()
    {
        Prop.ForAll(SelectorGenerators.Selector().ToArbitrary(), selector =>
        {
            var reparsed = Selector.Parse(selector.ToString());
            return reparsed.Equals(selector) && reparsed.ToString() == selector.ToString();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_reparsed_selector_matches_exactly_the_same_random_labels()
    {
        Prop.ForAll(SelectorGenerators.Selector().ToArbitrary(), SelectorGenerators.Labels.ToArbitrary(), (selector, labels) =>
            Selector.Parse(selector.ToString()).Matches(labels) == selector.Matches(labels)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Converting_through_a_label_selector_preserves_matching()
    {
        Prop.ForAll(SelectorGenerators.Selector(labelSelectorCompatible: true).ToArbitrary(), SelectorGenerators.Labels.ToArbitrary(), (selector, labels) =>
            Selector.FromLabelSelector(selector.ToLabelSelector()).Matches(labels) == selector.Matches(labels)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_selector_matches_iff_every_requirement_matches()
    {
        Prop.ForAll(SelectorGenerators.Selector().ToArbitrary(), SelectorGenerators.Labels.ToArbitrary(), (selector, labels) =>
            selector.Matches(labels) == selector.Requirements.All(r => r.Matches(labels))).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_set_based_selector_matches_its_own_labels_and_any_superset()
    {
        var extra = new Dictionary<string, string> { ["unrelated-key"] = "z" };
        Prop.ForAll(SelectorGenerators.Labels.ToArbitrary(), labels =>
        {
            var selector = Selector.FromSet(labels);
            var superset = labels.Concat(extra).ToDictionary(kv => kv.Key, kv => kv.Value);
            return selector.Matches(labels) && selector.Matches(superset);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Negated_operators_match_the_complement()
    {
        Prop.ForAll(SelectorGenerators.Key.ToArbitrary(), SelectorGenerators.Value.ToArbitrary(), SelectorGenerators.Labels.ToArbitrary(), (key, value, labels) =>
        {
            var equals = Requirement.Create(key, SelectorOperator.Equals, [value]);
            var notEquals = Requirement.Create(key, SelectorOperator.NotEquals, [value]);
            var exists = Requirement.Create(key, SelectorOperator.Exists);
            var absent = Requirement.Create(key, SelectorOperator.DoesNotExist);
            return equals.Matches(labels) != notEquals.Matches(labels) && exists.Matches(labels) != absent.Matches(labels);
        }).QuickCheckThrowOnFailure();
    }
}
