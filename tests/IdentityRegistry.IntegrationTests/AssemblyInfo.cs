// One test at a time: the enrolment pages and API share the gateway's "anonymous" rate limit per client address, and
// the imports measure their own progress and outbox; run one after the other, each stays well clear of the others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
