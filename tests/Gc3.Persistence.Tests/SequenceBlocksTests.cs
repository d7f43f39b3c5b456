namespace Gc3.Persistence.Tests;

public class SequenceBlocksTests
{
    [Fact]
    public void Next_gives_consecutive_numbers_from_blocks_that_double_up_to_the_cap()
    {
        var source = new CountingSource();
        var blocks = new SequenceBlocks(source.Reserve, maxBlock: 8);

        var numbers = Enumerable.Range(0, 40).Select(_ => blocks.Next()).ToList();

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), numbers);
        Assert.Equal([1, 2, 4, 8, 8, 8, 8, 8], source.Calls); // 1+2+4+8*5 = 47 reserved, 40 used
    }

    [Fact]
    public void The_stores_cap_is_256()
    {
        var source = new CountingSource();
        var blocks = new SequenceBlocks(source.Reserve);

        for (var i = 0; i < 2_000; i++)
        {
            blocks.Next();
        }

        Assert.Equal(256, blocks.MaxBlock);
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 256, 256, 256, 256, 256, 256], source.Calls);
    }

    [Fact]
    public void A_cap_of_one_reserves_each_number_on_its_own()
    {
        var source = new CountingSource();
        var blocks = new SequenceBlocks(source.Reserve, maxBlock: 1);

        Assert.Equal([1, 2, 3], new[] { blocks.Next(), blocks.Next(), blocks.Next() });
        Assert.Equal([1, 1, 1], source.Calls);
    }

    [Fact]
    public void Take_reserves_several_numbers_in_one_call_and_keeps_the_current_block()
    {
        var source = new CountingSource();
        var blocks = new SequenceBlocks(source.Reserve);
        Assert.Equal(1, blocks.Next()); // block [1]
        Assert.Equal(2, blocks.Next()); // block [2, 3]

        Assert.Equal(4, blocks.Take(10)); // 4..13, at once

        Assert.Equal(3, blocks.Next()); // the rest of the block [2, 3]
        Assert.Equal(14, blocks.Next()); // a new block [14..17]
        Assert.Equal([1, 2, 10, 4], source.Calls);
        Assert.Equal(15, blocks.Take(1)); // one number is Next's
        Assert.Equal([1, 2, 10, 4], source.Calls);
    }

    [Fact]
    public void Reserve_takes_n_numbers_at_once_for_the_next_n_calls()
    {
        var source = new CountingSource();
        var blocks = new SequenceBlocks(source.Reserve, maxBlock: 1);

        blocks.Reserve(5);
        blocks.Reserve(3); // five are held already: no call
        var numbers = Enumerable.Range(0, 6).Select(_ => blocks.Next()).ToList();

        Assert.Equal([1, 2, 3, 4, 5, 6], numbers);
        Assert.Equal([5, 1], source.Calls);
    }

    [Fact]
    public void Reserve_replaces_a_block_too_small_for_it()
    {
        var source = new CountingSource();
        var blocks = new SequenceBlocks(source.Reserve, maxBlock: 1);
        blocks.Reserve(2);
        Assert.Equal(1, blocks.Next()); // one of [1, 2] left

        blocks.Reserve(3); // [3, 4, 5]; number 2 is given up, never given twice

        Assert.Equal([3, 4, 5, 6], Enumerable.Range(0, 4).Select(_ => blocks.Next()));
        Assert.Equal([2, 3, 1], source.Calls);
    }

    [Fact]
    public void Threads_never_get_the_same_number_and_leave_no_gap()
    {
        var source = new CountingSource();
        var blocks = new SequenceBlocks(source.Reserve);
        const int threads = 8;
        const int perThread = 20_000;
        var taken = new long[threads][];

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var mine = new long[perThread];
            for (var i = 0; i < perThread; i++)
            {
                mine[i] = i % 100 == 99 ? blocks.Take(3) : blocks.Next();
            }

            taken[t] = mine;
        });

        // Take(3) gave three numbers: its first and the two after it.
        var all = taken.SelectMany(numbers => numbers.SelectMany((n, i) => i % 100 == 99 ? new[] { n, n + 1, n + 2 } : [n])).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());

        // Blocks are handed out in order, so each thread's single numbers rise; every number the
        // source reserved was used but for the rest of the last block.
        Assert.All(taken, numbers => Assert.Equal(numbers.Where((_, i) => i % 100 != 99).Order(), numbers.Where((_, i) => i % 100 != 99)));
        Assert.InRange(source.Calls.Sum() - all.Count, 0, SequenceBlocks.DefaultMaxBlock - 1);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new SequenceBlocks(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceBlocks(n => 1, maxBlock: 0));
        var blocks = new SequenceBlocks(n => 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => blocks.Take(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => blocks.Reserve(-1));
    }

    // A counter as the stores' counter file and table are: each call reserves n numbers after the last.
    // Called only under the blocks' lock, so it needs none of its own; Calls records each n asked for.
    private sealed class CountingSource
    {
        private long _next = 1;

        public List<int> Calls { get; } = [];

        public long Reserve(int n)
        {
            Calls.Add(n);
            var first = _next;
            _next += n;
            return first;
        }
    }
}
