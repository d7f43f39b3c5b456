// Packing and publishing with Native AOT each keep both cores busy for minutes: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
