// The pages and the enrolment API share the gateway's "anonymous" rate limit per client address: one test at a time
// keeps these tests well under it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
