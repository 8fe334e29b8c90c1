// One test stops RabbitMQ: nothing else may run while it does.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
