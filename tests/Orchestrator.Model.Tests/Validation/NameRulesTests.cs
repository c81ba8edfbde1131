using Orchestrator.Model.Validation;

namespace Orchestrator.Model.Tests.Validation;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("web", true)]
    [InlineData("web-1.example.com", true)]
    [InlineData("0abc", true)]
    [InlineData("Web_1", false)]
    [InlineData("-web", false)]
    [InlineData("web.", false)]
    [InlineData("", false)]
    public void Dns1123Subdomain_accepts_lowercase_dotted_names(string name, bool valid)
    {
        Assert.Equal(valid, NameRules.Dns1123Subdomain(name).Count == 0);
    }

    [Fact]
    public void Dns1123Subdomain_rejects_names_longer_than_253_characters()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 63), 4));

        Assert.Equal(["must be no more than 253 characters"], NameRules.Dns1123Subdomain(name));
    }

    [Theory]
    [InlineData("my-name", true)]
    [InlineData("a.b", false)]
    [InlineData("UPPER", false)]
    public void Dns1123Label_forbids_dots_and_uppercase(string name, bool valid)
    {
        Assert.Equal(valid, NameRules.Dns1123Label(name).Count == 0);
    }

    [Theory]
    [InlineData("web", true)]
    [InlineData("1web", false)]
    public void Dns1035Label_requires_a_leading_letter(string name, bool valid)
    {
        Assert.Equal(valid, NameRules.Dns1035Label(name).Count == 0);
    }

    [Theory]
    [InlineData("app", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("My_Key.v2", true)]
    [InlineData("example.com/", false)]
    [InlineData("/name", false)]
    [InlineData("a/b/c", false)]
    [InlineData("-app", false)]
    [InlineData("Example.com/app", false)]
    public void QualifiedName_checks_label_keys(string key, bool valid)
    {
        Assert.Equal(valid, NameRules.QualifiedName(key).Count == 0);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.2_beta-3", true)]
    [InlineData("has space", false)]
    [InlineData("trailing-", false)]
    public void LabelValue_allows_empty_and_qualified_values(string value, bool valid)
    {
        Assert.Equal(valid, NameRules.LabelValue(value).Count == 0);
    }

    [Fact]
    public void Messages_are_worded_as_the_apiserver_words_them()
    {
        Assert.Equal(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            Assert.Single(NameRules.Dns1123Subdomain("Web_1")));
        Assert.Equal(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            Assert.Single(NameRules.QualifiedName("-app")));
        Assert.Equal(["prefix part must be non-empty"], NameRules.QualifiedName("/name"));
    }

    [Theory]
    [InlineData("http", true)]
    [InlineData("metrics-9090", true)]
    [InlineData("9090", false)]
    [InlineData("http--alt", false)]
    [InlineData("-http", false)]
    [InlineData("a-very-long-port-name", false)]
    public void PortName_follows_iana_service_name_rules(string name, bool valid)
    {
        Assert.Equal(valid, NameRules.PortName(name).Count == 0);
    }

    [Theory]
    [InlineData("key.name", true)]
    [InlineData("KEY_NAME", true)]
    [InlineData(".hidden", true)]
    [InlineData("..data", false)]
    [InlineData("a/b", false)]
    public void ConfigMapKey_allows_file_like_names(string key, bool valid)
    {
        Assert.Equal(valid, NameRules.ConfigMapKey(key).Count == 0);
    }
}
