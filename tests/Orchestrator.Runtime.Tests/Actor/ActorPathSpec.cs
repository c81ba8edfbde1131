namespace Orchestrator.Runtime.Tests.Actor;

public sealed class ActorPathSpec
{
    private static readonly RootActorPath Root = new(Address.Local("sys"));

    [Fact]
    public void A_path_prints_with_and_without_its_address()
    {
        var path = Root / "user" / "a";
        Assert.Equal("orch://sys/user/a", path.ToString());
        Assert.Equal("/user/a", path.ToStringWithoutAddress());
        Assert.Equal("/", Root.ToStringWithoutAddress());
        Assert.Equal(["user", "a"], path.Elements);
        Assert.Equal(2, path.Depth);
        Assert.Equal("a", path.Name);
    }

    [Fact]
    public void The_serialization_format_carries_the_incarnation_uid()
    {
        var path = new ChildActorPath(Root / "user", "a", 42);
        Assert.Equal("orch://sys/user/a#42", path.ToSerializationFormat());
        Assert.Equal("orch://sys/user/a", (Root / "user" / "a").ToSerializationFormat());
    }

    [Theory]
    [InlineData("orch://sys/user/a", "orch://sys/user/a", 0L)]
    [InlineData("orch://sys/user/a#42", "orch://sys/user/a", 42L)]
    [InlineData("orch.tcp://sys@host:2552/user/a/b", "orch.tcp://sys@host:2552/user/a/b", 0L)]
    [InlineData("orch://sys", "orch://sys/", 0L)]
    public void Parsing_a_printed_path_gives_it_back(string text, string printed, long uid)
    {
        Assert.True(ActorPath.TryParse(text, out var path));
        Assert.Equal(printed, path!.ToString());
        Assert.Equal(uid, path.Uid);
    }

    [Theory]
    [InlineData("/user/a")]
    [InlineData("user/a")]
    [InlineData("orch://")]
    [InlineData("orch://sys/user/a#notanumber")]
    public void Relative_or_malformed_paths_do_not_parse(string text)
    {
        Assert.False(ActorPath.TryParse(text, out _));
    }

    [Fact]
    public void Paths_are_equal_by_address_and_names_and_by_uid_when_both_are_known()
    {
        var any = Root / "user" / "a";
        var first = new ChildActorPath(Root / "user", "a", 1);
        var second = new ChildActorPath(Root / "user", "a", 2);
        Assert.Equal(any, first);
        Assert.Equal(any.GetHashCode(), first.GetHashCode());
        Assert.NotEqual(first, second);
        Assert.NotEqual(any, new RootActorPath(Address.Local("other")) / "user" / "a");
        Assert.NotEqual<ActorPath>(any, Root / "user" / "b");
    }

    [Fact]
    public void Ordering_agrees_with_equality_about_incarnations()
    {
        var any = Root / "user" / "a";
        var first = new ChildActorPath(Root / "user", "a", 1);
        var second = new ChildActorPath(Root / "user", "a", 2);
        Assert.Equal(0, any.CompareTo(first));
        Assert.NotEqual(0, first.CompareTo(second));
        Assert.Equal(-Math.Sign(first.CompareTo(second)), Math.Sign(second.CompareTo(first)));
        Assert.Equal(2, new SortedSet<ActorPath> { first, second }.Count);
        Assert.True((Root / "user" / "a").CompareTo(Root / "user" / "b") < 0);
    }

    [Fact]
    public void A_remote_address_prints_and_parses_host_and_port()
    {
        var address = new Address("orch.tcp", "sys", "10.0.0.1", 2552);
        Assert.Equal("orch.tcp://sys@10.0.0.1:2552", address.ToString());
        Assert.True(Address.TryParse(address.ToString(), out var parsed));
        Assert.Equal(address, parsed);
        Assert.False(address.IsLocal);
        Assert.Equal("orch.tcp://sys@10.0.0.1:2552/user/a", (Root / "user" / "a").WithAddress(address).ToString());
    }
}
