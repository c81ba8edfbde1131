using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Model.Labels;

namespace Orchestrator.Model.Tests.Support;

/// <summary>FsCheck generators of label keys, values, label sets and selectors.</summary>
internal static class SelectorGenerators
{
    public static readonly string[] Keys = ["app", "tier", "env", "x", "example.com/team", "k8s.io/role", "a.b-c_d"];

    public static readonly string[] Values = ["web", "fe", "be", "prod", "", "v1.2", "A_b", "7"];

    public static Gen<string> Key => Gen.Elements(Keys);

    public static Gen<string> Value => Gen.Elements(Values);

    public static Gen<Dictionary<string, string>> Labels =>
        Gen.SubListOf(Keys).SelectMany(keys =>
            Gen.ArrayOf(Value, keys.Count).Select(values =>
                keys.Zip(values).ToDictionary(p => p.First, p => p.Second)));

    public static Gen<Requirement> Requirement(bool labelSelectorCompatible = false)
    {
        var operators = labelSelectorCompatible
            ? Enum.GetValues<SelectorOperator>().Where(o => o is not (SelectorOperator.GreaterThan or SelectorOperator.LessThan)).ToArray()
            : Enum.GetValues<SelectorOperator>();
        return from key in Key
               from op in Gen.Elements(operators)
               from values in ValuesFor(op)
               select Orchestrator.Model.Labels.Requirement.Create(key, op, values);
    }

    public static Gen<Selector> Selector(bool labelSelectorCompatible = false) =>
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Requirement(labelSelectorCompatible), n)).Select(Orchestrator.Model.Labels.Selector.Of);

    private static Gen<string[]> ValuesFor(SelectorOperator op) => op switch
    {
        SelectorOperator.In or SelectorOperator.NotIn => Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Value, n)),
        SelectorOperator.Exists or SelectorOperator.DoesNotExist => Gen.Constant(Array.Empty<string>()),
        SelectorOperator.GreaterThan or SelectorOperator.LessThan => Gen.Choose(-5, 10).Select(n => new[] { n.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        _ => Value.Select(v => new[] { v }),
    };
}
