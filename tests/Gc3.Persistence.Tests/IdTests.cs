namespace Gc3.Persistence.Tests;

public class IdTests
{
    [Theory]
    [InlineData("job.1", "job", 1)]
    [InlineData("Executable.42", "Executable", 42)]
    [InlineData("my.app.job.7", "my.app.job", 7)]
    [InlineData("a-b_c.0", "a-b_c", 0)]
    public void Parse_reverses_ToString(string text, string prefix, long seqNo)
    {
        var id = Id.Parse(text);

        Assert.Equal((prefix, seqNo), (id.Prefix, id.SeqNo));
        Assert.Equal(text, id.ToString());
        Assert.Equal(id, Id.Parse(id.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("job")]
    [InlineData("job.")]
    [InlineData(".1")]
    [InlineData("job.-1")]
    [InlineData("job.1a")]
    [InlineData("job.99999999999999999999")]
    [InlineData("j ob.1")]
    public void TryParse_refuses_what_is_not_an_id(string text)
    {
        Assert.False(Id.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Id.Parse(text));
        Assert.Contains("is not an ID", error.Message);
    }

    [Fact]
    public void Ids_order_by_prefix_then_number_and_compare_by_value()
    {
        var ids = new[] { Id.Parse("job.10"), Id.Parse("Executable.3"), Id.Parse("job.9"), Id.Parse("job.10") };

        Assert.Equal(["Executable.3", "job.9", "job.10", "job.10"], ids.Order().Select(i => i.ToString()));
        Assert.Equal(ids[0], ids[3]);
        Assert.True(ids[0] == ids[3]);
        Assert.Equal(ids[0].GetHashCode(), ids[3].GetHashCode());
        Assert.True(ids[2] < ids[0]);
    }

    [Fact]
    public void A_factory_gives_unique_ids_with_its_prefix_or_the_class_name()
    {
        var counter = 100L;
        var factory = new IdFactory(nextSeqNo: n => Interlocked.Add(ref counter, n) - n);
        var jobs = new JobIdFactory();

        Assert.Equal("Uri.100", factory.New(new Uri("http://x")).ToString());
        Assert.Equal("Uri.101", factory.New(new Uri("http://y")).ToString());
        Assert.Equal("job.1", jobs.New(new object()).ToString());
        Assert.Equal("job.2", jobs.New(new object()).ToString());
    }

    [Fact]
    public void Reserve_takes_a_block_in_one_call_to_the_source()
    {
        var calls = new List<int>();
        var next = 1L;
        var factory = new IdFactory("t", n =>
        {
            calls.Add(n);
            var first = next;
            next += n;
            return first;
        });

        factory.Reserve(5);
        var ids = Enumerable.Range(0, 6).Select(_ => factory.New(new object()).SeqNo).ToList();

        Assert.Equal([5, 1], calls);
        Assert.Equal([1, 2, 3, 4, 5, 6], ids);
    }

    [Fact]
    public void A_store_gives_a_factory_without_a_source_its_own_counter()
    {
        using var directory = new TemporaryDirectory("ids");
        using (var store = new FilesystemStore(directory.Path, new StoreOptions { IdFactory = new JobIdFactory() }))
        {
            Assert.Equal("job.1", store.Save(StoreContract.Samples.Executable()).ToString());
        }

        using var reopened = new FilesystemStore(directory.Path, new StoreOptions { IdFactory = new JobIdFactory() });
        Assert.Equal("job.2", reopened.Save(StoreContract.Samples.Executable()).ToString());
    }
}
