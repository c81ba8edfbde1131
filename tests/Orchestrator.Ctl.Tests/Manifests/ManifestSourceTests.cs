using System.Text.Json.Nodes;
using Orchestrator.Ctl.Connection;
using Orchestrator.Ctl.Manifests;

namespace Orchestrator.Ctl.Tests.Manifests;

public sealed class ManifestSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orchctl-manifests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string TwoDocuments = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: one
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: two
        """;

    [Fact]
    public void A_multi_document_file_gives_every_object_in_order()
    {
        var path = Write("both.yaml", TwoDocuments);
        var objects = ManifestSource.Read([path], false, TextReader.Null);
        Assert.Equal(["one", "two"], objects.Select(o => JsonNode.Parse(o.Json)!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(objects, o => Assert.Equal(path, o.Source));
    }

    [Fact]
    public void A_folder_gives_its_manifest_files_in_name_order_and_recursive_also_sub_folders()
    {
        Write("b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
        Write("a.json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}""");
        Write("notes.txt", "not a manifest");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        Write(Path.Combine("sub", "c.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");

        Assert.Equal(["a", "b"], Names(ManifestSource.Read([_dir], false, TextReader.Null)));
        Assert.Equal(["a", "b", "c"], Names(ManifestSource.Read([_dir], true, TextReader.Null)));
    }

    [Fact]
    public void A_dash_reads_standard_input() =>
        Assert.Equal(["one", "two"], Names(ManifestSource.Read(["-"], false, new StringReader(TwoDocuments))));

    [Fact]
    public void A_malformed_file_is_an_error_naming_the_file_document_and_line()
    {
        var path = Write("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
        var error = Assert.Throws<CtlException>(() => ManifestSource.Read([path], false, TextReader.Null));
        Assert.StartsWith($"error: error parsing {path}: document 0:", error.Message);
        Assert.Contains("line", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_field_is_refused_as_kubectls_strict_validation_does()
    {
        var path = Write("typo.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replcas: 3\n");
        var error = Assert.Throws<CtlException>(() => ManifestSource.Read([path], false, TextReader.Null));
        Assert.Contains("unknown field \"spec.replcas\"", error.Message);
    }

    [Fact]
    public void A_missing_path_is_named() =>
        Assert.Equal("error: the path \"/nonexistent/x.yaml\" does not exist", Assert.Throws<CtlException>(() => ManifestSource.Read(["/nonexistent/x.yaml"], false, TextReader.Null)).Message);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static IEnumerable<string> Names(IEnumerable<ManifestObject> objects) =>
        objects.Select(o => JsonNode.Parse(o.Json)!["metadata"]!["name"]!.GetValue<string>());
}
