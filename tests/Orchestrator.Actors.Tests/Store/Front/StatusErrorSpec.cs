using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Model.Validation;

namespace Orchestrator.Actors.Tests.Store.Front;

/// <summary>Errors carry what kubectl prints and reads.</summary>
public sealed class StatusErrorSpec
{
    [Fact]
    public void Not_found_renders_as_the_apiservers_status_object()
    {
        var json = StatusError.NotFound("pods", "x").ToStatusJson();
        var expected = JsonNode.Parse("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}
            """);
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void Invalid_lists_one_cause_per_field()
    {
        var result = new ValidationResult([
            FieldError.Required(FieldPath.Of("spec").Child("containers")),
            FieldError.Invalid(FieldPath.Of("metadata").Child("name"), "A_b", "bad name"),
        ]);
        var error = StatusError.Invalid("Pod", "pods", "A_b", result);
        Assert.Equal((422, "Invalid"), (error.Code, error.Reason));
        Assert.Equal(["spec.containers", "metadata.name"], error.Details!.Causes!.Select(c => c.Field));
        Assert.Equal(["FieldValueRequired", "FieldValueInvalid"], error.Details.Causes!.Select(c => c.Reason));
        Assert.StartsWith("The Pod \"A_b\" is invalid", error.Message);
    }

    [Theory]
    [InlineData("AlreadyExists", 409)]
    [InlineData("Conflict", 409)]
    [InlineData("Expired", 410)]
    [InlineData("BadRequest", 400)]
    public void Every_reason_has_its_http_code(string reason, int code)
    {
        var error = reason switch
        {
            "AlreadyExists" => StatusError.AlreadyExists("pods", "x"),
            "Conflict" => StatusError.StaleResourceVersion("pods", "x"),
            "Expired" => StatusError.Gone("too old resource version: 1 (5)"),
            _ => StatusError.BadRequest("bad"),
        };
        Assert.Equal((reason, code), (error.Reason, error.Code));
    }
}
