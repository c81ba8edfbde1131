using Orchestrator.Ctl.Output;
using static Orchestrator.Ctl.Tests.Output.TestObjects;

namespace Orchestrator.Ctl.Tests.Output;

public sealed class DescribePrinterTests
{
    [Fact]
    public void A_pod_is_described_with_its_containers_and_events()
    {
        var ev = Parse("""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web-1.1","namespace":"default"},"involvedObject":{"kind":"Pod","name":"web-1"},
             "reason":"Pulled","message":"Container image \"busybox\" already present","type":"Normal","source":{"component":"kubelet"},"lastTimestamp":"2026-05-01T11:59:30Z"}
            """);
        var text = DescribePrinter.Print(RunningPod("web-1"), [ev], Now);

        Assert.StartsWith("Name:               web-1\nNamespace:          default\nLabels:             <none>\n", text);
        Assert.Contains("Status:             Running\n", text);
        Assert.Contains("  web:\n    Container ID:   docker://abc\n    Image:          busybox\n    State:          Running\n    Ready:          True\n", text);
        Assert.Contains("Events:\n  Type     Reason   Age    From      Message\n  ----     ------   ----   ----      -------\n  Normal   Pulled   30s    kubelet   Container image \"busybox\" already present\n", text);
    }

    [Fact]
    public void An_object_without_events_says_none_and_shows_its_other_fields()
    {
        var text = DescribePrinter.Print(Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default","labels":{"b":"2","a":"1"}},"data":{"k":"v"}}"""), [], Now);
        Assert.Contains("Labels:             a=1\n                    b=2\n", text);
        Assert.Contains("Data:\n  k: v\n", text);
        Assert.EndsWith("Events:             <none>\n", text);
    }
}
